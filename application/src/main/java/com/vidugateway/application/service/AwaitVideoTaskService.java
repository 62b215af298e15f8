package com.vidugateway.application.service;

import com.vidugateway.application.port.in.AwaitVideoTask;
import com.vidugateway.application.port.out.Sleeper;
import com.vidugateway.application.port.out.VideoTasks;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Waits by doing the sync's work for this one task whenever its check falls due, so it works with no
 * server running, and side by side with one (the lease decides who looks).
 */
record AwaitVideoTaskService(VideoTasks tasks, StatusSyncService sync, TaskWorker worker, Clock clock, Sleeper sleeper)
        implements AwaitVideoTask {

    /** Even with nothing due, look at the store this often: another process may be moving the task on. */
    private static final Duration MAX_NAP = Duration.ofSeconds(1);

    @Override
    public Optional<VideoTask> await(String owner, TaskId id, Duration timeout, Consumer<Progress> onProgress)
            throws InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            sync.checkIfDue(id);
            Optional<VideoTask> task = tasks.findOwned(owner, id);
            if (task.isEmpty()) {
                return task;
            }
            onProgress.accept(new Progress(task.get(), worker.expectedFinish(task.get())));
            Optional<VideoTasks.Check> next = tasks.checkOf(id);
            if (isDone(task.get(), next) || !clock.instant().isBefore(deadline)) {
                return task;
            }
            Instant wakeAt = next.map(VideoTasks.Check::dueAt).orElse(deadline);
            Instant latest = clock.instant().plus(MAX_NAP);
            if (wakeAt.isAfter(latest)) {
                wakeAt = latest;
            }
            if (wakeAt.isAfter(deadline)) {
                wakeAt = deadline;
            }
            sleeper.sleep(Duration.between(clock.instant(), wakeAt));
        }
    }

    /** Finished, and for a Success its video copied (or no copy attempt left). */
    private static boolean isDone(VideoTask task, Optional<VideoTasks.Check> next) {
        if (!task.isTerminal()) {
            return false;
        }
        return task.status() != TaskStatus.SUCCESS || task.video() != null || next.isEmpty();
    }
}
