package com.vidugateway.application.port.in;

import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.VideoTask;

/** A client stops one of its tasks ({@code POST /v1/tasks/{id}/cancel}, {@code vidu cancel}). */
public interface CancelVideoTask {

    Result cancel(String owner, TaskId id);

    sealed interface Result {
    }

    /** No such task for this owner. */
    record NotFound() implements Result {}

    /**
     * The task is Cancelled.
     *
     * @param already it was cancelled before (cancelling is idempotent)
     */
    record Cancelled(VideoTask task, boolean already) implements Result {}

    /**
     * The task cannot be cancelled: it ended (Success, Failure), or it is being sent to the provider this moment
     * (Submitting, or its send's outcome is being found out) — then trying again in a few seconds may work.
     */
    record NotCancellable(VideoTask task) implements Result {
        public boolean ended() {
            return task.isTerminal();
        }
    }
}
