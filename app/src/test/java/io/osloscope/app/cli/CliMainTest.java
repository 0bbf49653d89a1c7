package io.osloscope.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The picocli command line as a whole: help, completion, argfiles, the global --verbose, one-line usage errors. */
class CliMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return CliMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsEveryCommandAndTheLogFile() {
        assertEquals(0, run("--help"));
        for (String command : List.of("call", "cast", "bench", "simulate", "serve", "sniff", "trace", "completion")) {
            assertTrue(out().contains("\n  " + command + " "), command + " in:\n" + out());
        }
        assertTrue(out().contains("The log file: "), out());
        assertTrue(out().contains("--screenshot FILE"), "the window's options are named too:\n" + out());
        assertTrue(out().contains("--open FILE.jsonl") && out().contains("--connect URL"), out());
    }

    @Test
    void everyCommandsHelpShowsItsOptionsWithDefaults() {
        assertEquals(0, run("simulate", "--help"));
        assertTrue(out().contains("--computes=N") && out().contains("Default: 3"), out());
        assertEquals(0, run("help", "serve"));
        assertTrue(out().contains("--listen=HOST:PORT") && out().contains("Default: 127.0.0.1:8774"), out());
        assertEquals(0, run("bench", "rpc", "-h"));
        assertTrue(out().contains("--window=N") && out().contains("Default: " + RpcBench.Config.DEFAULT_WINDOW), out());
    }

    @Test
    void theCompletionScriptCompletesEveryCommandAndItsOptions() {
        assertEquals(0, run("completion"));
        String script = out();
        assertTrue(script.contains("complete -F _complete_osloscope"), "a bash completion function:\n" + script);
        for (String command : List.of("call", "cast", "bench", "simulate", "serve", "sniff", "help")) {
            assertTrue(script.contains(command), command);
        }
        assertTrue(script.contains("rpc") && script.contains("--scenario") && script.contains("--consent-firehose"));
        assertTrue(script.contains("kolla-2025.1") && script.contains("nova-conductor"), "dialects and services too");
    }

    @Test
    void argumentsMayComeFromAnArgfile(@TempDir Path dir) throws Exception {
        Path args = dir.resolve("boot.args");
        Files.writeString(args, "# a simulation\n--transport memory://argfile-test --computes 2\n"
                + "--scenario boot --count 2 --json\n");
        assertEquals(0, run("simulate", "@" + args), err());
        assertTrue(out().contains("\"outcome\" : \"ok\""), out());
    }

    @Test
    void verboseIsTakenAnywhereOnACommandLine() {
        assertEquals(CliCommand.TIMEOUT, run("--verbose", "call", "--transport", "memory://verbose-test", "--topic", "t",
                "-v", "--timeout", "0.2", "ping"), err());
    }

    @Test
    void aUsageErrorIsOneLineWithASuggestionOrTheOptions() {
        assertEquals(CliCommand.USAGE, run("call", "--topc", "compute", "ping"));
        assertEquals(1, err().strip().lines().count(), err());
        assertTrue(err().startsWith("osloscope call: unknown option --topc (did you mean --topic?)"), err());
        err.reset();
        assertEquals(CliCommand.USAGE, run("call", "--bogus"));
        assertTrue(err().contains("unknown option --bogus; the options are --transport, "), err());
        err.reset();
        assertEquals(CliCommand.USAGE, run("simulat"));
        assertTrue(err().contains("unknown command 'simulat' (did you mean simulate?)"), err());
        err.reset();
        assertEquals(CliCommand.USAGE, run("cast", "--transport", "memory://", "--topic", "t"));
        assertTrue(err().contains("METHOD is missing"), err());
    }
}
