package com.vidugateway.adapter.rest;

import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The status answers of tasks that can never change again, kept in memory so that polling a finished task
 * costs no database read: a Failure, or a Success whose video the gateway has stored (the domain guarantees
 * that such a task is final: a terminal task never moves, and its video, once kept, is not replaced). Only
 * what the status answer shows is kept — never the request, which may hold hundreds of MB of images — for
 * at most {@value #CAPACITY} tasks, least recently used first out. Keyed by owner and id, so another key's
 * task stays "not found". Safe with several gateway instances: what is final is final everywhere.
 */
@Singleton
final class FinalStatuses {

    static final int CAPACITY = 10_000;

    /** What a final task's status answer shows; {@code videoPath} is appended to the gateway's URL. */
    record Final(String taskId, TaskStatus status, String videoPath, long submitTime, long finishTime,
                 String errorMessage, int duration) {

        RestWire.StatusResponse response(String base, String requestId) {
            return new RestWire.StatusResponse(
                    new RestWire.StatusOutput(taskId, status.displayName(),
                            videoPath == null ? null : List.of(base + videoPath), submitTime, finishTime, errorMessage),
                    new RestWire.Usage(duration), requestId);
        }
    }

    private record Key(String owner, String taskId) {}

    private final Map<Key, Final> entries = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Final> eldest) {
            return size() > CAPACITY;
        }
    };

    synchronized Optional<Final> find(String owner, String taskId) {
        return Optional.ofNullable(entries.get(new Key(owner, taskId)));
    }

    /** Remembers the task when it is final; does nothing otherwise. */
    void offer(VideoTask task) {
        boolean isFinal = task.status() == TaskStatus.FAILURE
                || (task.status() == TaskStatus.SUCCESS && task.video() != null);
        if (!isFinal) {
            return;
        }
        Final entry = new Final(task.id().value(), task.status(),
                task.video() == null ? null : "/v1/tasks/" + task.id().value() + "/video",
                task.acceptedAt().getEpochSecond(),
                task.enteredAt(task.status()).orElse(task.lastChangedAt()).getEpochSecond(),
                task.status() == TaskStatus.FAILURE ? task.errorMessage() : null,
                task.request().duration());
        synchronized (this) {
            entries.put(new Key(task.owner(), task.id().value()), entry);
        }
    }
}
