package com.vidugateway.bootstrap;

import com.vidugateway.application.port.in.TakePartInCluster;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's graceful stop (SIGTERM from a container platform, Ctrl-C), before the application context closes. At once:
 * this instance claims no more work and {@code GET /health/readiness} answers DOWN, while the server still answers
 * (a request that arrives before the load balancer noticed is served; a submit is stored and left for the others to
 * send). Then the submits on their way to the provider get their answers (one cut off now would leave its outcome
 * unknown), the sync round in flight ends, the webhook attempts in flight end and are recorded (one cut off between
 * the receiver's answer and its record would be sent again after the restart), and the instance leaves the cluster:
 * its leases are handed back, so a peer takes its tasks at once rather than after the dead-after time. The HTTP server
 * then stops the same way (Micronaut's graceful shutdown lets the requests in flight finish). All well inside the
 * 30 s a platform gives.
 */
@Singleton
final class HandOver {

    private static final Logger LOG = LoggerFactory.getLogger(HandOver.class);
    /** How long submits on their way may take to be answered before the instance leaves anyway. */
    static final Duration SENDS_WITHIN = Duration.ofSeconds(18);
    private static final Duration ROUND_WITHIN = Duration.ofSeconds(3);

    private final TakePartInCluster cluster;
    private final SyncLoop sync;
    private final WebhookLoop webhooks;
    private final InstanceHeartbeat heartbeat;

    HandOver(TakePartInCluster cluster, SyncLoop sync, WebhookLoop webhooks, InstanceHeartbeat heartbeat) {
        this.cluster = cluster;
        this.sync = sync;
        this.webhooks = webhooks;
        this.heartbeat = heartbeat;
    }

    /** Stops taking work, lets what is on its way end, and leaves the cluster; returns when done. */
    synchronized void run() {
        if (cluster.isLeaving()) {
            return;
        }
        long start = System.nanoTime();
        cluster.stopWorking();
        // No more webhook events either; an attempt in flight ends (within its timeout) while the rest stops.
        webhooks.stop();
        LOG.warn("stopping: this instance takes no more work (readiness DOWN) and hands what it holds over");
        try {
            sync.stop(ROUND_WITHIN);
            if (!cluster.awaitSends(SENDS_WITHIN)) {
                LOG.warn("stopping: a submit on its way to the provider got no answer within {} s; its outcome will"
                        + " be unknown", SENDS_WITHIN.toSeconds());
            }
            // Its outcome recorded: an event the receiver answered is not sent again after the restart.
            webhooks.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("stopping: {}", e.getMessage());
        } finally {
            // Leaves the cluster: the leases go back, and the others take this instance's tasks at once.
            heartbeat.close();
            LOG.warn("stopping: left the cluster after {} ms; its tasks are the other instances' now",
                    (System.nanoTime() - start) / 1_000_000);
        }
    }
}
