package com.vidugateway.application.port.out;

import com.vidugateway.domain.task.TaskId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When each task should next be looked at (its check), and which gateway instance holds it (its lease holder): the
 * instance the store was opened for, stamped on every add, claim and replace, so that the work of an instance found dead
 * can be taken over by another.
 */
public interface TaskChecks {

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
}
