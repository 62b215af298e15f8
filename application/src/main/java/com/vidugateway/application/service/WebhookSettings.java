package com.vidugateway.application.service;

import java.time.Duration;
import java.util.Objects;

/**
 * How webhook events are delivered.
 *
 * @param retryFor         no attempt is made later than this after the event (then it is given up)
 * @param firstRetryAfter  the wait after the first failed attempt; doubles per failure (with jitter)
 * @param longestRetryWait the longest wait between two attempts
 * @param lease            how long an instance holds an event it is delivering: an attempt (the host's lookup
 *                         included) times out well before, so no second attempt at the event begins meanwhile
 */
public record WebhookSettings(Duration retryFor, Duration firstRetryAfter, Duration longestRetryWait, Duration lease) {

    public WebhookSettings {
        Objects.requireNonNull(retryFor, "retryFor");
        Objects.requireNonNull(firstRetryAfter, "firstRetryAfter");
        Objects.requireNonNull(longestRetryWait, "longestRetryWait");
        Objects.requireNonNull(lease, "lease");
        if (retryFor.isNegative() || firstRetryAfter.isNegative() || firstRetryAfter.isZero()
                || longestRetryWait.compareTo(firstRetryAfter) < 0) {
            throw new IllegalArgumentException("webhook retries: 0 < first wait ≤ longest wait, and a retry time ≥ 0");
        }
    }

    /** The waits between attempts: from {@code firstRetryAfter}, doubling, up to {@code longestRetryWait}. */
    RetryTiming retryTiming() {
        return new RetryTiming(firstRetryAfter, longestRetryWait);
    }

    /** 24 h of attempts, 5 s after the first failure, then ×2 up to an hour apart; a 30 s lease. */
    public static WebhookSettings defaults() {
        return new WebhookSettings(Duration.ofHours(24), Duration.ofSeconds(5), Duration.ofHours(1),
                Duration.ofSeconds(30));
    }
}
