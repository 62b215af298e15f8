package com.vidugateway.application.port.in;

import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.VideoTask;
import com.vidugateway.domain.text.Sentence;

/**
 * A poster of a task's stored video: a JPEG of one frame, made once from the gateway's own copy and kept beside it.
 * Owner-scoped as the video is.
 */
public interface ReadTaskPoster {

    /**
     * @throws java.io.UncheckedIOException the video storage cannot be read or written now (an outage is not "no
     *                                      poster"); a later call may work
     */
    Result read(String owner, TaskId id);

    sealed interface Result {
    }

    /** The poster, a JPEG. */
    record Found(VideoTask task, byte[] jpeg) implements Result {}

    /** The owner has no such task. */
    record NotFound(TaskId id) implements Result {}

    /**
     * The task has no stored video (yet, or any more: {@code task.video().removedAt()} says when retention removed
     * it); {@code reason} says which, in words.
     */
    record NotReady(VideoTask task, Sentence reason) implements Result {}

    /** The stored video cannot be decoded, so it has no poster; asking again gives the same answer. */
    record Undecodable(VideoTask task, Sentence reason) implements Result {}
}
