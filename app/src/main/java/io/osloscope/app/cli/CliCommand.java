package io.osloscope.app.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * One sub-command of the jar ({@code call}, {@code cast}, {@code serve}, ...). Exit codes:
 * 0 success, 1 remote error, 2 bad usage, 3 timeout, 4 connection or authentication failure, 5 a declare
 * refused by the broker.
 */
public interface CliCommand {
    int OK = 0;
    int REMOTE_ERROR = 1;
    int USAGE = 2;
    int TIMEOUT = 3;
    int CONNECTION = 4;
    /** The broker refused a declare (406 inequivalent, 541 denied): another dialect's shapes are there. */
    int REFUSED = 5;

    String name();

    /** One line for {@code --help}. */
    String summary();

    /** Full usage text for {@code <command> --help}. */
    String usage();

    int run(List<String> args, PrintStream out, PrintStream err);
}
