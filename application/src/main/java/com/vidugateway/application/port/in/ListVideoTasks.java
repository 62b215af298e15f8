package com.vidugateway.application.port.in;

import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.TaskSummary;
import com.vidugateway.domain.text.Sentence;
import java.util.List;

/** The owner's tasks, newest first, a page at a time. */
public interface ListVideoTasks {

    int MAX_LIMIT = 100;

    /**
     * @param status only this status; null for all
     * @param limit  1 to {@link #MAX_LIMIT}
     * @param cursor the previous page's {@link Page#nextCursor()}; null for the first page
     * @throws BadPage the limit is out of range or the cursor is not one this gateway made
     */
    Page list(String owner, TaskStatus status, int limit, String cursor);

    /** A page that cannot be given: {@code reason} says why, to be said in the user's language. */
    final class BadPage extends IllegalArgumentException {

        private final transient Sentence reason;

        public BadPage(Sentence reason) {
            super(reason.english());
            this.reason = reason;
        }

        public Sentence reason() {
            return reason;
        }
    }

    /**
     * @param tasks      each task as a list shows it
     * @param nextCursor where the next page starts; null on the last page
     */
    record Page(List<TaskSummary> tasks, String nextCursor) {
        public Page {
            tasks = List.copyOf(tasks);
        }
    }
}
