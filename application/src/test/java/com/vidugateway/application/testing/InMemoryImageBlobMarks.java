package com.vidugateway.application.testing;

import com.vidugateway.application.port.out.ImageBlobMarks;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * {@link ImageBlobMarks} in memory, for service tests: one lock stands for the database's row locks (a mark waits while
 * a sweep holds it), the test's clock for the database's.
 */
public final class InMemoryImageBlobMarks implements ImageBlobMarks {

    private final Clock clock;
    private final Predicate<String> referred;
    private final Map<String, Instant> marks = new HashMap<>();
    private final ReentrantLock lock = new ReentrantLock();

    /** @param referred whether a task refers to a blob ({@code VideoTasks::refersToImage} of the same store) */
    public InMemoryImageBlobMarks(Clock clock, Predicate<String> referred) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.referred = Objects.requireNonNull(referred, "referred");
    }

    @Override
    public void mark(String sha256) {
        lock.lock();
        try {
            marks.put(sha256, clock.instant());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Instant cutOff(Duration age) {
        return clock.instant().minus(age);
    }

    @Override
    public List<String> markedBefore(Instant cutOff, String after, int limit) {
        lock.lock();
        try {
            return marks.entrySet().stream().filter(e -> e.getValue().isBefore(cutOff)).map(Map.Entry::getKey)
                    .filter(sha256 -> after == null || sha256.compareTo(after) > 0).sorted().limit(limit).toList();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Swept sweep(String sha256, Instant cutOff, Removal removal) throws IOException {
        lock.lock();
        try {
            Instant kept = marks.get(sha256);
            if (kept == null) {
                marks.put(sha256, clock.instant());
                return Swept.MARKED;
            }
            if (!kept.isBefore(cutOff)) {
                return Swept.RECENT;
            }
            if (referred.test(sha256)) {
                return Swept.IN_USE;
            }
            removal.remove();
            marks.remove(sha256);
            return Swept.REMOVED;
        } finally {
            lock.unlock();
        }
    }

    /** When {@code sha256} was last marked; null when it has no mark. */
    public Instant markOf(String sha256) {
        lock.lock();
        try {
            return marks.get(sha256);
        } finally {
            lock.unlock();
        }
    }

    /** Whether a thread waits for a sweep to let go (a submit's mark). */
    public boolean markWaiting() {
        return lock.hasQueuedThreads();
    }

    /** Every mark made {@code age} earlier, as if that long had passed since (the clock stays where it is). */
    public void age(Duration age) {
        lock.lock();
        try {
            marks.replaceAll((sha256, at) -> at.minus(age));
        } finally {
            lock.unlock();
        }
    }
}
