package io.osloscope.app.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintStream;

/** {@code completion}: prints picocli's generated bash (and zsh) completion script for every command and option. */
@Command(name = "completion", description = {"Print a bash/zsh completion script for every command and option.",
        "Load it with: source <(osloscope completion), or save it as osloscope.bash in your bash-completion"
                + " directory. Completes the name 'osloscope': alias osloscope='java -jar .../osloscope.jar'."})
final class CompletionCommand implements CliCommand {
    @Spec
    CommandSpec spec;
    @Mixin
    HelpOption help;

    @Override
    public int execute(PrintStream out, PrintStream err) {
        out.print(AutoComplete.bash(spec.root().name(), spec.root().commandLine()));
        return OK;
    }
}
