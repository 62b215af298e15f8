package com.vidugateway.domain.task;

/** A move the lifecycle forbids: backwards, out of a terminal state, or skipping the provider. */
public final class IllegalTransitionException extends IllegalStateException {

    public IllegalTransitionException(TaskId id, TaskStatus from, TaskStatus to) {
        super("task " + id + " cannot move from " + from + " to " + to
                + (from.isTerminal() ? " (" + from + " is final)" : "; allowed: " + from.next()));
    }
}
