package com.vidugateway.application.port.out;

import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatusView;
import java.util.Optional;

/**
 * The task store as its adapters implement it: every narrow port of the tasks at once ({@link TaskStore},
 * {@link TaskChecks}, {@link TaskLists}, {@link TaskRetention}, {@link TaskStatuses}). Each service asks for the narrow
 * ports it uses; one contract test ({@code VideoTasksContract}) holds every implementation to all of them.
 */
public interface VideoTasks extends TaskStore, TaskChecks, TaskLists, TaskRetention, TaskStatuses {

    /** {@link TaskStatusView#of} the task {@link #findOwned} finds; a store may read it without the request. */
    @Override
    default Optional<TaskStatusView> statusOf(String owner, TaskId id) {
        return findOwned(owner, id).map(TaskStatusView::of);
    }

    /**
     * The store cannot be reached or used now (connection refused, pool exhausted, database restarting): nothing was
     * written by the failed call; the caller may try again later (a REST client gets 503 with Retry-After).
     */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
