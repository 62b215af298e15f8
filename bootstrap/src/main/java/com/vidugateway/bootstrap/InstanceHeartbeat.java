package com.vidugateway.bootstrap;

import com.vidugateway.application.port.in.TakePartInCluster;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's membership of the instances on its database: registered at start, a heartbeat on a thread of its
 * own (a long sync round or video copy must not make it look dead), unregistered at a clean stop so that another
 * instance takes its tasks at once. Servers and CLI task commands both take part.
 */
final class InstanceHeartbeat implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InstanceHeartbeat.class);

    private final TakePartInCluster cluster;
    private final Duration every;
    private ScheduledExecutorService executor;

    InstanceHeartbeat(TakePartInCluster cluster, Duration every) {
        this.cluster = cluster;
        this.every = every;
    }

    synchronized void start() {
        if (executor != null) {
            return;
        }
        report(cluster.join());
        executor = BackgroundThreads.single("vidu-heartbeat");
        executor.scheduleWithFixedDelay(this::beat, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether this instance does the cluster's housekeeping ({@link TakePartInCluster#leads()}). */
    boolean leads() {
        return cluster.leads();
    }

    private void beat() {
        try {
            report(cluster.beat());
        } catch (RuntimeException e) {
            // The database may be down for a while: the next beat tries again (others may take this one for dead
            // meanwhile; its work then moves to them, and it re-registers when it is back).
            LOG.warn("heartbeat failed: {}", e.getMessage());
        }
    }

    private static void report(TakePartInCluster.Report report) {
        if (report.reRegistered()) {
            LOG.warn("instance {} had been taken for dead by another instance (a long pause?); registered again",
                    report.self());
        }
        report.takenOver().forEach(dead -> LOG.warn("instance {} is dead ({}); its {} task(s) are taken over",
                dead.instance(), dead.why(), dead.tasks()));
    }

    @Override
    public synchronized void close() {
        if (executor == null) {
            return;
        }
        BackgroundThreads.stop(executor, Duration.ofSeconds(5));
        executor = null;
        try {
            cluster.leave();
        } catch (RuntimeException e) {
            LOG.warn("could not unregister this instance: {}; others take its tasks over once it is seen dead",
                    e.getMessage());
        }
    }
}
