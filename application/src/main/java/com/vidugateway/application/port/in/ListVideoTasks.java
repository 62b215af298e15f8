package com.vidugateway.application.port.in;

import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import java.util.List;

/** The owner's tasks, newest first, a page at a time. */
public interface ListVideoTasks {

    int MAX_LIMIT = 100;

    /**
     * @param status only this status; null for all
     * @param limit  1 to {@link #MAX_LIMIT}
     * @param cursor the previous page's {@link Page#nextCursor()}; null for the first page
     * @throws IllegalArgumentException the limit is out of range or the cursor is not one this gateway made
     */
    Page list(String owner, TaskStatus status, int limit, String cursor);

    /** @param nextCursor where the next page starts; null on the last page */
    record Page(List<VideoTask> tasks, String nextCursor) {
        public Page {
            tasks = List.copyOf(tasks);
        }
    }
}
