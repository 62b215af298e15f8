package com.vidugateway.bootstrap;

import com.vidugateway.application.port.in.FollowTaskChanges;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the task store's change feed five times a second, so that the status answers a server holds in memory stay
 * current (decision 13): a change made by any instance or CLI process reaches this one's answers within about 0.2 s.
 * Started by {@code serve}; a failure is logged once, and once more when the feed can be read again.
 */
final class FollowLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FollowLoop.class);
    static final Duration EVERY = Duration.ofMillis(200);

    private final FollowTaskChanges follow;
    private final ScheduledExecutorService executor = BackgroundThreads.single("vidu-follow-changes");
    private boolean failing;

    FollowLoop(FollowTaskChanges follow) {
        this.follow = follow;
    }

    void start() {
        executor.scheduleWithFixedDelay(this::round, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void round() {
        try {
            follow.followChanges();
            if (failing) {
                LOG.info("the task change feed can be read again: status answers are given from memory again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("the task change feed cannot be read ({}): status answers are read from the store until it"
                        + " can", e.getMessage());
                failing = true;
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
