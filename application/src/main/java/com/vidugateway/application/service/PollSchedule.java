package com.vidugateway.application.service;

import com.vidugateway.domain.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * When to ask the provider about a task again: a pure function of the provider's typical generation time
 * for the request (T, from its latency table), when the provider took the task, and now.
 *
 * <ul>
 *   <li>Nothing before the earliest likely finish: the first poll comes one poll interval after 75 % of T,
 *       so a task finishing early is still seen within about one interval.</li>
 *   <li>Then one poll per interval (4.5 s by default) until 130 % of T: the window in which the published
 *       times say most tasks end, polled as tightly as a fixed 5-second poll.</li>
 *   <li>After that the task is late: the gap grows with the lateness (half of it), up to a minute, and
 *       doubles while the provider still says Pending (a queue, not a render).</li>
 * </ul>
 *
 * It learns nothing from other tasks: only the published table and this task's own clock, so every poll
 * can be justified. {@code bench/} measures it against a fixed 5-second poll.
 */
public final class PollSchedule {

    static final double EARLIEST_LIKELY_FINISH = 0.75;
    static final double LATEST_LIKELY_FINISH = 1.30;
    static final Duration MAX_GAP = Duration.ofMinutes(1);

    private final Duration interval;

    public PollSchedule(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("a poll interval is positive");
        }
        this.interval = interval;
    }

    /**
     * @param takenAt  when the provider took the task
     * @param typical  the provider's typical generation time for the request
     * @param now      the time of the poll just made (or of the submit)
     * @param reported what the provider said at that poll
     */
    public Instant next(Instant takenAt, Duration typical, Instant now, TaskStatus reported) {
        Instant first = takenAt.plus(scale(typical, EARLIEST_LIKELY_FINISH)).plus(interval);
        if (now.isBefore(first.minus(interval))) {
            return first;
        }
        Instant windowEnd = takenAt.plus(scale(typical, LATEST_LIKELY_FINISH));
        if (now.isBefore(windowEnd)) {
            return now.plus(interval);
        }
        Duration late = Duration.between(windowEnd, now);
        Duration gap = max(interval, late.dividedBy(2));
        if (reported == TaskStatus.PENDING) {
            gap = gap.multipliedBy(2);
        }
        return now.plus(min(gap, MAX_GAP));
    }

    private static Duration scale(Duration duration, double factor) {
        return Duration.ofMillis(Math.round(duration.toMillis() * factor));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
