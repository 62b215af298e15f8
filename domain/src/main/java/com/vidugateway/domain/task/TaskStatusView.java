package com.vidugateway.domain.task;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a task's status answer shows, and nothing else: no request, so a store can read it from a few columns instead
 * of the whole task (clients poll status while tasks run; a task's request may hold hundreds of MB of images).
 *
 * @param owner                  whose task it is
 * @param acceptedAt             when the gateway accepted it
 * @param endedAt                when it ended; null while it runs
 * @param errorMessage           why it failed; null unless it did
 * @param videoKept              whether the gateway holds (or held) its own copy of the video
 * @param resultUrls             the provider's URLs of the video; empty until Success
 * @param duration               the video's length asked for, in seconds
 * @param awaitsLateSubmitAnswer a Failure the provider's late answer may still reconcile
 *                               ({@link VideoTask#awaitsLateSubmitAnswer})
 */
public record TaskStatusView(TaskId id, String owner, TaskStatus status, Instant acceptedAt, Instant endedAt,
                             String errorMessage, boolean videoKept, List<String> resultUrls, int duration,
                             boolean awaitsLateSubmitAnswer) {

    public TaskStatusView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
        resultUrls = List.copyOf(resultUrls);
        if (status.isTerminal() != (endedAt != null)) {
            throw new IllegalArgumentException("task " + id + ": an end time is known exactly when the task ended");
        }
    }

    public static TaskStatusView of(VideoTask task) {
        return new TaskStatusView(task.id(), task.owner(), task.status(), task.acceptedAt(),
                task.endedAt().orElse(null), task.errorMessage(), task.video() != null, task.resultUrls(),
                task.request().duration(), task.awaitsLateSubmitAnswer());
    }

    /**
     * Whether this answer can never change again: a Failure (unless a late answer may reconcile it), a cancel, or a
     * kept video.
     */
    public boolean isFinal() {
        return status == TaskStatus.FAILURE && !awaitsLateSubmitAnswer || status == TaskStatus.CANCELLED
                || status == TaskStatus.SUCCESS && videoKept;
    }
}
