package com.vidugateway.domain.validation;

import com.vidugateway.domain.text.Messages;
import com.vidugateway.domain.text.Sentence;
import java.util.Objects;

/**
 * One broken rule: where (the provider's field path, e.g. {@code input.images[2]}) and why, in words a
 * person understands (what was given, what is allowed).
 *
 * <p>The reason is a {@link Sentence}, so that each adapter can say it in its user's language
 * ({@link #message(Messages)}); {@link #message()} is always the English text. Two violations are equal when they
 * name the same field with the same English text.
 */
public record Violation(String field, Sentence reason) {

    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
    }

    /** A violation whose text is not in the catalogue: the same words in every language. */
    public Violation(String field, String message) {
        this(field, Sentence.verbatim(Objects.requireNonNull(message, "message")));
    }

    /**
     * A violation said by the catalogue's {@code key} with its placeholders' values as name/value pairs:
     * {@code Violation.of("input.prompt", "rule.prompt.too_long", "length", 2001, "max", 2000)}.
     */
    public static Violation of(String field, String key, Object... namesAndValues) {
        return new Violation(field, Sentence.of(key, namesAndValues));
    }

    /** The reason in English. */
    public String message() {
        return reason.english();
    }

    /** The reason in the language of {@code messages}; text from outside the catalogue as it was written. */
    public String message(Messages messages) {
        return reason.in(messages);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Violation that && field.equals(that.field) && message().equals(that.message());
    }

    @Override
    public int hashCode() {
        return Objects.hash(field, message());
    }

    @Override
    public String toString() {
        return field + ": " + message();
    }
}
