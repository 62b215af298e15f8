package com.vidugateway.bootstrap;

import com.vidugateway.application.port.in.DeliverWebhooks;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers webhooks from the outbox on a few threads of a server: each takes the next due event (of a destination
 * nobody is delivering to), makes one attempt, and goes on; with nothing due it looks again a second later. A slow
 * receiver holds one thread for at most one attempt's timeout; the others go on with other destinations.
 */
final class WebhookLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookLoop.class);
    private static final Duration IDLE = Duration.ofSeconds(1);

    private final DeliverWebhooks deliver;
    private final int threads;
    private ExecutorService executor;

    WebhookLoop(DeliverWebhooks deliver, int threads) {
        this.deliver = deliver;
        this.threads = threads;
    }

    synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "vidu-webhooks");
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < threads; i++) {
            executor.execute(this::run);
        }
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                if (!deliver.deliverNext()) {
                    Thread.sleep(IDLE.toMillis());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // The database may be down for a while: the event stays in the outbox; try again shortly.
                LOG.warn("webhook delivery failed: {}", e.getMessage());
                try {
                    Thread.sleep(IDLE.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        if (executor == null) {
            return;
        }
        // An attempt cut short here is not recorded: its lease runs out and another instance (or this one after a
        // restart) makes it again, with the same webhook-id.
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
    }
}
