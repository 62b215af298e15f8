package com.vidugateway.application.port.in;

import com.vidugateway.domain.image.ReferenceImage;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.VideoTask;
import com.vidugateway.domain.text.Sentence;
import java.io.InputStream;
import java.time.Instant;

/**
 * One of a task's reference images as the gateway keeps it, for viewing (a console's thumbnails). Images are
 * numbered in request order from 0: {@code input.images} in turn, or each subject's images in turn.
 */
public interface ReadTaskImage {

    /**
     * @throws java.io.UncheckedIOException the image store cannot be read now (an outage is not a "no")
     */
    Result read(String owner, TaskId id, int index);

    sealed interface Result {
    }

    /** The image's bytes, streamed from the store; the caller closes {@code bytes}. */
    record Found(VideoTask task, int index, ReferenceImage.InlineImage image, InputStream bytes) implements Result {}

    /** The owner has no such task. */
    record NotFound(TaskId id) implements Result {}

    /** The task has fewer images than {@code index + 1}. */
    record NoSuchImage(VideoTask task, int index) implements Result {}

    /** The client gave this image by URL: the gateway never held a copy. */
    record GivenByUrl(VideoTask task, int index, ReferenceImage.RemoteImage image) implements Result {}

    /**
     * The gateway no longer holds the image: the image retention removed it ({@code removedAt} set), or its stored
     * copy is missing ({@code removedAt} null); {@code reason} says which, in words.
     */
    record Removed(VideoTask task, int index, Instant removedAt, Sentence reason) implements Result {

        /** The reason in English. */
        public String why() {
            return reason.english();
        }
    }
}
