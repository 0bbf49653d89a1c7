package io.osloscope.app.cli;

import io.osloscope.app.log.LogSetup;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The command line on picocli: the {@code osloscope} root command, one {@link CliCommand} per sub-command,
 * {@code help} and {@code completion}. Generated {@code --help}, {@code @argfile}s, the inherited
 * {@code --verbose}; a usage error is one line on stderr and exit 2. Shares the engine with the GUI.
 */
public final class CliMain {
    private static final String LOG_FILE_SECTION = "logFile";

    private CliMain() {
    }

    /** The root command: the options valid before any sub-command, and the help text around the list. */
    @Command(name = "osloscope", versionProvider = Root.class, usageHelpAutoWidth = true,
            synopsisHeading = "", customSynopsis = {
                    "Usage: osloscope [-v] [--screenshot FILE] [--computes N] [--lang LANG]",
                    "       osloscope [-v] --lesson ID|FILE [--screenshot-dir DIR] [--size WxH] [--lang LANG]",
                    "       osloscope --lessons [--lang LANG]",
                    "       osloscope [-v] [--screenshot FILE] --open FILE.jsonl",
                    "       osloscope [-v] [--screenshot FILE] --connect URL|--config FILE [--mode tap|firehose"
                            + " --consent-firehose] [--management URL]",
                    "       osloscope [-v] <command> [options] [@FILE...]"},
            description = {"%nOsloscope: inspector and simulator for OpenStack oslo.messaging RPC.",
                    "Without a command: the window, on memory:// with a simulated nova cluster (--computes N,"
                            + " default 3; --screenshot FILE runs start_instance, writes a PNG and exits); --open shows"
                            + " a recording, --connect (or --config's transport_url) sniffs a RabbitMQ, and with"
                            + " --screenshot their Trace tab goes to the PNG.",
                    "With one: the command headless; '<command> --help' shows its options and defaults, @FILE reads"
                            + " more arguments from FILE (an argfile), 'osloscope completion' prints a bash/zsh"
                            + " completion script.",
                    "Lessons: --lesson ID|FILE opens a guided lesson in the window; with --screenshot-dir DIR it writes"
                            + " every step as DIR/step-01.png ... and exits (--size WxH sets the window, e.g. 1280x720)."},
            optionListHeading = "%nOptions:%n", commandListHeading = "%nCommands:%n",
            footer = {"%nTransports: memory:// (embedded broker) or rabbit://user:pass@host:port/vhost.",
                    TransportChoice.EXIT_CODES})
    static final class Root implements CommandLine.IVersionProvider {
        @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
                description = "Also write the log to stderr, with debug detail (every command and the window).")
        void verbose(boolean[] on) {
            LogSetup.verbose();
        }

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;

        @Option(names = "--version", versionHelp = true, description = "Print the version and exit.")
        boolean version;

        @Option(names = "--lessons", description = "List the built-in lessons, one per line: the id, then the title"
                + " (in the system's language, or --lang LANG's); open one with --lesson ID.")
        boolean lessons;

        @Option(names = "--lang", paramLabel = "LANG", description = "The lessons' language, e.g. zh_CN"
                + " (default: the system's; English where a lesson has no translation).")
        String lang;

        @Override
        public String[] getVersion() {
            return new String[]{"osloscope " + version()};
        }
    }

    /** Every command, in the order {@code --help} lists them. */
    private static List<CliCommand> commands() {
        return List.of(CallCommand.call(), CallCommand.cast(), new BenchCommand(), new SimulateCommand(),
                new ServeCommand(), new LoadtestCommand(), new SniffCommand(), new TraceCommand(), new HealthCommand(),
                new CompletionCommand());
    }

    /**
     * True when the arguments ask for the command line rather than the window: a command name, an argfile,
     * {@code help}, {@code --help} or {@code --version} first. Builds nothing (the window must start fast).
     */
    public static boolean handles(String[] args) {
        if (args.length == 0) {
            return false;
        }
        String first = args[0];
        return first.equals("--help") || first.equals("-h") || first.equals("--version") || !first.startsWith("-")
                || List.of(args).contains("--lessons");
    }

    /** Runs {@code osloscope args...}; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return commandLine(commands(), out, err).execute(args);
    }

    /** Runs one command as {@code osloscope <its name> args...} would, on this very instance. */
    static int run(CliCommand command, List<String> args, PrintStream out, PrintStream err) {
        CommandLine cl = commandLine(List.of(command), out, err);
        List<String> argv = new ArrayList<>();
        argv.add(cl.getSubcommands().keySet().iterator().next());
        argv.addAll(args);
        return cl.execute(argv.toArray(String[]::new));
    }

    /**
     * Parses {@code args} into {@code command} (and its sub-commands) without running anything, for the commands'
     * own parse methods. Returns the options object of the innermost command named; every mistake is a
     * {@link UsageException} with the message a user would see.
     */
    static Object parse(Object command, List<String> args) {
        try {
            ParseResult r = new CommandLine(command).parseArgs(args.toArray(String[]::new));
            while (r.hasSubcommand()) {
                r = r.subcommand();
            }
            return r.commandSpec().userObject();
        } catch (ParameterException e) {
            throw new UsageException(message(e));
        }
    }

    private static CommandLine commandLine(List<CliCommand> commands, PrintStream out, PrintStream err) {
        CommandLine root = new CommandLine(new Root());
        for (CliCommand c : commands) {
            root.addSubcommand(new CommandLine(c));
        }
        root.addSubcommand(new CommandLine.HelpCommand());
        root.getHelpSectionMap().put(LOG_FILE_SECTION, help -> "The log file: " + logFileText() + "\n");
        List<String> sections = new ArrayList<>(root.getHelpSectionKeys());
        sections.add(LOG_FILE_SECTION);
        root.setHelpSectionKeys(sections);
        root.setOut(new PrintWriter(out, true));
        root.setErr(new PrintWriter(err, true));
        root.setExecutionStrategy(parsed -> {
            Integer help = CommandLine.executeHelpRequest(parsed);
            if (help != null) {
                return help;
            }
            ParseResult leaf = parsed;
            while (leaf.hasSubcommand()) {
                leaf = leaf.subcommand();
            }
            try {
                if (leaf.commandSpec().userObject() instanceof Root r && r.lessons) {
                    LessonsList.print(r.lang, out);
                    out.flush();
                    return 0;
                }
                if (leaf.commandSpec().userObject() instanceof CliCommand c) {
                    int code = c.execute(out, err);
                    out.flush();
                    return code;
                }
                throw new UsageException("name a command; osloscope --help lists them");
            } catch (UsageException e) {
                return usageError(leaf.commandSpec().commandLine(), e.getMessage(), err);
            }
        });
        root.setParameterExceptionHandler((e, args) -> usageError(e.getCommandLine(), message(e), err));
        return root;
    }

    /** One line: {@code osloscope call: <what> (see 'osloscope call --help')}; exit 2. */
    private static int usageError(CommandLine where, String message, PrintStream err) {
        String name = where.getCommandSpec().qualifiedName(" ");
        err.println(name + ": " + CallCommand.oneLine(message) + " (see '" + name + " --help')");
        err.flush();
        return CliCommand.USAGE;
    }

    /** What picocli found wrong, said as this program's usage messages say it. */
    static String message(ParameterException e) {
        CommandSpec spec = e.getCommandLine().getCommandSpec();
        List<String> unmatched = e.getCommandLine().getUnmatchedArguments();
        if (e instanceof CommandLine.MissingParameterException && !unmatched.isEmpty()) {
            // picocli checks required parameters first; an unknown option is the more likely mistake to report
            e = new CommandLine.UnmatchedArgumentException(e.getCommandLine(), unmatched);
        }
        if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            List<String> suggestions = u.getSuggestions();
            if (arg.startsWith("-")) {
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                return "unknown option " + name + (suggestions.isEmpty()
                        ? "; the options are " + spec.options().stream().filter(o -> !o.hidden())
                        .map(OptionSpec::longestName).collect(Collectors.joining(", "))
                        : " (did you mean " + String.join(" or ", suggestions) + "?)");
            }
            List<String> commands = spec.subcommands().entrySet().stream()
                    .filter(c -> !c.getValue().getCommandSpec().usageMessage().hidden()).map(c -> c.getKey()).toList();
            if (commands.size() == 1) {
                return "unknown command '" + arg + "'; expected '" + spec.name() + " " + commands.get(0) + " ...'";
            }
            if (!commands.isEmpty()) {
                return "unknown command '" + arg + "'" + (suggestions.isEmpty() ? "" : " (did you mean "
                        + String.join(" or ", suggestions) + "?)") + "; the commands are " + String.join(", ", commands);
            }
            return "unexpected argument '" + arg + "'";
        }
        if (e instanceof CommandLine.MissingParameterException m && !m.getMissing().isEmpty()) {
            ArgSpec missing = m.getMissing().get(0);
            if (missing instanceof OptionSpec o) {
                return o.longestName() + " needs a value";
            }
            Iterable<String> choices = missing.completionCandidates();
            return missing.paramLabel() + " is missing" + (choices == null ? ""
                    : "; one of " + String.join(", ", choices));
        }
        if (e instanceof CommandLine.OverwrittenOptionException o && o.getOverwritten() instanceof OptionSpec spec1) {
            return spec1.longestName() + " given twice";
        }
        String text = e.getMessage();
        return text == null || text.isEmpty() ? "bad arguments" : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    private static String logFileText() {
        java.nio.file.Path file = LogSetup.logFile();
        return file == null ? "none (its directory could not be created)" : file.toString();
    }

    static String version() {
        String v = CliMain.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
