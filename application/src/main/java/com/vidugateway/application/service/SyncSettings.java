package com.vidugateway.application.service;

import java.time.Duration;
import java.util.Objects;

/**
 * How the gateway looks after accepted tasks.
 *
 * @param pollInterval             the gap between polls while a task is likely to finish
 * @param timeoutMultiple          a task still unfinished after this many times its typical generation time ends in Failure
 * @param minTimeout               ...but never before this long
 * @param maxTimeout               ...and always after this long (the hard maximum)
 * @param maxQueueTime             a task the provider could not be sent (unreachable, 429) for this long ends in Failure
 * @param submitGrace              a task left "Submitting" this long was being sent by a process that stopped
 * @param maxDownloadAttempts      tries to copy a finished video before giving up (the task keeps its provider URL)
 * @param retryBackoff             the first wait after a provider or download problem; doubles per attempt
 * @param maxRetryBackoff          the longest such wait
 * @param providerCallsPerSecond   a cap on all provider calls of every gateway instance on the store together
 * @param batchSize                tasks looked at per sync round
 * @param lease                    how long a poller holds a task it is looking at (unless it is found dead sooner)
 * @param instanceHeartbeat        how often an instance says it is alive
 * @param instanceDeadAfter        an instance silent this long is dead, and its tasks are taken over
 */
public record SyncSettings(
        Duration pollInterval,
        int timeoutMultiple,
        Duration minTimeout,
        Duration maxTimeout,
        Duration maxQueueTime,
        Duration submitGrace,
        int maxDownloadAttempts,
        Duration retryBackoff,
        Duration maxRetryBackoff,
        double providerCallsPerSecond,
        int batchSize,
        Duration lease,
        Duration instanceHeartbeat,
        Duration instanceDeadAfter) {

    public SyncSettings {
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(minTimeout, "minTimeout");
        Objects.requireNonNull(maxTimeout, "maxTimeout");
        if (timeoutMultiple < 1 || minTimeout.compareTo(maxTimeout) > 0) {
            throw new IllegalArgumentException("timeouts: multiple ≥ 1 and minimum ≤ maximum");
        }
        Objects.requireNonNull(instanceHeartbeat, "instanceHeartbeat");
        Objects.requireNonNull(instanceDeadAfter, "instanceDeadAfter");
        if (instanceDeadAfter.compareTo(instanceHeartbeat.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("an instance must be allowed to miss a heartbeat: dead-after ≥ 2 × heartbeat");
        }
        if (providerCallsPerSecond <= 0 || batchSize < 1 || maxDownloadAttempts < 1) {
            throw new IllegalArgumentException("calls per second, batch size and download attempts must be positive");
        }
    }

    public static SyncSettings defaults() {
        return new SyncSettings(Duration.ofMillis(4500), 20, Duration.ofMinutes(10), Duration.ofHours(2),
                Duration.ofHours(1), Duration.ofMinutes(5), 8, Duration.ofSeconds(2), Duration.ofMinutes(5),
                5.0, 50, Duration.ofMinutes(2), Duration.ofSeconds(3), Duration.ofSeconds(15));
    }
}
