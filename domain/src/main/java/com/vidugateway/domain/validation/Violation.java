package com.vidugateway.domain.validation;

import java.util.Objects;

/**
 * One broken rule: where (the provider's field path, e.g. {@code input.images[2]}) and why, in words a
 * person understands (what was given, what is allowed).
 */
public record Violation(String field, String message) {

    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
