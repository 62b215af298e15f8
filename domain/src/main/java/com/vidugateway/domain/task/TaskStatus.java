package com.vidugateway.domain.task;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Where a task is in its life. The provider's four states, plus the gateway's own before the provider
 * knows the task. The allowed transitions are {@link #next()}: the only place that says what may follow what.
 */
public enum TaskStatus {
    /** Stored by the gateway; not yet sent to the provider. */
    ACCEPTED("Accepted"),
    /** Being sent to the provider; a crash here leaves the outcome unknown, never a blind resend. */
    SUBMITTING("Submitting"),
    /** The submit may have reached the provider but no answer came; to be reconciled, never resent. */
    OUTCOME_UNKNOWN("OutcomeUnknown"),
    PENDING("Pending"),
    RUNNING("Running"),
    SUCCESS("Success"),
    FAILURE("Failure"),
    /**
     * The client cancelled it: before it was sent (nothing was sent or charged), or after the provider took it (the
     * provider has no cancel; the gateway learns quietly how it ended there, for what was charged).
     */
    CANCELLED("Cancelled");

    private final String displayName;

    TaskStatus(String displayName) {
        this.displayName = displayName;
    }

    /** The lifecycle: which states may follow this one. Terminal states have none. */
    public Set<TaskStatus> next() {
        return switch (this) {
            case ACCEPTED -> EnumSet.of(SUBMITTING, FAILURE, CANCELLED);
            // Back to ACCEPTED only when the provider certainly never took it (refused connection, 429).
            case SUBMITTING -> EnumSet.of(ACCEPTED, PENDING, RUNNING, SUCCESS, FAILURE, OUTCOME_UNKNOWN);
            case OUTCOME_UNKNOWN -> EnumSet.of(PENDING, RUNNING, SUCCESS, FAILURE);
            // Not while Submitting or OutcomeUnknown: whether the provider has it is not known yet.
            case PENDING -> EnumSet.of(RUNNING, SUCCESS, FAILURE, CANCELLED);
            case RUNNING -> EnumSet.of(SUCCESS, FAILURE, CANCELLED);
            case SUCCESS, FAILURE, CANCELLED -> EnumSet.noneOf(TaskStatus.class);
        };
    }

    /**
     * The one way back from an end: a submit whose outcome was unknown was settled as Failure, and then the provider's
     * answer came after all — it took the task (and charged it). The task follows the provider again from Pending, so
     * the video that was paid for is not lost. Only a Failure entered from OutcomeUnknown may do this.
     *
     * @param beforeFailure the status the task was in before it failed
     */
    public static boolean isReconciliation(TaskStatus beforeFailure, TaskStatus from, TaskStatus to) {
        return beforeFailure == OUTCOME_UNKNOWN && from == FAILURE && to == PENDING;
    }

    public boolean canMoveTo(TaskStatus target) {
        return next().contains(target);
    }

    public boolean isTerminal() {
        return next().isEmpty();
    }

    /**
     * The state as a provider client sees it: the gateway's own early states all read as Pending, a cancelled task as a
     * Failure (the provider's API has no cancel; its error message says it was cancelled).
     */
    public TaskStatus providerView() {
        return switch (this) {
            case ACCEPTED, SUBMITTING, OUTCOME_UNKNOWN -> PENDING;
            case CANCELLED -> FAILURE;
            default -> this;
        };
    }

    /** The name users see: the provider's spelling ({@code Pending}, {@code Success}, …). */
    public String displayName() {
        return displayName;
    }

    public static Optional<TaskStatus> fromDisplayName(String name) {
        return Arrays.stream(values()).filter(s -> s.displayName.equalsIgnoreCase(name)).findFirst();
    }

    @Override
    public String toString() {
        return displayName;
    }
}
