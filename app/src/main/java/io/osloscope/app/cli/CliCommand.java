package io.osloscope.app.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * One sub-command of the jar ({@code call}, {@code cast}, {@code serve}, ...): a picocli {@code @Command} whose
 * options picocli fills before {@link #execute} runs. Exit codes: 0 success, 1 remote error, 2 bad usage,
 * 3 timeout, 4 connection or authentication failure, 5 a declare refused by the broker.
 */
public interface CliCommand {
    int OK = 0;
    int REMOTE_ERROR = 1;
    int USAGE = 2;
    int TIMEOUT = 3;
    int CONNECTION = 4;
    /** The broker refused a declare (406 inequivalent, 541 denied): another dialect's shapes are there. */
    int REFUSED = 5;

    /**
     * Runs with the options picocli has set. A {@link UsageException} becomes one line on stderr and exit 2.
     *
     * @return the exit code
     */
    int execute(PrintStream out, PrintStream err);

    /**
     * Parses {@code args} (everything after the command's name) into this command and runs it, exactly as
     * {@code osloscope <name> args...} would: help, usage errors and exit codes included.
     */
    default int run(List<String> args, PrintStream out, PrintStream err) {
        return CliMain.run(this, args, out, err);
    }
}
