package io.osloscope.app.cli;

import picocli.CommandLine.Option;

/** {@code -h}/{@code --help} for every command (a mixin: picocli prints the generated usage and exits 0). */
final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}
