package com.vidugateway.bootstrap;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/** The threads of the server's background loops: named daemons, and one way to stop them. */
final class BackgroundThreads {

    private BackgroundThreads() {
    }

    /** Daemon threads: a loop never keeps the process alive after its command or server has ended. */
    static ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    static ScheduledExecutorService single(String name) {
        return Executors.newSingleThreadScheduledExecutor(named(name));
    }

    /**
     * Schedules nothing more and lets the work in flight end, interrupting it only after {@code atMost}: interrupted
     * while it writes, the embedded H2 database would close itself.
     */
    static void stop(ExecutorService executor, Duration atMost) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
