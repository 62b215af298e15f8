package com.vidugateway.domain.image;

import com.vidugateway.domain.text.Messages;
import com.vidugateway.domain.validation.Violation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Why inline image data cannot be accepted, said by the message catalogue: a key of its {@code rules} part and
 * the placeholders' values. As text it is the English sentence (so it reads like the plain string it replaced,
 * e.g. in {@link InlineImageDecoder.Result#problem()}); the inspection turns it into a {@link Violation} that keeps
 * the key, so each adapter can say it in its user's language.
 */
public record ImageProblem(String key, Map<String, String> arguments) implements CharSequence {

    public ImageProblem {
        Objects.requireNonNull(key, "key");
        arguments = arguments == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }

    /** {@code of("rule.image.png.truncated")}, {@code of("rule.image.too_short", "length", 3)}. */
    static ImageProblem of(String key, Object... namesAndValues) {
        Map<String, String> arguments = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            arguments.put(String.valueOf(namesAndValues[i]), String.valueOf(namesAndValues[i + 1]));
        }
        return new ImageProblem(key, arguments);
    }

    /** The sentence in the language of {@code messages}. */
    public String message(Messages messages) {
        return messages.text(key, arguments);
    }

    /** The English sentence. */
    public String message() {
        return message(Messages.english());
    }

    /** This problem reported against {@code field}, keeping its key and arguments. */
    public Violation at(String field) {
        return new Violation(field, message(), key, arguments);
    }

    @Override
    public int length() {
        return message().length();
    }

    @Override
    public char charAt(int index) {
        return message().charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return message().subSequence(start, end);
    }

    @Override
    public String toString() {
        return message();
    }
}
