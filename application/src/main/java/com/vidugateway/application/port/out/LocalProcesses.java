package com.vidugateway.application.port.out;

import java.time.Instant;

/**
 * The processes this process can see, as its operating system shows them. A pid means something only inside one PID
 * namespace of one boot of one machine: two containers, or two Kubernetes pods, may share a host name and both run as
 * pid 1. So another instance's pid is looked up here only when it registered with the same {@link #pidNamespace()}.
 */
public interface LocalProcesses {

    /**
     * The PID namespace this process sees pids in, as a value two processes compare: the machine's boot id and the
     * namespace's identity (on Linux, {@code /proc/sys/kernel/random/boot_id} and {@code /proc/self/ns/pid}); null
     * when it cannot be known, and then no pid is ever trusted.
     */
    String pidNamespace();

    /**
     * Whether the process {@code pid} that the system started at {@code startedAt} still runs in this PID namespace.
     * A process that is gone is certainly dead: its work can be taken over at once, without waiting for its heartbeat
     * to age.
     */
    boolean isRunning(long pid, Instant startedAt);

    /** A process that trusts no pid: every instance is judged by its heartbeat alone. */
    LocalProcesses NONE = new LocalProcesses() {
        @Override
        public String pidNamespace() {
            return null;
        }

        @Override
        public boolean isRunning(long pid, Instant startedAt) {
            return true;
        }
    };
}
