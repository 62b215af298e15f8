package com.vidugateway.application.port.out;

import com.vidugateway.domain.task.VideoTask;
import java.time.Instant;
import java.util.List;

/** What retention asks of the tasks: which ended ones still keep their images or videos, and which images are needed. */
public interface TaskRetention {

    /** Whether a task that still keeps its images refers to the image blob {@code sha256}. */
    boolean refersToImage(String sha256);

    /** Up to {@code limit} tasks that ended before {@code before} and still keep their images, earliest first. */
    List<VideoTask> keepingImagesEndedBefore(Instant before, int limit);

    /** Up to {@code limit} tasks whose video copy was made before {@code before} and is still kept, earliest first. */
    List<VideoTask> keepingVideosStoredBefore(Instant before, int limit);
}
