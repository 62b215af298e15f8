package com.vidugateway.application.port.out;

import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.TaskSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** An owner's tasks a page at a time, and how many tasks there are in each status. */
public interface TaskLists {

    /**
     * One page of an owner's tasks, newest first (by acceptance time, then id): each as {@link TaskSummary} (what
     * {@code VideoTask.summary()} gives), which a store may read without the stored request.
     *
     * @param status only tasks in this status; null for all
     * @param after  the last task of the previous page; null for the first page
     */
    List<TaskSummary> list(String owner, TaskStatus status, PageCursor after, int limit);

    /** How many tasks are in each status (statuses without tasks may be left out). */
    Map<TaskStatus, Long> countByStatus();

    /** Where a page ends: the last task's acceptance time and id. */
    record PageCursor(Instant acceptedAt, TaskId id) {
        public PageCursor {
            Objects.requireNonNull(acceptedAt, "acceptedAt");
            Objects.requireNonNull(id, "id");
        }
    }
}
