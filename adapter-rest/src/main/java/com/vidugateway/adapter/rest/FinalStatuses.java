package com.vidugateway.adapter.rest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.vidugateway.domain.task.TaskStatusView;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * The status answers of tasks that can never change again, kept in memory so that polling a finished task
 * costs no database read: a Failure, or a Success whose video the gateway has stored (the domain guarantees
 * that such a task is final: a terminal task never moves, and its video, once kept, is not replaced) — but not a
 * Failure settled while a submit's outcome was unknown, which the provider's late answer may still reconcile. Only
 * what the status answer shows is kept — never the request, which may hold hundreds of MB of images — for
 * at most {@value #CAPACITY} tasks, the least used first out. Keyed by owner and id, so another key's
 * task stays "not found". Safe with several gateway instances: what is final is final everywhere.
 */
@Singleton
final class FinalStatuses {

    static final int CAPACITY = 10_000;

    private record Key(String owner, String taskId) {}

    /** Caffeine: reads take no lock (event-loop threads read at once), eviction by size (Window TinyLFU). */
    private final Cache<Key, TaskStatusView> entries = Caffeine.newBuilder().maximumSize(CAPACITY).build();

    Optional<TaskStatusView> find(String owner, String taskId) {
        return Optional.ofNullable(entries.getIfPresent(new Key(owner, taskId)));
    }

    /** Remembers the task's answer when it is final ({@link TaskStatusView#isFinal}); does nothing otherwise. */
    void offer(TaskStatusView task) {
        if (!task.isFinal()) {
            return;
        }
        // A kept video is what the answer shows: the provider's URLs (often long, signed) need no room here.
        TaskStatusView kept = task.videoKept() ? new TaskStatusView(task.id(), task.owner(), task.status(),
                task.acceptedAt(), task.endedAt(), task.errorMessage(), true, List.of(), task.duration(), false) : task;
        entries.put(new Key(task.owner(), task.id().value()), kept);
    }
}
