package com.vidugateway.domain.task;

import com.vidugateway.domain.request.VideoRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A request the gateway accepted, and its life since: every status it entered, and when.
 *
 * @param id      the gateway's id
 * @param owner   who submitted it (a client key's name, or the local CLI user); nobody else sees it
 * @param request the checked request, defaults filled in
 * @param history every status entered, oldest first; the last is the current one
 */
public record VideoTask(TaskId id, String owner, VideoRequest request, List<StatusChange> history) {

    public VideoTask {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(request, "request");
        history = List.copyOf(history);
        if (history.isEmpty() || history.get(0).status() != TaskStatus.ACCEPTED) {
            throw new IllegalArgumentException("a task's history starts with " + TaskStatus.ACCEPTED);
        }
        for (int i = 1; i < history.size(); i++) {
            StatusChange from = history.get(i - 1);
            StatusChange to = history.get(i);
            if (!from.status().canMoveTo(to.status())) {
                throw new IllegalTransitionException(id, from.status(), to.status());
            }
            if (to.at().isBefore(from.at())) {
                throw new IllegalArgumentException("task " + id + " entered " + to.status() + " before " + from.status());
            }
        }
    }

    /** A new task, accepted at {@code at}. */
    public static VideoTask accept(TaskId id, String owner, VideoRequest request, Instant at) {
        return new VideoTask(id, owner, request, List.of(new StatusChange(TaskStatus.ACCEPTED, at)));
    }

    public TaskStatus status() {
        return history.get(history.size() - 1).status();
    }

    public Instant acceptedAt() {
        return history.get(0).at();
    }

    /** When the task entered its current status. */
    public Instant lastChangedAt() {
        return history.get(history.size() - 1).at();
    }

    /**
     * The task in {@code target} from {@code at} on. Staying in the current status is no change (a poller
     * may see the same status twice); any move the lifecycle forbids throws {@link IllegalTransitionException}.
     */
    public VideoTask moveTo(TaskStatus target, Instant at) {
        if (target == status()) {
            return this;
        }
        if (!status().canMoveTo(target)) {
            throw new IllegalTransitionException(id, status(), target);
        }
        Instant when = at.isBefore(lastChangedAt()) ? lastChangedAt() : at;
        List<StatusChange> longer = new ArrayList<>(history);
        longer.add(new StatusChange(target, when));
        return new VideoTask(id, owner, request, longer);
    }
}
