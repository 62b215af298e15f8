package com.vidugateway.application.port.out;

import java.time.Instant;

/** The processes of this machine, as its operating system sees them. */
public interface LocalProcesses {

    /** The name under which other instances see this machine ({@link GatewayInstances.Instance#host()}). */
    String hostName();

    /**
     * Whether the process {@code pid} that the system started at {@code startedAt} still runs here. A process that
     * is gone is certainly dead: its work can be taken over at once, without waiting for its heartbeat to age.
     */
    boolean isRunning(long pid, Instant startedAt);
}
