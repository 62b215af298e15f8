package com.vidugateway.adapter.cli;

import com.vidugateway.domain.catalogue.Model;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/**
 * Builds the {@code vidu} command line: the commands, colours (only on a terminal, never with
 * {@code NO_COLOR}), one-line errors on stderr and the exit codes of {@code PRODUCT.md}.
 */
public final class ViduCli {

    private final CommandLine commandLine;

    /**
     * The command line of these subcommands. Help and completion offer the values of the catalogue the
     * {@link ModelsCommand} among them shows (the deployment's); without one, or before it has a catalogue (help
     * tests), the standard catalogue's.
     */
    public ViduCli(Object... subcommands) {
        CatalogueHelp catalogue = new CatalogueHelp(catalogueOf(subcommands));
        commandLine = new CommandLine(new ViduCommand(), catalogue.factory());
        for (Object subcommand : subcommands) {
            commandLine.addSubcommand(subcommand);
        }
        commandLine.getSubcommands().values().forEach(catalogue::addSectionTo);
        Ansi ansi = System.getenv("NO_COLOR") != null ? Ansi.OFF : Ansi.AUTO;
        commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(ansi));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler((e, args) -> {
            CommandLine cmd = e.getCommandLine();
            PrintWriter err = cmd.getErr();
            err.println(cmd.getColorScheme().errorText("vidu " + cmd.getCommandName() + ": " + oneLine(e)));
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            err.println("Try 'vidu " + (cmd == commandLine ? "" : cmd.getCommandName() + " ") + "--help'.");
            err.flush();
            return ExitCode.INVALID;
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            err.println(cmd.getColorScheme().errorText("vidu " + cmd.getCommandName() + ": " + oneLine(e)));
            if (isVerbose(parsed)) {
                e.printStackTrace(err);
            } else {
                err.println("(add --verbose for details)");
            }
            err.flush();
            return ExitCode.PROVIDER_OR_STORAGE_ERROR;
        });
    }

    private static List<Model> catalogueOf(Object[] subcommands) {
        for (Object subcommand : subcommands) {
            if (subcommand instanceof ModelsCommand models && models.listModels() != null) {
                return models.listModels().list();
            }
        }
        return ModelCatalogue.STANDARD.models();
    }

    public int run(String... args) {
        return commandLine.execute(args);
    }

    public CommandLine commandLine() {
        return commandLine;
    }

    private static boolean isVerbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult result = parsed; result != null; result = result.subcommand()) {
            if (result.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s*\\R\\s*", " ");
    }
}
