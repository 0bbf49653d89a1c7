/**
 * The command line, in the same jar as the window, on picocli: {@link io.osloscope.app.cli.CliMain} is the
 * {@code osloscope} root command with one {@link io.osloscope.app.cli.CliCommand} per sub-command ({@code call},
 * {@code cast}, {@code bench rpc}, {@code simulate}, {@code serve}, {@code sniff}, {@code completion}, {@code help}).
 * Each command declares its options as annotated fields (shared ones as the mixins {@link
 * io.osloscope.app.cli.DialectOptions} and {@link io.osloscope.app.cli.HelpOption}), so {@code --help}, the
 * completion script and {@code @argfile}s come from one description. Results go to stdout, one-line errors to
 * stderr, with the exit codes of {@link io.osloscope.app.cli.CliCommand}; the log goes to the file of
 * {@code app.log} ({@code --verbose}: also stderr). No JavaFX is loaded on this path.
 */
package io.osloscope.app.cli;
