package com.vidugateway.adapter.cli;

import com.vidugateway.domain.text.Messages;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ResourceBundle;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The CLI's words, all from the message catalogue's part {@code cli} (one source for what commands print and for
 * picocli's help), in the language {@link ViduCli} was given.
 *
 * <p>For picocli, one command's help texts as a {@link ResourceBundle} under picocli's own keys
 * ({@code usage.description.0}, {@code usage.synopsisHeading}, an option's name without dashes, an option's or
 * parameter's {@code descriptionKey}): the catalogue's {@code cli.help.<command>.<key>}, else
 * {@code cli.help.common.<key>} (headings, the footer, the options several commands share). Each command has its own
 * bundle, so that picocli's unqualified keys ({@code usage.description}) mean that command's.
 *
 * <p>A command finds the catalogue through its bundle: {@link #messages(CommandSpec)}.
 */
final class CliText extends ResourceBundle {

    static final String HELP = "cli.help.";
    static final String COMMON = "common";

    private final Messages messages;
    private final Map<String, String> texts;

    private CliText(Messages messages, Map<String, String> texts) {
        this.messages = messages;
        this.texts = Map.copyOf(texts);
    }

    /** The help texts of one command ({@code vidu} for the root), in the language of {@code messages}. */
    static CliText forCommand(Messages messages, String command) {
        Map<String, String> texts = new LinkedHashMap<>();
        withoutPrefix(messages, HELP + COMMON + ".", texts);
        withoutPrefix(messages, HELP + command + ".", texts);
        return new CliText(messages, texts);
    }

    private static void withoutPrefix(Messages messages, String prefix, Map<String, String> into) {
        messages.part("cli").forEach((key, text) -> {
            if (key.startsWith(prefix)) {
                into.put(key.substring(prefix.length()), text);
            }
        });
    }

    /** The catalogue a command speaks: the one its help bundle came from; English for a command outside a {@link ViduCli}. */
    static Messages messages(CommandSpec spec) {
        for (CommandSpec s = spec; s != null; s = s.parent()) {
            if (s.resourceBundle() instanceof CliText text) {
                return text.messages;
            }
        }
        return Messages.english();
    }

    Messages messages() {
        return messages;
    }

    @Override
    protected Object handleGetObject(String key) {
        return texts.get(key);
    }

    @Override
    public Enumeration<String> getKeys() {
        return Collections.enumeration(texts.keySet());
    }
}
