package com.vidugateway.domain.validation;

import java.util.List;
import java.util.function.Function;

/** The outcome of checking raw input: a value, or every rule it broke. Bad input is expected input. */
public sealed interface Validation<T> {

    record Valid<T>(T value) implements Validation<T> {}

    record Invalid<T>(List<Violation> violations) implements Validation<T> {
        public Invalid {
            violations = List.copyOf(violations);
            if (violations.isEmpty()) {
                throw new IllegalArgumentException("an invalid outcome names at least one violation");
            }
        }
    }

    static <T> Validation<T> valid(T value) {
        return new Valid<>(value);
    }

    static <T> Validation<T> invalid(List<Violation> violations) {
        return new Invalid<>(violations);
    }

    default boolean isValid() {
        return this instanceof Valid;
    }

    default List<Violation> violations() {
        return this instanceof Invalid<T> invalid ? invalid.violations() : List.of();
    }

    /** The value; only call when {@link #isValid()}. */
    default T value() {
        if (this instanceof Valid<T> valid) {
            return valid.value();
        }
        throw new IllegalStateException("invalid: " + violations());
    }

    default <R> Validation<R> map(Function<T, R> mapper) {
        return this instanceof Valid<T> valid ? new Valid<>(mapper.apply(valid.value())) : new Invalid<>(violations());
    }
}
