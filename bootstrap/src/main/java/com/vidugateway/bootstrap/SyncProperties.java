package com.vidugateway.bootstrap;

import com.vidugateway.application.service.SyncSettings;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * {@code vidu.sync.*}: how the gateway looks after accepted tasks (see {@link SyncSettings} for each). A setting
 * left out takes its default from {@link SyncSettings#defaults()}, the one place the defaults are written.
 */
@ConfigurationProperties("vidu.sync")
record SyncProperties(
        @Nullable Duration pollInterval,
        @Nullable Integer timeoutMultiple,
        @Nullable Duration minTimeout,
        @Nullable Duration maxTimeout,
        @Nullable Duration maxQueueTime,
        @Nullable String submitGrace,
        @Nullable String providerCallsPerSecond,
        @Nullable Duration lease,
        @Nullable Duration instanceHeartbeat,
        @Nullable Duration instanceDeadAfter) {

    SyncSettings settings() {
        SyncSettings defaults = SyncSettings.defaults();
        double callsPerSecond = callsPerSecond(defaults.providerCallsPerSecond());
        Duration grace = grace(defaults.submitGrace(), or(instanceHeartbeat, defaults.instanceHeartbeat()));
        try {
            return new SyncSettings(or(pollInterval, defaults.pollInterval()),
                    or(timeoutMultiple, defaults.timeoutMultiple()), or(minTimeout, defaults.minTimeout()),
                    or(maxTimeout, defaults.maxTimeout()), or(maxQueueTime, defaults.maxQueueTime()),
                    grace, defaults.maxDownloadAttempts(), defaults.retryBackoff(),
                    defaults.maxRetryBackoff(), callsPerSecond,
                    defaults.batchSize(), or(lease, defaults.lease()), or(instanceHeartbeat, defaults.instanceHeartbeat()),
                    or(instanceDeadAfter, defaults.instanceDeadAfter()), defaults.providerRetry());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("vidu.sync: " + e.getMessage(), e);
        }
    }

    /**
     * Read here rather than by the framework, which takes a value it cannot convert for no value at all: a typo would
     * silently lift the cap.
     */
    private double callsPerSecond(double otherwise) {
        if (providerCallsPerSecond == null || providerCallsPerSecond.isBlank()) {
            return otherwise;
        }
        try {
            double parsed = Double.parseDouble(providerCallsPerSecond.strip());
            if (parsed > 0 && Double.isFinite(parsed)) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("VIDU_PROVIDER_CALLS_PER_SECOND: '" + providerCallsPerSecond
                + "' is not a positive number of provider calls per second (for all instances together), such as 5 or 0.5");
    }

    /** Read here, like the cap: a value the framework cannot convert would silently become the default. */
    private Duration grace(Duration otherwise, Duration heartbeat) {
        if (submitGrace == null || submitGrace.isBlank()) {
            return otherwise;
        }
        Duration parsed;
        try {
            parsed = Retention.parse("VIDU_SUBMIT_GRACE", submitGrace);
        } catch (IllegalArgumentException notADuration) {
            parsed = null;
        }
        if (parsed == null || parsed.isZero() || parsed.isNegative()) {
            throw new IllegalArgumentException("VIDU_SUBMIT_GRACE: '" + submitGrace + "' is not a time to wait; give a"
                    + " duration such as 5m, 90s or PT10M");
        }
        if (parsed.compareTo(heartbeat.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("VIDU_SUBMIT_GRACE: '" + submitGrace + "' is shorter than two heartbeats ("
                    + heartbeat.multipliedBy(2).toSeconds() + " s): a sender renews its submit's lease at every heartbeat,"
                    + " so a shorter grace would settle submits still on their way");
        }
        return parsed;
    }

    private static <T> T or(T given, T otherwise) {
        return given != null ? given : otherwise;
    }
}
