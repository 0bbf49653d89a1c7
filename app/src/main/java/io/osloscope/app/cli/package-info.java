/**
 * The command line, in the same jar as the window: {@link io.osloscope.app.cli.CliMain} dispatches to one
 * {@link io.osloscope.app.cli.CliCommand} per command ({@code call}, {@code cast}, {@code bench}, {@code simulate},
 * {@code serve}, {@code sniff}). Results go to stdout, one-line errors to stderr, with the exit codes of
 * {@link io.osloscope.app.cli.CliCommand}; the log goes to the file of {@code app.log} ({@code --verbose}: also stderr).
 * No JavaFX is loaded on this path.
 */
package io.osloscope.app.cli;
