package com.vidugateway.application.port.in;

import com.vidugateway.application.port.out.TaskChanges;
import com.vidugateway.domain.task.TaskStatusView;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Task changes as events for live streams ({@code GET /v1/tasks/events}): the store's change feed, shared by every
 * instance, read in order; each change becomes an event of the task's owner, with the change's number as its id, so a
 * client that reconnects with the last id it saw misses nothing (a task changed twice meanwhile shows once, as it is
 * now; its history has every step).
 */
public interface WatchTaskEvents {

    /** The newest change number: where a stream without a last event id begins. */
    long latest();

    /** The changes after {@code after}, in order, at most {@code limit}, of every owner. */
    List<TaskChanges.Change> changesAfter(long after, int limit);

    /** The event of {@code change} for {@code owner}; empty when the task is another owner's. */
    Optional<TaskEvent> eventOf(String owner, TaskChanges.Change change);

    /**
     * @param id       the change number: the stream's event id
     * @param status   the task's status answer now
     * @param progress 0–99 until Success, then 100; empty for a task that ended otherwise
     */
    record TaskEvent(long id, TaskStatusView status, OptionalInt progress) {}
}
