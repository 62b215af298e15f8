package com.vidugateway.domain.text;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One sentence of the message catalogue with its values, said when an adapter knows its user's language
 * ({@link #in(Messages)}); {@link #english()} otherwise. A sentence from outside the catalogue (a provider's error, a
 * stored problem) is {@link #verbatim} and reads the same in every language.
 */
public record Sentence(String key, Map<String, String> arguments) {

    private static final String VERBATIM = "text";

    public Sentence {
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }

    /** {@code Sentence.of("use.video.not_ready", "status", "Pending")}: name/value pairs, as {@link Messages#text}. */
    public static Sentence of(String key, Object... namesAndValues) {
        Map<String, String> arguments = new LinkedHashMap<>();
        Messages.arguments(key, namesAndValues).forEach((name, value) -> arguments.put(name, String.valueOf(value)));
        Messages.english().pattern(key); // a key the catalogue lacks fails here, where it is written
        return new Sentence(key, arguments);
    }

    /** Words not in the catalogue, the same in every language. */
    public static Sentence verbatim(String words) {
        return new Sentence(null, Map.of(VERBATIM, words == null ? "" : words));
    }

    public boolean isVerbatim() {
        return key == null;
    }

    public String in(Messages messages) {
        return isVerbatim() ? arguments.get(VERBATIM) : messages.text(key, arguments);
    }

    public String english() {
        return in(Messages.english());
    }

    @Override
    public String toString() {
        return english();
    }
}
