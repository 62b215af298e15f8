package com.vidugateway.adapter.modelverse;

import com.vidugateway.application.service.RetryTiming;
import java.time.Duration;

/**
 * Waits between attempts of one status read: the gateway's one retry timing ({@link RetryTiming}: exponential with
 * jitter, capped), except that the provider's Retry-After wins when it gives one.
 */
final class Backoff {

    private final RetryTiming timing;
    private final Duration max;

    Backoff(Duration initial, Duration max) {
        this.timing = new RetryTiming(initial, max);
        this.max = max;
    }

    /** The wait before attempt {@code attempt + 1}, after {@code attempt} failed (1-based). */
    Duration after(int attempt, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter.compareTo(max) > 0 ? max : retryAfter;
        }
        return timing.after(attempt);
    }
}
