package com.vidugateway.application.port.in;

import com.vidugateway.application.port.out.VideoArchive.VideoContent;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.VideoTask;
import com.vidugateway.domain.text.Sentence;

/** The gateway's own copy of a task's video, for downloads (whole or in ranges). */
public interface ReadTaskVideo {

    Result read(String owner, TaskId id);

    sealed interface Result {
    }

    /** The video, ready to stream. */
    record Found(VideoTask task, VideoContent content) implements Result {}

    /** The owner has no such task. */
    record NotFound(TaskId id) implements Result {}

    /** The task has no stored video (yet, or ever); {@code reason} says which, in words. */
    record NotReady(VideoTask task, Sentence reason) implements Result {

        /** The reason in English. */
        public String why() {
            return reason.english();
        }
    }
}
