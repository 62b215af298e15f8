package com.vidugateway.domain.task;

import java.util.Objects;
import java.util.UUID;

/** The gateway's own id of a task, as clients see it. */
public record TaskId(String value) {

    private static final int LONGEST = 64;

    public TaskId {
        Objects.requireNonNull(value, "value");
        if (!wellFormed(value)) {
            throw new IllegalArgumentException("a task id is 1–64 letters, digits, '-' or '_'");
        }
    }

    /** 1–64 ASCII letters, digits, '-' or '_'. Checked on every status poll, so without a regular expression. */
    private static boolean wellFormed(String value) {
        if (value.isEmpty() || value.length() > LONGEST) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    public static TaskId random() {
        return new TaskId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
