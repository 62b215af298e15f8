package com.vidugateway.adapter.cli;

import com.vidugateway.domain.catalogue.Model;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.text.Language;
import com.vidugateway.domain.text.Messages;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Builds the {@code vidu} command line: the commands, colours (only on a terminal, never with
 * {@code NO_COLOR}), one-line errors on stderr and the exit codes of {@code PRODUCT.md}, all in one language: help,
 * errors and what commands print come from the message catalogue's part {@code cli} ({@link CliText}); {@code --json}
 * output stays the same in every language.
 */
public final class ViduCli {

    /** picocli's words when a group ({@code vidu clients}) is run without one of its commands; it has no exception of its own. */
    private static final String MISSING_SUBCOMMAND = "Missing required subcommand";

    private final CommandLine commandLine;
    private final Messages messages;

    /**
     * The command line of these subcommands, in the language the environment names ({@code LC_ALL},
     * {@code LC_MESSAGES}, {@code LANG}: {@link Language#ofEnvironment}).
     *
     * @see #ViduCli(Language, Object...)
     */
    public ViduCli(Object... subcommands) {
        this(Language.ofEnvironment(System.getenv()), subcommands);
    }

    /**
     * The command line of these subcommands in {@code language}. Help and completion offer the values of the
     * catalogue the {@link ModelsCommand} among them shows (the deployment's); without one, or before it has a
     * catalogue (help tests), the standard catalogue's.
     */
    public ViduCli(Language language, Object... subcommands) {
        this(language, catalogueOf(subcommands), subcommands);
    }

    /**
     * The command line of these subcommands in {@code language}, their help and completion offering the values of
     * {@code models} (the deployment's catalogue, whichever subcommands are given: a launcher may register only the
     * command it runs).
     */
    public ViduCli(Language language, List<Model> models, Object... subcommands) {
        messages = Messages.in(language);
        CatalogueHelp catalogue = new CatalogueHelp(models, messages);
        commandLine = new CommandLine(new ViduCommand(), factory(catalogue.factory()));
        for (Object subcommand : subcommands) {
            add(commandLine, subcommand);
        }
        // The root's bundle first (picocli hands it down to every subcommand), then each command's own.
        commandLine.setResourceBundle(CliText.forCommand(messages, commandLine.getCommandName()));
        commandLine.getSubcommands().values().forEach(sub -> helpOf(sub, sub.getCommandName(), catalogue, language));
        if (language != Language.ENGLISH) {
            alignSynopsis(commandLine);
        }
        Ansi ansi = System.getenv("NO_COLOR") != null ? Ansi.OFF : Ansi.AUTO;
        commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(ansi));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler((e, args) -> {
            CommandLine cmd = e.getCommandLine();
            PrintWriter err = cmd.getErr();
            err.println(cmd.getColorScheme().errorText(who(cmd) + ": " + say(e)));
            suggest(e, err);
            err.println(messages.text("cli.error.try_help", "command", who(cmd) + " --help"));
            err.flush();
            return ExitCode.INVALID;
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            err.println(cmd.getColorScheme().errorText(who(cmd) + ": " + oneLine(e)));
            if (isVerbose(parsed)) {
                e.printStackTrace(err);
            } else {
                err.println(messages.text("cli.error.add_verbose"));
            }
            err.flush();
            return ExitCode.PROVIDER_OR_STORAGE_ERROR;
        });
    }

    /** {@code command} under {@code parent}, and the commands of a group under it in turn ({@code vidu clients add}). */
    private static void add(CommandLine parent, Object command) {
        parent.addSubcommand(command);
        if (command instanceof CommandGroup group) {
            CommandLine added = parent.getSubcommands().values().stream().filter(sub -> sub.getCommand() == command)
                    .findFirst().orElseThrow();
            group.subcommands().forEach(sub -> add(added, sub));
        }
    }

    /**
     * A command's help texts: its own bundle ({@code cli.help.<key>.}; a group's command's key is the group's and its
     * name, {@code clients.add}), the catalogue's section, the synopsis aligned; then the same for its own commands.
     */
    private void helpOf(CommandLine command, String key, CatalogueHelp catalogue, Language language) {
        command.setResourceBundle(CliText.forCommand(messages, key));
        catalogue.addSectionTo(command);
        if (language != Language.ENGLISH) {
            alignSynopsis(command);
        }
        command.getSubcommands().values().forEach(sub -> helpOf(sub, key + "." + sub.getCommandName(), catalogue, language));
    }

    /** picocli's factory for this command line: the catalogue's candidates, and converters that speak our language. */
    private CommandLine.IFactory factory(CommandLine.IFactory catalogue) {
        return new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == DurationConverter.class) {
                    return type.cast(new DurationConverter(messages));
                }
                if (type == ViduCommand.Version.class) {
                    return type.cast(new ViduCommand.Version(messages));
                }
                return catalogue.create(type);
            }
        };
    }

    /**
     * Continuation lines of the synopsis under the first option, as in English: picocli indents them by the heading's
     * length in characters, and a Chinese heading ("用法：") is twice as wide on a terminal as it has characters.
     */
    private static void alignSynopsis(CommandLine command) {
        command.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS, help -> {
            String[] heading = Ansi.OFF.string(help.synopsisHeading()).split("\\R", -1);
            return help.synopsis(TaskText.width(heading[heading.length - 1]));
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

    /** The language help, errors and messages are in. */
    public Language language() {
        return messages.language();
    }

    private static boolean isVerbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult result = parsed; result != null; result = result.subcommand()) {
            if (result.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A usage error in one line. In English picocli's own words (the catalogue would only repeat them); in another
     * language the catalogue's for the errors a person meets (unknown option or command, missing or repeated
     * option or parameter, a value that does not convert), picocli's English for the rare rest.
     */
    private String say(CommandLine.ParameterException e) {
        if (messages.language() == Language.ENGLISH) {
            return oneLine(e);
        }
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            List<String> arguments = unmatched.getUnmatched();
            String quoted = arguments.stream().map(a -> "'" + a + "'").collect(Collectors.joining(", "));
            boolean option = arguments.get(0).startsWith("-");
            boolean command = !option && !e.getCommandLine().getSubcommands().isEmpty();
            return messages.text(option ? "cli.error.unknown_option" : command ? "cli.error.unknown_command"
                    : "cli.error.unmatched_argument", "arguments", quoted);
        }
        if (e instanceof CommandLine.MissingParameterException missing && !missing.getMissing().isEmpty()) {
            ArgSpec first = missing.getMissing().get(0);
            String names = missing.getMissing().stream().map(ViduCli::name).collect(Collectors.joining(", "));
            boolean valueOfOption = first instanceof OptionSpec && !missing.getMessage().startsWith("Missing required option");
            return valueOfOption
                    ? messages.text("cli.error.missing_value", "option", name(first), "label", first.paramLabel())
                    : messages.text(first instanceof OptionSpec ? "cli.error.missing_option" : "cli.error.missing_parameter",
                            "names", names);
        }
        if (e instanceof CommandLine.OverwrittenOptionException overwritten && overwritten.getOverwritten() != null) {
            return messages.text("cli.error.repeated_option", "option", name(overwritten.getOverwritten()));
        }
        if (e.getArgSpec() != null && e.getValue() != null && String.valueOf(e.getMessage()).startsWith("Invalid value")) {
            String reason = e.getCause() instanceof DurationConverter.Invalid invalid ? invalid.getMessage()
                    : messages.text("cli.error.not_a", "value", e.getValue(), "type", typeName(e.getArgSpec()));
            return messages.text(e.getArgSpec() instanceof OptionSpec ? "cli.error.invalid_option_value"
                    : "cli.error.invalid_parameter_value", "name", name(e.getArgSpec()), "reason", reason);
        }
        if (MISSING_SUBCOMMAND.equals(e.getMessage())) {
            return messages.text("cli.error.missing_subcommand",
                    "commands", String.join(", ", e.getCommandLine().getSubcommands().keySet()));
        }
        return oneLine(e);
    }

    /** picocli's "Possible solutions" / "Did you mean", in our language. */
    private void suggest(CommandLine.ParameterException e, PrintWriter err) {
        if (messages.language() == Language.ENGLISH) {
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            return;
        }
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            String prefix = unmatched.isUnknownOption() ? "" : who(e.getCommandLine()) + " ";
            err.println(messages.text("cli.error.did_you_mean", "suggestions", unmatched.getSuggestions().stream()
                    .map(s -> prefix + s).collect(Collectors.joining(", "))));
        }
    }

    private static String name(ArgSpec arg) {
        if (arg instanceof OptionSpec option) {
            return option.longestName();
        }
        return ((PositionalParamSpec) arg).paramLabel();
    }

    private String typeName(ArgSpec arg) {
        Class<?> type = arg.type();
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return messages.text("cli.error.type_integer");
        }
        return type.getSimpleName();
    }

    /** "vidu" for the root command, "vidu submit", "vidu clients add" for the others: how an error names what was run. */
    private static String who(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName(" ");
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s*\\R\\s*", " ");
    }
}
