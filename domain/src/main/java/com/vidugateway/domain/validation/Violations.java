package com.vidugateway.domain.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Collects violations while a check goes on, so that one answer lists every broken rule. */
public final class Violations {

    private final List<Violation> found = new ArrayList<>();

    public void add(String field, String message) {
        found.add(new Violation(field, message));
    }

    /** A violation said by the message catalogue: see {@link Violation#of}. */
    public void add(Violation violation) {
        found.add(violation);
    }

    public void addAll(List<Violation> violations) {
        found.addAll(violations);
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public List<Violation> list() {
        return List.copyOf(found);
    }

    /** Valid with the supplied value when nothing was found; the supplier runs only then. */
    public <T> Validation<T> toValidation(Supplier<T> value) {
        return found.isEmpty() ? Validation.valid(value.get()) : Validation.invalid(found);
    }
}
