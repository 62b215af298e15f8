package com.vidugateway.adapter.rest;

import com.vidugateway.domain.text.Messages;
import com.vidugateway.domain.text.Sentence;
import com.vidugateway.domain.validation.Violation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A sentence for a client, said in its language only when the answer is written: a key of the catalogue's
 * {@code api} part and its arguments. An argument may itself be a {@code Text} (a phrase inside the sentence), said
 * in the same language; any other value is shown as it is. A text without a key is words from elsewhere (the
 * provider's own message, the JSON parser's) shown as they were written.
 */
record Text(String key, Map<String, Object> arguments) {

    private static final String VERBATIM = "text";

    Text {
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }

    /** {@code Text.of("api.task.not_found", "task", id)}: name/value pairs as {@link Messages#text} takes them. */
    static Text of(String key, Object... namesAndValues) {
        return new Text(key, Messages.arguments(key, namesAndValues));
    }

    /** A use case's sentence, said in the client's language like any other text. */
    static Text of(Sentence sentence) {
        return sentence.isVerbatim() ? verbatim(sentence.english()) : new Text(sentence.key(), Map.copyOf(sentence.arguments()));
    }

    /** Words not in the catalogue, the same in every language. */
    static Text verbatim(String words) {
        return new Text(null, Map.of(VERBATIM, words == null ? "" : words));
    }

    /** The text in the language of {@code messages}, its phrases too. */
    String in(Messages messages) {
        if (key == null) {
            return String.valueOf(arguments.get(VERBATIM));
        }
        return messages.text(key, said(messages));
    }

    String english() {
        return in(Messages.english());
    }

    /** The arguments with every phrase said in the language of {@code messages}. */
    Map<String, String> said(Messages messages) {
        Map<String, String> said = new LinkedHashMap<>();
        arguments.forEach((name, value) -> said.put(name, value instanceof Text phrase ? phrase.in(messages)
                : String.valueOf(value)));
        return said;
    }

    /**
     * A violation of {@code field} said by this text: its English {@link Violation#message()} like every other,
     * and {@link Violation#message(Messages)} in the client's language, phrases included. ({@link Violation#of} keeps
     * its arguments as strings, so a phrase inside them is said here, in the language of the request being read.)
     */
    Violation violation(String field, Messages client) {
        if (key == null) {
            return new Violation(field, in(client));
        }
        return new Violation(field, english(), key, said(client));
    }

    @Override
    public String toString() {
        return english();
    }
}
