package com.vidugateway.application.service;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;

/**
 * The gateway's one retry timing, for provider calls, video copies and webhook deliveries alike: exponential backoff
 * (×2 per failure) with ±20 % jitter, up to a longest wait — Resilience4j's interval function. The retries themselves
 * are scheduled in the store (a task's next check, an event's next attempt), so they survive restarts; this only says
 * how long to wait.
 */
public final class RetryTiming {

    private final IntervalFunction intervals;

    public RetryTiming(Duration first, Duration longest) {
        this.intervals = IntervalFunction.ofExponentialRandomBackoff(first, 2.0, 0.2, longest);
    }

    /** How long to wait after {@code failures} failures in a row (1 for the first). */
    public Duration after(int failures) {
        return Duration.ofMillis(intervals.apply(Math.max(1, failures)));
    }
}
