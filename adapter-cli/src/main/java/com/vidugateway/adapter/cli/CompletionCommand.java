package com.vidugateway.adapter.cli;

import com.vidugateway.domain.text.Messages;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code vidu completion bash|zsh}: the shell completion script of the whole command line, as picocli's
 * {@link AutoComplete} writes it from the commands (subcommands, options, and the catalogue's values for the request
 * options). One script serves both shells: under zsh it loads {@code bashcompinit} itself, as picocli's completion
 * guide recommends. Offline: it needs no store and no provider.
 */
@Command(name = "completion")
public final class CompletionCommand implements Callable<Integer> {

    static final List<String> SHELLS = List.of("bash", "zsh");

    /** The shells, for completion of this command's own argument. */
    public static final class Shells implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return SHELLS.iterator();
        }
    }

    @Parameters(index = "0", paramLabel = "SHELL", completionCandidates = Shells.class, descriptionKey = "shell")
    String shell;

    @Mixin
    Terminal terminal = new Terminal();

    @Override
    public Integer call() {
        String chosen = shell.toLowerCase(Locale.ROOT);
        if (!SHELLS.contains(chosen)) {
            PrintWriter err = terminal.err();
            Messages messages = terminal.messages();
            err.println(terminal.spec.commandLine().getColorScheme().errorText("vidu completion: "
                    + messages.text("cli.completion.unknown_shell", "shell", shell, "first", SHELLS.get(0),
                            "second", SHELLS.get(1))));
            err.flush();
            return ExitCode.INVALID;
        }
        CommandLine root = terminal.spec.root().commandLine();
        String script = AutoComplete.bash(root.getCommandName(), root);
        PrintWriter out = terminal.out();
        if (chosen.equals("zsh")) {
            // The script checks $ZSH_VERSION and runs compinit/bashcompinit itself (picocli's own zsh support).
            int firstLine = script.indexOf('\n') + 1;
            script = script.substring(0, firstLine)
                    + "# vidu completion for zsh: a bash completion script, loaded through zsh's bashcompinit.\n"
                    + script.substring(firstLine);
        }
        out.print(script);
        out.flush();
        return ExitCode.SUCCESS;
    }
}
