package com.vidugateway.domain.task;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/** The gateway's own id of a task, as clients see it. */
public record TaskId(String value) {

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public TaskId {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("a task id is 1–64 letters, digits, '-' or '_'");
        }
    }

    public static TaskId random() {
        return new TaskId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
