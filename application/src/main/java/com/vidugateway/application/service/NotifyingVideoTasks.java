package com.vidugateway.application.service;

import com.vidugateway.application.port.out.TaskListener;
import com.vidugateway.application.port.out.VideoTasks;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The store, telling the listener about every task it stored: one place, whoever made the change. */
final class NotifyingVideoTasks implements VideoTasks {

    private final VideoTasks store;
    private final TaskListener listener;

    NotifyingVideoTasks(VideoTasks store, TaskListener listener) {
        this.store = store;
        this.listener = listener;
    }

    @Override
    public void add(VideoTask task, Idempotency idempotency, Instant firstCheckAt) {
        store.add(task, idempotency, firstCheckAt);
        listener.taskChanged(task);
    }

    @Override
    public boolean replace(VideoTask updated) {
        boolean stored = store.replace(updated);
        if (stored) {
            listener.taskChanged(updated);
        }
        return stored;
    }

    @Override
    public Optional<VideoTask> find(TaskId id) {
        return store.find(id);
    }

    @Override
    public Optional<IdempotentSubmit> findByIdempotencyKey(String owner, String key) {
        return store.findByIdempotencyKey(owner, key);
    }

    @Override
    public boolean refersToImage(String sha256) {
        return store.refersToImage(sha256);
    }

    @Override
    public List<VideoTask> keepingImagesEndedBefore(Instant before, int limit) {
        return store.keepingImagesEndedBefore(before, limit);
    }

    @Override
    public List<VideoTask> keepingVideosStoredBefore(Instant before, int limit) {
        return store.keepingVideosStoredBefore(before, limit);
    }

    @Override
    public Map<TaskStatus, Long> countByStatus() {
        return store.countByStatus();
    }

    @Override
    public void recordRefusal(TaskId id, Refusal refusal) {
        store.recordRefusal(id, refusal);
    }

    @Override
    public List<VideoTask> list(String owner, TaskStatus status, PageCursor after, int limit) {
        return store.list(owner, status, after, limit);
    }

    @Override
    public List<Check> due(Instant now, int limit) {
        return store.due(now, limit);
    }

    @Override
    public Optional<Check> checkOf(TaskId id) {
        return store.checkOf(id);
    }

    @Override
    public boolean claim(Check check, Instant until) {
        return store.claim(check, until);
    }

    @Override
    public List<Check> claimDue(Instant now, int limit, Instant until) {
        return store.claimDue(now, limit, until);
    }

    @Override
    public int releaseLeasesOf(String holder, Instant now) {
        return store.releaseLeasesOf(holder, now);
    }

    @Override
    public void schedule(TaskId id, Instant at, int attempts) {
        store.schedule(id, at, attempts);
    }
}
