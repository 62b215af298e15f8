package com.vidugateway.domain.client;

import com.vidugateway.domain.validation.Violation;
import java.util.List;

/** A client's name or limits that break their rules, each violation naming its field; nothing was changed. */
public final class InvalidClientInput extends IllegalArgumentException {

    private final transient List<Violation> violations;

    public InvalidClientInput(List<Violation> violations) {
        super(violations.toString());
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
