package com.vidugateway.application.port.out;

import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.TaskStatusView;
import com.vidugateway.domain.task.VideoTask;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where accepted tasks live, durably: a task stored here is never lost. Writes are compare-and-set on the
 * task's revision, so two pollers (or a poller and a request, in two processes) can never move a task
 * backwards or finish it twice. Each task also carries when it should next be looked at (its check), and which
 * gateway instance last held it (its lease holder): the instance this store was opened for, stamped on every add,
 * claim and replace, so that the work of an instance found dead can be taken over by another.
 */
public interface VideoTasks extends TaskStatuses {

    /**
     * Stores a new task and its first check.
     *
     * @param idempotency the client's key and the request's fingerprint; null when none was given
     * @throws IdempotencyKeyTaken the owner already used this key (a concurrent submit won)
     */
    void add(VideoTask task, Idempotency idempotency, Instant firstCheckAt);

    Optional<VideoTask> find(TaskId id);

    /** The task as its owner sees it: another owner's task is not found, as if it did not exist. */
    default Optional<VideoTask> findOwned(String owner, TaskId id) {
        return find(id).filter(task -> task.owner().equals(owner));
    }

    /** {@link TaskStatusView#of} the task {@link #findOwned} finds; a store may read it without the request. */
    @Override
    default Optional<TaskStatusView> statusOf(String owner, TaskId id) {
        return findOwned(owner, id).map(TaskStatusView::of);
    }

    Optional<IdempotentSubmit> findByIdempotencyKey(String owner, String key);

    /**
     * Keeps the provider's refusal that answered a task's submit, so that a client resending the submit with the
     * same idempotency key gets the same answer again.
     */
    void recordRefusal(TaskId id, Refusal refusal);

    /**
     * One page of an owner's tasks, newest first (by acceptance time, then id).
     *
     * @param status only tasks in this status; null for all
     * @param after  the last task of the previous page; null for the first page
     */
    List<VideoTask> list(String owner, TaskStatus status, PageCursor after, int limit);

    /**
     * Writes {@code updated} only if the stored task is still at {@code updated.revision() - 1}.
     *
     * @return false when someone else changed the task first (reload and decide again)
     */
    boolean replace(VideoTask updated);

    /** How many tasks are in each status (statuses without tasks may be left out). */
    Map<TaskStatus, Long> countByStatus();

    /** Checks due at {@code now} or earlier, earliest first. */
    List<Check> due(Instant now, int limit);

    /**
     * Takes up to {@code limit} due checks at once for {@code until} (see {@link #claim}), earliest first; checks
     * another instance is taking at the same moment are skipped, not waited for ({@code FOR UPDATE SKIP LOCKED}).
     *
     * @return the checks this caller got, each as it was before the claim (its due time and previous holder)
     */
    List<Check> claimDue(Instant now, int limit, Instant until);

    /**
     * Makes every check held by instance {@code holder} due at {@code now} (it was found dead): its leases end
     * at once instead of when they run out. The holder stays recorded, so whoever takes a task over knows whose
     * work it was.
     *
     * @return how many checks were released
     */
    int releaseLeasesOf(String holder, Instant now);

    /**
     * Moves the checks of those of {@code ids} that are still Submitting under this store's instance to {@code until}:
     * their sender is alive and still waiting for the provider's answer. A task written since (Pending, Failure…) or
     * claimed by another instance is left as it is.
     */
    void renewSubmitLeases(java.util.Collection<TaskId> ids, Instant until);

    /** The next check of one task; empty when the task is unknown or needs none. */
    Optional<Check> checkOf(TaskId id);

    /**
     * Takes a due check for {@code until} (a lease): only one of several pollers gets it, and a poller that
     * dies lets it fall due again when the lease ends.
     *
     * @return true when this caller got it
     */
    boolean claim(Check check, Instant until);

    /** When to look at the task next; null when it needs no more looking at. */
    void schedule(TaskId id, Instant at, int attempts);

    /** Whether a task that still keeps its images refers to the image blob {@code sha256}. */
    boolean refersToImage(String sha256);

    /** Up to {@code limit} tasks that ended before {@code before} and still keep their images, earliest first. */
    List<VideoTask> keepingImagesEndedBefore(Instant before, int limit);

    /** Up to {@code limit} tasks whose video copy was made before {@code before} and is still kept, earliest first. */
    List<VideoTask> keepingVideosStoredBefore(Instant before, int limit);

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

    /** Where a page ends: the last task's acceptance time and id. */
    record PageCursor(Instant acceptedAt, TaskId id) {
        public PageCursor {
            Objects.requireNonNull(acceptedAt, "acceptedAt");
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * A task's next check.
     *
     * @param attempts how many checks in a row met a problem (provider errors, failed downloads); 0 when fine
     * @param holder   the instance that last added, claimed or changed the task; null when not known
     */
    record Check(TaskId id, Instant dueAt, int attempts, String holder) {
        public Check {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(dueAt, "dueAt");
        }

        public Check(TaskId id, Instant dueAt, int attempts) {
            this(id, dueAt, attempts, null);
        }
    }

    /**
     * The store cannot be reached or used now (connection refused, pool exhausted, database restarting): nothing was
     * written by the failed call; the caller may try again later (a REST client gets 503 with Retry-After).
     */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The owner already used this idempotency key. */
    final class IdempotencyKeyTaken extends RuntimeException {
        public IdempotencyKeyTaken(String owner, String key) {
            super("idempotency key '" + key + "' is already used by " + owner);
        }
    }
}
