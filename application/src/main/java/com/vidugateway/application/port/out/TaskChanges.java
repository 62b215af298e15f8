package com.vidugateway.application.port.out;

import com.vidugateway.domain.task.TaskId;
import java.util.List;
import java.util.Objects;

/**
 * The task store's change feed, shared by every instance on one database: each write that changes what a task shows
 * takes the next change number. Numbers become readable in the order they were taken, so a reader that has seen every
 * change up to {@link #latest()} has missed none before it.
 */
public interface TaskChanges {

    /** The newest change number; every change up to it is readable now. 0 before the first change. */
    long latest();

    /**
     * The tasks whose latest change came after {@code after}, in change order, at most {@code limit}: a task changed
     * several times since shows once, with its newest number.
     */
    List<Change> after(long after, int limit);

    /** A task and the number of its latest change. */
    record Change(TaskId id, long number) {
        public Change {
            Objects.requireNonNull(id, "id");
        }
    }
}
