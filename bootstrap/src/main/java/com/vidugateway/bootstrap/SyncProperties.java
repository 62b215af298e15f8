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
        @Nullable Double providerCallsPerSecond,
        @Nullable Duration lease,
        @Nullable Duration instanceHeartbeat,
        @Nullable Duration instanceDeadAfter) {

    SyncSettings settings() {
        SyncSettings defaults = SyncSettings.defaults();
        try {
            return new SyncSettings(or(pollInterval, defaults.pollInterval()),
                    or(timeoutMultiple, defaults.timeoutMultiple()), or(minTimeout, defaults.minTimeout()),
                    or(maxTimeout, defaults.maxTimeout()), or(maxQueueTime, defaults.maxQueueTime()),
                    defaults.submitGrace(), defaults.maxDownloadAttempts(), defaults.retryBackoff(),
                    defaults.maxRetryBackoff(), or(providerCallsPerSecond, defaults.providerCallsPerSecond()),
                    defaults.batchSize(), or(lease, defaults.lease()), or(instanceHeartbeat, defaults.instanceHeartbeat()),
                    or(instanceDeadAfter, defaults.instanceDeadAfter()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("vidu.sync: " + e.getMessage(), e);
        }
    }

    private static <T> T or(T given, T otherwise) {
        return given != null ? given : otherwise;
    }
}
