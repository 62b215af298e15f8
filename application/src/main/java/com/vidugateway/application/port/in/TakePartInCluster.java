package com.vidugateway.application.port.in;

import java.util.List;

/**
 * This process as one of the gateway instances sharing a task store: it says it is alive, and it takes over
 * the work of instances that are not any more.
 */
public interface TakePartInCluster {

    /** Registers this process, then looks for dead instances at once (a server restarted after {@code kill -9}). */
    Report join();

    /** Says this process is alive, and takes the work of dead instances over; call it every heartbeat. */
    Report beat();

    /**
     * Stops taking work, for a graceful stop (SIGTERM): no more due checks are claimed, and a task submitted from now on
     * is stored and left for the other instances to send at once. What is on its way to the provider goes on.
     */
    void stopWorking();

    /** Whether {@link #stopWorking()} was called. */
    boolean isLeaving();

    /**
     * Waits until no submit of this process is on its way to the provider any more, at most {@code atMost}.
     *
     * @return true when none is; false when the time ran out first
     */
    boolean awaitSends(java.time.Duration atMost) throws InterruptedException;

    /** Unregisters this process and hands its leases back, so that others take its tasks at once. */
    void leave();

    /**
     * Whether this process leads the work that is done once for the whole cluster (housekeeping): the longest-running
     * live server does. When it dies, the next one leads once the dead one is found; two never lead for long at once.
     */
    boolean leads();

    /**
     * @param self          this instance's id
     * @param takenOver     instances found dead this time, with how many of their tasks were taken over
     * @param reRegistered  true when another instance had taken this one for dead and removed it (a long pause)
     */
    record Report(String self, List<TakenOver> takenOver, boolean reRegistered) {
        public Report {
            takenOver = List.copyOf(takenOver);
        }
    }

    /**
     * @param why   how it was known to be dead: its heartbeat stopped, or its process is gone from this machine
     * @param tasks how many of its tasks fell due at once
     */
    record TakenOver(String instance, String why, int tasks) {}
}
