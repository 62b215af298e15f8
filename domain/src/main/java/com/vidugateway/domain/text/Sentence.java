package com.vidugateway.domain.text;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One sentence of the message catalogue with its values, said when an adapter knows its user's language
 * ({@link #in(Messages)}); {@link #english()} otherwise. A sentence from outside the catalogue (a provider's error, a
 * stored problem, a parser's message) is {@link #verbatim} and reads the same in every language.
 *
 * <p>A value may itself be a sentence (a phrase inside this one: "must be {expected}, got {given}"), said in the same
 * language as the sentence around it; any other value is shown as {@link String#valueOf(Object)} writes it, and is
 * kept that way from the start, so two sentences that say the same words with the same values are equal.
 */
public record Sentence(String key, Map<String, Object> arguments) {

    private static final String VERBATIM = "text";

    /** @param key a key of the catalogue; null for {@link #verbatim} words, which are the argument {@code text} */
    public Sentence {
        Map<String, Object> kept = new LinkedHashMap<>();
        if (arguments != null) {
            arguments.forEach((name, value) -> kept.put(name, value instanceof Sentence ? value : String.valueOf(value)));
        }
        arguments = Collections.unmodifiableMap(kept);
    }

    /**
     * {@code Sentence.of("use.video.not_ready", "status", "Pending")}: name/value pairs, as {@link Messages#text}
     * takes them; a value may be a sentence of its own.
     *
     * @throws IllegalArgumentException the catalogue has no {@code key} (it fails here, where it is written), or the
     *                                  arguments are not name/value pairs
     */
    public static Sentence of(String key, Object... namesAndValues) {
        Map<String, Object> arguments = Messages.arguments(key, namesAndValues);
        Messages.english().pattern(key);
        return new Sentence(key, arguments);
    }

    /** Words not in the catalogue, the same in every language. */
    public static Sentence verbatim(String words) {
        return new Sentence(null, Map.of(VERBATIM, words == null ? "" : words));
    }

    public boolean isVerbatim() {
        return key == null;
    }

    /** The sentence in the language of {@code messages}, its phrases too. */
    public String in(Messages messages) {
        if (isVerbatim()) {
            return (String) arguments.get(VERBATIM);
        }
        Map<String, String> said = new LinkedHashMap<>();
        arguments.forEach((name, value) -> said.put(name, value instanceof Sentence phrase ? phrase.in(messages)
                : (String) value));
        return messages.text(key, said);
    }

    public String english() {
        return in(Messages.english());
    }

    @Override
    public String toString() {
        return english();
    }

    /**
     * A value as a message quotes it (a name, a field, a number the client sent): at most 40 characters, a longer one
     * cut to 37 and "…", never between the two halves of a surrogate pair.
     */
    public static String abbreviate(String text) {
        if (text.length() <= 40) {
            return text;
        }
        int end = 37;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
