package com.vidugateway.bootstrap;

import com.vidugateway.application.port.in.PruneStorage;
import com.vidugateway.application.port.in.SyncVideoTasks;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the background status sync: a round every second (sooner while rounds come back full). Started by
 * {@code serve}; a waiting CLI command drives its own task instead. Stopping lets the round in flight
 * finish its writes.
 */
final class SyncLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyncLoop.class);
    private static final Duration IDLE = Duration.ofSeconds(1);

    private final SyncVideoTasks sync;
    private final int batchSize;
    private final PruneStorage prune;
    private final Duration pruneEvery;
    private final ScheduledExecutorService executor = BackgroundThreads.single("vidu-sync");

    private final InstanceHeartbeat heartbeat;

    SyncLoop(SyncVideoTasks sync, int batchSize, PruneStorage prune, Duration pruneEvery, InstanceHeartbeat heartbeat) {
        this.heartbeat = heartbeat;
        this.sync = sync;
        this.batchSize = batchSize;
        this.prune = prune;
        this.pruneEvery = pruneEvery;
    }

    /** Joins the instances on the database first: a predecessor killed on this machine is found dead at once. */
    void start() {
        heartbeat.start();
        executor.schedule(this::round, 0, TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(this::housekeeping, 0, pruneEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Retention and clean-up, on the sync's own thread: it never competes with a round for the store. Done once for
     * the cluster, by the instance that leads it.
     */
    private void housekeeping() {
        try {
            if (!heartbeat.leads()) {
                return;
            }
            PruneStorage.Report report = prune.prune();
            if (!report.removedNothing()) {
                LOG.info("housekeeping removed the inline images of {} task(s), {} video(s) ({} bytes), {} image"
                                + " blob(s) no task needs ({} bytes)", report.tasksWithImagesRemoved(),
                        report.videosRemoved(), report.videoBytes(), report.blobsRemoved(), report.blobBytes());
            }
            report.problems().forEach(problem -> LOG.warn("housekeeping: {}", problem));
        } catch (RuntimeException e) {
            LOG.warn("housekeeping failed: {}; it runs again in {}", e.getMessage(), pruneEvery);
        }
    }

    private void round() {
        int looked = 0;
        try {
            looked = sync.syncDue();
        } catch (RuntimeException e) {
            // The store or the provider may be down for a while; the next round tries again.
            LOG.warn("status sync round failed: {}", e.getMessage());
        } catch (OutOfMemoryError e) {
            // Several large requests at once can leave a round short of heap; its memory is free again now, and a
            // loop that stopped here would leave every task unfinished until a restart.
            LOG.warn("status sync round ran out of memory (large requests in flight); the next round tries again");
        }
        if (!executor.isShutdown()) {
            executor.schedule(this::round, looked >= batchSize ? 0 : IDLE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Schedules no more rounds, and waits at most {@code atMost} for the one in flight (it stops between tasks). */
    void stop(Duration atMost) throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(atMost.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        BackgroundThreads.stop(executor, Duration.ofSeconds(30));
    }
}
