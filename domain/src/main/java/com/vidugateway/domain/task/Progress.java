package com.vidugateway.domain.task;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * How far a task is, 0 to 100, as a client's progress bar shows it: the provider reports no progress, so it is estimated
 * from the time since the task was accepted against the provider's typical generation time. 0–99 until Success, then
 * 100; none for a task that ended otherwise.
 */
public final class Progress {

    /** Queued or being sent: begun, nothing generated. */
    static final int WAITING = 1;
    /** The most an estimate says before the provider reports Success. */
    static final int MOST_BEFORE_SUCCESS = 99;

    private Progress() {}

    /**
     * @param typical the provider's typical generation time for the task's request
     */
    public static OptionalInt estimate(TaskStatus status, Instant acceptedAt, Instant now, Duration typical) {
        return switch (status) {
            case SUCCESS -> OptionalInt.of(100);
            case FAILURE, CANCELLED -> OptionalInt.empty();
            case ACCEPTED, SUBMITTING, OUTCOME_UNKNOWN -> OptionalInt.of(WAITING);
            case PENDING, RUNNING -> {
                long elapsed = Math.max(0, Duration.between(acceptedAt, now).toMillis());
                long expected = Math.max(1, typical.toMillis());
                // Linear up to the typical time (95), then creeping towards 99 for tasks that take longer.
                long percent = elapsed <= expected ? 95 * elapsed / expected
                        : 95 + (long) Math.floor(5 * (1 - Math.exp(-(double) (elapsed - expected) / expected)));
                yield OptionalInt.of((int) Math.max(WAITING, Math.min(MOST_BEFORE_SUCCESS, percent)));
            }
        };
    }
}
