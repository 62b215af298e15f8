package com.vidugateway.application.service;

import com.vidugateway.application.port.in.CancelVideoTask;
import com.vidugateway.application.port.out.TaskStore;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import java.util.Optional;

record CancelVideoTaskService(TaskStore tasks, TaskWorker worker) implements CancelVideoTask {

    /** A poll or a send may change the task between reading and writing it: read it again, a few times. */
    private static final int ATTEMPTS = 5;

    @Override
    public Result cancel(String owner, TaskId id) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<VideoTask> found = tasks.findOwned(owner, id);
            if (found.isEmpty()) {
                return new NotFound();
            }
            VideoTask task = found.get();
            if (task.status() == TaskStatus.CANCELLED) {
                return new Cancelled(task, true);
            }
            if (!task.isCancellable()) {
                return new NotCancellable(task);
            }
            VideoTask after = worker.cancel(task);
            if (after.status() == TaskStatus.CANCELLED) {
                return new Cancelled(after, false);
            }
        }
        return new NotCancellable(tasks.findOwned(owner, id).orElseThrow());
    }
}
