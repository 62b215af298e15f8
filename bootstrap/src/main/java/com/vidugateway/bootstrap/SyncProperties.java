package com.vidugateway.bootstrap;

import com.vidugateway.application.service.SyncSettings;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.Map;

/**
 * {@code vidu.sync.*}: how the gateway looks after accepted tasks (see {@link SyncSettings} for each). A setting
 * left out takes its default from {@link SyncSettings#defaults()}, the one place the defaults are written. Every value
 * is read here, durations by {@link Durations}, rather than converted by the framework, which takes a value it cannot
 * convert for no value at all: a typo would silently leave the default in force.
 */
@ConfigurationProperties("vidu.sync")
record SyncProperties(
        @Nullable String pollInterval,
        @Nullable String timeoutMultiple,
        @Nullable String minTimeout,
        @Nullable String maxTimeout,
        @Nullable String maxQueueTime,
        @Nullable String submitGrace,
        @Nullable String providerCallsPerSecond,
        @Nullable String lease,
        @Nullable String instanceHeartbeat,
        @Nullable String instanceDeadAfter) {

    /**
     * The settings as a CLI command reads them: the environment variables the README names ({@code VIDU_SUBMIT_GRACE},
     * {@code VIDU_PROVIDER_CALLS_PER_SECOND}); the others are properties of the server's configuration only.
     */
    static SyncProperties fromEnvironment(Map<String, String> environment) {
        return new SyncProperties(null, null, null, null, null, environment.get("VIDU_SUBMIT_GRACE"),
                environment.get("VIDU_PROVIDER_CALLS_PER_SECOND"), null, null, null);
    }

    SyncSettings settings() {
        SyncSettings defaults = SyncSettings.defaults();
        double callsPerSecond = callsPerSecond(defaults.providerCallsPerSecond());
        Duration heartbeat = duration("instance-heartbeat", instanceHeartbeat, defaults.instanceHeartbeat());
        Duration grace = grace(defaults.submitGrace(), heartbeat);
        Duration poll = duration("poll-interval", pollInterval, defaults.pollInterval());
        int multiple = timeoutMultiple(defaults.timeoutMultiple());
        Duration min = duration("min-timeout", minTimeout, defaults.minTimeout());
        Duration max = duration("max-timeout", maxTimeout, defaults.maxTimeout());
        Duration queue = duration("max-queue-time", maxQueueTime, defaults.maxQueueTime());
        Duration leaseFor = duration("lease", lease, defaults.lease());
        Duration deadAfter = duration("instance-dead-after", instanceDeadAfter, defaults.instanceDeadAfter());
        try {
            return new SyncSettings(poll, multiple, min, max, queue, grace, defaults.maxDownloadAttempts(),
                    defaults.retryBackoff(), defaults.maxRetryBackoff(), callsPerSecond, defaults.batchSize(), leaseFor,
                    heartbeat, deadAfter, defaults.providerRetry());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("vidu.sync: " + e.getMessage(), e);
        }
    }

    private static Duration duration(String name, String value, Duration otherwise) {
        return Durations.positive("vidu.sync." + name, value, otherwise);
    }

    private int timeoutMultiple(int otherwise) {
        if (timeoutMultiple == null || timeoutMultiple.isBlank()) {
            return otherwise;
        }
        try {
            int parsed = Integer.parseInt(timeoutMultiple.strip());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("vidu.sync.timeout-multiple: '" + timeoutMultiple.strip()
                + "' is not a positive whole number");
    }

    /** The provider-call cap: a typo must not lift it. */
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

    private Duration grace(Duration otherwise, Duration heartbeat) {
        if (submitGrace == null || submitGrace.isBlank()) {
            return otherwise;
        }
        Duration parsed = Durations.parse(submitGrace).orElse(null);
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
}
