package com.vidugateway.application.port.out;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The gateway processes that share one task store, each with its latest heartbeat: servers and CLI processes
 * register when they start and leave when they stop. A process that stops beating is found dead by the others,
 * which take its work over. Heartbeats are written and judged by the store's clock ({@link #now()}), never by each
 * machine's own: machines' clocks drift apart, the database has one.
 */
public interface GatewayInstances {

    /** The store's clock: the time every heartbeat is written at and every heartbeat's age is measured against. */
    Instant now();

    /** Adds {@code instance}, or writes it again when it is already there (a process that was taken for dead). */
    void register(Instance instance);

    /**
     * Records that instance {@code id} is alive at {@code at} (a time of {@link #now()}).
     *
     * @return false when it is not registered (any more): another instance found it dead and removed it
     */
    boolean beat(String id, Instant at);

    /** Every registered instance, oldest first. */
    List<Instance> all();

    /** Forgets an instance (it stopped, or it was found dead and its work was taken over). */
    void remove(String id);

    /** A list in this process's memory, on {@code clock}: for a store nobody else opens, and for tests. */
    static GatewayInstances inThisProcess(Clock clock) {
        return new GatewayInstances() {
            private final List<Instance> listed = new java.util.ArrayList<>();

            @Override
            public Instant now() {
                return clock.instant();
            }

            @Override
            public synchronized void register(Instance instance) {
                remove(instance.id());
                listed.add(instance);
            }

            @Override
            public synchronized boolean beat(String id, Instant at) {
                for (int i = 0; i < listed.size(); i++) {
                    if (listed.get(i).id().equals(id)) {
                        listed.set(i, listed.get(i).beatingAt(at));
                        return true;
                    }
                }
                return false;
            }

            @Override
            public synchronized List<Instance> all() {
                return List.copyOf(listed);
            }

            @Override
            public synchronized void remove(String id) {
                listed.removeIf(instance -> instance.id().equals(id));
            }
        };
    }

    /**
     * One gateway process.
     *
     * @param id               its own random id: what leases, webhook deliveries and metrics name it by
     * @param kind             {@code server} or {@code cli}
     * @param host             the machine's (or container's, or pod's) name, whole, for people to read; two
     *                         instances may well have the same one
     * @param pid              its process id in its PID namespace
     * @param processStartedAt when the operating system started the process (a pid is reused, a start time is not);
     *                         null when unknown
     * @param pidNamespace     the PID namespace its pid is valid in ({@link LocalProcesses#pidNamespace()}); null when
     *                         unknown
     * @param heartbeatAt      when it last said it is alive, by the store's clock
     */
    record Instance(String id, String kind, String host, long pid, Instant processStartedAt, String pidNamespace,
                    Instant startedAt, Instant heartbeatAt) {
        public Instance {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(startedAt, "startedAt");
            Objects.requireNonNull(heartbeatAt, "heartbeatAt");
        }

        public Instance beatingAt(Instant at) {
            return new Instance(id, kind, host, pid, processStartedAt, pidNamespace, startedAt, at);
        }

        /** The same process registered (again) at {@code at}: its start and its heartbeat then. */
        public Instance registeredAt(Instant at) {
            return new Instance(id, kind, host, pid, processStartedAt, pidNamespace, at, at);
        }
    }
}
