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
 * @param submitGrace              a task "Submitting" whose sender has not renewed its lease for this long is no longer being
 *                                 sent (its sender renews it at every heartbeat while it streams and waits)
 * @param maxDownloadAttempts      tries to copy a finished video before giving up (the task keeps its provider URL)
 * @param retryBackoff             the first wait after a provider or download problem; doubles per attempt
 * @param maxRetryBackoff          the longest such wait
 * @param providerCallsPerSecond   a cap on all provider calls of every gateway instance on the store together
 * @param batchSize                tasks looked at per sync round
 * @param lease                    how long a poller holds a task it is looking at (unless it is found dead sooner)
 * @param instanceHeartbeat        how often an instance says it is alive
 * @param instanceDeadAfter        an instance silent this long is dead, and its tasks are taken over
 * @param providerRetry            how a provider call that certainly cost nothing is tried again at once
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
        Duration instanceDeadAfter,
        ProviderRetry providerRetry) {

    /**
     * The one retry policy of provider calls ({@link ProviderCalls}): a call that failed without costing anything (a
     * refused connection, a 429, a 5xx or a timeout on a status read) is tried again after an exponential wait with
     * jitter, or the provider's Retry-After when it gives one, and every attempt takes a slot of the cluster-wide cap.
     * What is still failing after the attempts — or asks for a longer wait than a caller should sit through — waits for
     * the task's next check (queued, or polled later), which honours the provider's Retry-After.
     *
     * @param submitAttempts sends of one submit; a resend happens only when the provider certainly never took it
     * @param statusAttempts reads of one status, retries included
     * @param firstWait      the wait after the first failure; doubled after each
     * @param longestWait    the longest wait made within one call
     */
    public record ProviderRetry(int submitAttempts, int statusAttempts, Duration firstWait, Duration longestWait) {
        public ProviderRetry {
            Objects.requireNonNull(firstWait, "firstWait");
            Objects.requireNonNull(longestWait, "longestWait");
            if (submitAttempts < 1 || statusAttempts < 1) {
                throw new IllegalArgumentException("a provider call is attempted at least once");
            }
        }

        public static ProviderRetry defaults() {
            return new ProviderRetry(3, 4, Duration.ofMillis(500), Duration.ofSeconds(5));
        }
    }

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
        Objects.requireNonNull(providerRetry, "providerRetry");
        Objects.requireNonNull(submitGrace, "submitGrace");
        if (submitGrace.compareTo(instanceHeartbeat.multipliedBy(2)) < 0) {
            // The sender renews a submit's lease at every heartbeat: the grace must outlast a missed one.
            throw new IllegalArgumentException("the submit grace must be at least 2 × the heartbeat ("
                    + instanceHeartbeat.multipliedBy(2).toSeconds() + " s)");
        }
        if (providerCallsPerSecond <= 0 || batchSize < 1 || maxDownloadAttempts < 1) {
            throw new IllegalArgumentException("calls per second, batch size and download attempts must be positive");
        }
    }

    public static SyncSettings defaults() {
        return new SyncSettings(Duration.ofMillis(4500), 20, Duration.ofMinutes(10), Duration.ofHours(2),
                Duration.ofHours(1), Duration.ofMinutes(5), 8, Duration.ofSeconds(2), Duration.ofMinutes(5),
                5.0, 50, Duration.ofMinutes(2), Duration.ofSeconds(3), Duration.ofSeconds(15), ProviderRetry.defaults());
    }
}
