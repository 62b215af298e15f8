package com.vidugateway.application.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.vidugateway.application.port.in.FollowTaskChanges;
import com.vidugateway.application.port.out.TaskChanges;
import com.vidugateway.application.port.out.TaskStatuses;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatusView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A server's status answers, held in memory while their tasks do not change: clients poll a running task every few
 * seconds, and it changes a few times in its life. Each answer read from the store is held; each round of
 * {@link #followChanges} reads the store's change feed ({@link TaskChanges}, shared by every instance and CLI process on
 * the database) and lets go of the answers of the tasks that changed. An answer is given from memory only while the
 * last round that succeeded began less than {@link #FRESH_FOR} ago — so it is never older than that, whoever changed the
 * task — or when it can never change ({@link TaskStatusView#isFinal}). Otherwise the store answers (decision 13).
 *
 * <p>An answer read while its task changed must not be held after the round that saw the change let go of it: each
 * round notes the tasks it saw change (for a minute) before letting go of their answers, and an answer read from the
 * store is held only if its task was not seen changing since the read began — the check and the hold are one atomic
 * step of the memory's map, as is the letting go.
 */
public final class StatusMemory implements FollowTaskChanges {

    /** How old the newest round may be for an answer to be given from memory. */
    public static final Duration FRESH_FOR = Duration.ofSeconds(1);

    /** Answers held at most: the tasks being polled (an answer takes well under 1 KiB). */
    static final int CAPACITY = 20_000;

    /** Changes read from the feed in one query. */
    static final int BATCH = 1_000;

    /** A read from the store that took longer than this is not held (the changes noted meanwhile may be gone). */
    private static final Duration LONGEST_HELD_READ = Duration.ofSeconds(10);

    private final TaskStatuses store;
    private final TaskChanges changes;
    private final Clock clock;
    private final Duration freshFor;

    /**
     * An answer is read again after this long at the latest, feed or not: a gateway of an earlier version writing the
     * same database (a rolling upgrade) takes no change numbers, and its changes must not stay hidden for good.
     */
    static final Duration LONGEST_HELD = Duration.ofSeconds(30);

    private final Cache<TaskId, TaskStatusView> answers = Caffeine.newBuilder().maximumSize(CAPACITY)
            .expireAfterWrite(LONGEST_HELD).build();
    private final Cache<TaskId, Long> seenChanging = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(1)).build();

    /** Every change up to this number has been let go of; -1 before the first round. */
    private volatile long followedUpTo = -1;
    /** When the last round that succeeded began; null before the first. */
    private volatile Instant followedAt;

    public StatusMemory(TaskStatuses store, TaskChanges changes, Clock clock, Duration freshFor) {
        this.store = Objects.requireNonNull(store, "store");
        this.changes = Objects.requireNonNull(changes, "changes");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.freshFor = Objects.requireNonNull(freshFor, "freshFor");
    }

    /**
     * The first round starts at the feed's newest change (nothing is held yet); each later one reads on from where the
     * last ended. A round that fails (the store is down) leaves the memory as it was: its answers go stale, and stale
     * answers are not given.
     */
    @Override
    public int followChanges() {
        Instant began = clock.instant();
        long from = followedUpTo;
        if (from < 0) {
            followedUpTo = changes.latest();
            followedAt = began;
            return 0;
        }
        int seen = 0;
        List<TaskChanges.Change> batch;
        do {
            batch = changes.after(from, BATCH);
            for (TaskChanges.Change change : batch) {
                // Noted before the answer goes: a read racing this round then declines to hold what it read.
                seenChanging.put(change.id(), change.number());
                answers.invalidate(change.id());
                from = Math.max(from, change.number());
            }
            seen += batch.size();
        } while (batch.size() == BATCH);
        followedUpTo = from;
        followedAt = began;
        return seen;
    }

    /** The owner's task's answer when memory holds one it may give; never asks the store. */
    public Optional<TaskStatusView> remembered(String owner, TaskId id) {
        TaskStatusView answer = answers.getIfPresent(id);
        if (answer == null || !answer.owner().equals(owner) || !(answer.isFinal() || fresh())) {
            return Optional.empty();
        }
        return Optional.of(answer);
    }

    /** The owner's task's answer: from memory when it may be given from there, else from the store (and then held). */
    public Optional<TaskStatusView> statusOf(String owner, TaskId id) {
        Optional<TaskStatusView> remembered = remembered(owner, id);
        if (remembered.isPresent()) {
            return remembered;
        }
        long readAfter = followedUpTo;
        Instant began = clock.instant();
        Optional<TaskStatusView> read = store.statusOf(owner, id);
        boolean quick = Duration.between(began, clock.instant()).compareTo(LONGEST_HELD_READ) < 0;
        if (read.isPresent() && readAfter >= 0 && quick) {
            hold(read.get(), readAfter);
        }
        return read;
    }

    private void hold(TaskStatusView answer, long readAfter) {
        answers.asMap().compute(answer.id(), (id, held) -> {
            Long changed = seenChanging.getIfPresent(id);
            return changed != null && changed > readAfter ? null : answer;
        });
    }

    private boolean fresh() {
        Instant at = followedAt;
        return at != null && clock.instant().isBefore(at.plus(freshFor));
    }
}
