package com.vidugateway.application.port.in;

import com.vidugateway.application.port.out.VideoArchive.VideoContent;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.VideoTask;

/** The gateway's own copy of a task's video, for downloads (whole or in ranges). */
public interface ReadTaskVideo {

    Result read(String owner, TaskId id);

    sealed interface Result {
    }

    /** The video, ready to stream. */
    record Found(VideoTask task, VideoContent content) implements Result {}

    /** The owner has no such task. */
    record NotFound(TaskId id) implements Result {}

    /** The task has no stored video (yet, or ever); {@code why} says which, in words. */
    record NotReady(VideoTask task, String why) implements Result {}
}
