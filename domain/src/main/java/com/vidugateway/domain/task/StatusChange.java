package com.vidugateway.domain.task;

import java.time.Instant;
import java.util.Objects;

/** A task entered {@code status} at {@code at}. */
public record StatusChange(TaskStatus status, Instant at) {

    public StatusChange {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
    }
}
