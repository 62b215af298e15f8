package com.vidugateway.bootstrap;

import com.vidugateway.application.port.in.DeliverWebhooks;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers webhooks from the outbox on a few threads of a server: each takes the next due event (of a destination
 * nobody is delivering to), makes one attempt, and goes on; with nothing due it looks again a second later. A slow
 * receiver holds one thread for at most one attempt's timeout; the others go on with other destinations.
 *
 * <p>Stopping takes no more events and lets each attempt in flight end and be recorded: it is never interrupted. An
 * attempt cut off between the receiver's 2xx and the record would be made again after the lease (a second delivery
 * of an event that was answered), and the embedded database closes itself when a thread that is interrupted writes
 * to it.
 */
final class WebhookLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookLoop.class);
    private static final Duration IDLE = Duration.ofSeconds(1);

    private final DeliverWebhooks deliver;
    private final int threads;
    private final Duration finishWithin;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private ExecutorService executor;
    private long stoppedAt;

    /**
     * @param finishWithin how long a stop waits for the attempts in flight to end and be recorded (one attempt's
     *                     timeout, and time to write its outcome)
     */
    WebhookLoop(DeliverWebhooks deliver, int threads, Duration finishWithin) {
        this.deliver = deliver;
        this.threads = threads;
        this.finishWithin = finishWithin;
    }

    synchronized void start() {
        if (executor != null || stopping.getCount() == 0) {
            return;
        }
        executor = Executors.newFixedThreadPool(threads, BackgroundThreads.named("vidu-webhooks"));
        for (int i = 0; i < threads; i++) {
            executor.execute(this::run);
        }
        executor.shutdown();
    }

    private void run() {
        try {
            while (stopping.getCount() > 0) {
                try {
                    if (!deliver.deliverNext()) {
                        idle();
                    }
                } catch (RuntimeException e) {
                    // The database may be down for a while: the event stays in the outbox; try again shortly.
                    LOG.warn("webhook delivery failed: {}", e.getMessage());
                    idle();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits a moment before looking again, or less when the loop is stopped meanwhile. */
    private void idle() throws InterruptedException {
        stopping.await(IDLE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Takes no more events, at once; the attempts in flight go on, each to its recorded outcome. */
    synchronized void stop() {
        if (stopping.getCount() > 0) {
            stoppedAt = System.nanoTime();
            stopping.countDown();
        }
    }

    /**
     * {@link #stop()}, then waits for the attempts in flight to be recorded, at most {@code finishWithin} after the
     * stop. One still running then (a receiver past its timeout, a database that does not answer) is left to end on
     * its own and not interrupted; if the process ends first, its lease runs out and the attempt is made again, with
     * the same webhook-id.
     */
    @Override
    public void close() {
        ExecutorService running;
        long waitNanos;
        synchronized (this) {
            stop();
            running = executor;
            executor = null;
            waitNanos = finishWithin.toNanos() - (System.nanoTime() - stoppedAt);
        }
        if (running == null) {
            return;
        }
        try {
            if (!running.awaitTermination(Math.max(0, waitNanos), TimeUnit.NANOSECONDS)) {
                LOG.warn("stopping: a webhook attempt did not end within {} s; if it ends unrecorded, it is made again"
                        + " (same webhook-id)", finishWithin.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
