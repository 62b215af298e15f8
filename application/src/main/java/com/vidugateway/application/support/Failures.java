package com.vidugateway.application.support;

import java.util.Optional;

/** Reading what a failure says, for the adapters that turn library exceptions into the gateway's own. */
public final class Failures {

    /** How deep causes and suppressed failures are searched: a chain of causes may loop. */
    private static final int DEEPEST = 8;

    private Failures() {
    }

    /**
     * The first {@code type} among a failure, its causes and what they suppressed (HTTP clients add the failure of a
     * retried route as a suppressed one), at most {@value #DEEPEST} levels deep.
     */
    public static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        return find(failure, type, 0);
    }

    private static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type, int depth) {
        int level = depth;
        for (Throwable cause = failure; cause != null && level <= DEEPEST; cause = cause.getCause(), level++) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
            for (Throwable suppressed : cause.getSuppressed()) {
                Optional<T> found = find(suppressed, type, level + 1);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
