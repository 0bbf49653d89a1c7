package io.osloscope.app.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Dispatches the command line to a {@link CliCommand}; shares the engine with the GUI. */
public final class CliMain {
    private static final Map<String, CliCommand> COMMANDS = new LinkedHashMap<>();

    static {
        for (CliCommand c : commands()) {
            COMMANDS.put(c.name(), c);
        }
    }

    private CliMain() {
    }

    /** Every command, in the order {@code --help} lists them. */
    private static List<CliCommand> commands() {
        List<CliCommand> list = new ArrayList<>();
        list.add(CallCommand.call());
        list.add(CallCommand.cast());
        list.add(new BenchCommand());
        list.add(new SimulateCommand());
        list.add(new ServeCommand());
        list.add(new SniffCommand());
        return list;
    }

    /** True when the arguments ask for the command line rather than the window. */
    public static boolean handles(String[] args) {
        if (args.length == 0) {
            return false;
        }
        String first = args[0];
        return first.equals("--help") || first.equals("-h") || first.equals("help") || first.equals("--version")
                || COMMANDS.containsKey(first) || !first.startsWith("-");
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        String first = args[0];
        if (first.equals("--help") || first.equals("-h") || first.equals("help")) {
            printHelp(out);
            return CliCommand.OK;
        }
        if (first.equals("--version")) {
            out.println("osloscope " + version());
            return CliCommand.OK;
        }
        CliCommand command = COMMANDS.get(first);
        if (command == null) {
            err.println("osloscope: unknown command '" + first + "'");
            printHelp(err);
            return CliCommand.USAGE;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (rest.contains("--help") || rest.contains("-h")) {
            out.println(command.usage());
            return CliCommand.OK;
        }
        return command.run(rest, out, err);
    }

    private static String logFileText() {
        java.nio.file.Path file = io.osloscope.app.log.LogSetup.logFile();
        return file == null ? "none (its directory could not be created)" : file.toString();
    }

    static String version() {
        String v = CliMain.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private static void printHelp(PrintStream out) {
        out.println("Osloscope: inspector and simulator for OpenStack oslo.messaging RPC");
        out.println();
        out.println("Usage:");
        out.println("  osloscope                      open the window on memory:// with a simulated nova cluster");
        out.println("  osloscope --screenshot FILE    start the window, run start_instance, write a PNG, exit");
        out.println("  osloscope <command> [options]  run a command headless (<command> --help for its options)");
        out.println();
        out.println("Commands:");
        for (CliCommand c : COMMANDS.values()) {
            out.printf("  %-10s %s%n", c.name(), c.summary());
        }
        out.println();
        out.println("Transports: memory:// (embedded broker) or rabbit://user:pass@host:port/vhost");
        out.println();
        out.println("Global option: --verbose (-v) also writes the log to stderr, with debug detail.");
        out.println("The log file: " + logFileText());
    }
}
