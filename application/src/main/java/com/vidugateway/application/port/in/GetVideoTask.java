package com.vidugateway.application.port.in;

import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatusView;
import com.vidugateway.domain.task.VideoTask;
import java.util.Optional;

/** One task of the owner's. Another owner's task is not found, as if it did not exist. */
public interface GetVideoTask {

    /**
     * @param refresh ask the provider now when the task is not finished (instead of the last known state)
     */
    Optional<VideoTask> get(String owner, TaskId id, boolean refresh);

    /** What the task's status answer shows, as last known: read without the task's request (the path clients poll). */
    default Optional<TaskStatusView> status(String owner, TaskId id) {
        return get(owner, id, false).map(TaskStatusView::of);
    }

    /**
     * The status answer when it is known in memory and current (a server following the store's changes); never reads
     * the store, so it may be called where nothing may block. Empty when not known so: ask {@link #status}.
     */
    default Optional<TaskStatusView> rememberedStatus(String owner, TaskId id) {
        return Optional.empty();
    }
}
