package com.vidugateway.adapter.modelverse;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Waits between attempts: exponential from the initial wait, ±20 % jitter, capped; Retry-After wins when given. */
final class Backoff {

    private final Duration initial;
    private final Duration max;

    Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
    }

    /** The wait before attempt {@code attempt + 1}, after {@code attempt} failed (1-based). */
    Duration after(int attempt, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter.compareTo(max) > 0 ? max : retryAfter;
        }
        long base = initial.toMillis() << Math.min(attempt - 1, 20);
        double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        long millis = Math.min(max.toMillis(), Math.round(base * jitter));
        return Duration.ofMillis(millis);
    }
}
