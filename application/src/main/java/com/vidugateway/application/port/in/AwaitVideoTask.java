package com.vidugateway.application.port.in;

import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.VideoTask;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Wait for a task to finish — and, for a Success, for the gateway's copy of its video — or for a deadline.
 * Works without a server: the waiting process moves the task on itself.
 */
public interface AwaitVideoTask {

    /**
     * @param timeout    how long to wait at most
     * @param onProgress told the task each time it is looked at, with when it should be done (for progress displays)
     * @return the task as it is at the end (finished, or not yet at the deadline); empty when not found
     */
    Optional<VideoTask> await(String owner, TaskId id, Duration timeout, Consumer<Progress> onProgress)
            throws InterruptedException;

    /**
     * @param task            the task as it is now
     * @param expectedFinish  when the provider typically has it done; null before the provider took it
     */
    record Progress(VideoTask task, java.time.Instant expectedFinish) {}
}
