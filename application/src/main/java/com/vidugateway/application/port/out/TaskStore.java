package com.vidugateway.application.port.out;

import com.vidugateway.domain.client.ClientQuota;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.VideoTask;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where accepted tasks live, durably: a task stored here is never lost. Writes are compare-and-set on the task's
 * revision, so two pollers (or a poller and a request, in two processes) can never move a task backwards or finish it
 * twice.
 */
public interface TaskStore {

    /**
     * Stores a new task and its first check.
     *
     * @param idempotency the client's key and the request's fingerprint; null when none was given
     * @throws IdempotencyKeyTaken the owner already used this key (a concurrent submit won)
     */
    default void add(VideoTask task, Idempotency idempotency, Instant firstCheckAt) {
        add(task, idempotency, firstCheckAt, ClientQuota.NONE);
    }

    /**
     * Stores a new task and its first check if its owner's limits allow one more ({@link ClientQuota#check}): the
     * check and the reservation of the task's charge are one transaction, so racing submits on any instance cannot go
     * over a limit together.
     *
     * @param idempotency the client's key and the request's fingerprint; null when none was given
     * @throws IdempotencyKeyTaken the owner already used this key (a concurrent submit won)
     * @throws OverLimit           a limit refuses the task; nothing was stored
     */
    void add(VideoTask task, Idempotency idempotency, Instant firstCheckAt, ClientQuota quota);

    Optional<VideoTask> find(TaskId id);

    /** The task as its owner sees it: another owner's task is not found, as if it did not exist. */
    default Optional<VideoTask> findOwned(String owner, TaskId id) {
        return find(id).filter(task -> task.owner().equals(owner));
    }

    Optional<IdempotentSubmit> findByIdempotencyKey(String owner, String key);

    /**
     * Keeps the provider's refusal that answered a task's submit, so that a client resending the submit with the
     * same idempotency key gets the same answer again.
     */
    void recordRefusal(TaskId id, Refusal refusal);

    /**
     * Writes {@code updated} only if the stored task is still at {@code updated.revision() - 1}.
     *
     * @return false when someone else changed the task first (reload and decide again)
     */
    boolean replace(VideoTask updated);

    /** A client's idempotency key and what the request it came with looked like. */
    record Idempotency(String key, String requestFingerprint) {
        public Idempotency {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(requestFingerprint, "requestFingerprint");
        }
    }

    /**
     * A task found by idempotency key, with the fingerprint of the request that created it.
     *
     * @param refusal the provider's refusal that answered the submit; null when the submit was accepted
     */
    record IdempotentSubmit(VideoTask task, String requestFingerprint, Refusal refusal) {
        public IdempotentSubmit(VideoTask task, String requestFingerprint) {
            this(task, requestFingerprint, null);
        }
    }

    /** A provider's refusal of a submit ({@link ProviderFailure.Rejected}) as a value that can be stored. */
    record Refusal(ProviderFailure.Reason reason, int httpStatus, String code, String message) {
        public Refusal {
            Objects.requireNonNull(reason, "reason");
            code = code == null ? "" : code;
            message = message == null ? "" : message;
        }

        public static Refusal of(ProviderFailure.Rejected rejected) {
            return new Refusal(rejected.reason(), rejected.httpStatus(), rejected.code(), rejected.getMessage());
        }

        public ProviderFailure.Rejected toRejected() {
            return new ProviderFailure.Rejected(reason, httpStatus, code, message);
        }
    }

    /** The owner's limits refuse a new task ({@link #add}); nothing was stored. */
    final class OverLimit extends RuntimeException {
        private final transient ClientQuota.Refusal refusal;

        public OverLimit(ClientQuota.Refusal refusal) {
            super(refusal.reason().english());
            this.refusal = refusal;
        }

        public ClientQuota.Refusal refusal() {
            return refusal;
        }
    }

    /** The owner already used this idempotency key. */
    final class IdempotencyKeyTaken extends RuntimeException {
        public IdempotencyKeyTaken(String owner, String key) {
            super("idempotency key '" + key + "' is already used by " + owner);
        }
    }
}
