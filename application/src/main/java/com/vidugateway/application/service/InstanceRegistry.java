package com.vidugateway.application.service;

import com.vidugateway.application.port.in.TakePartInCluster;
import com.vidugateway.application.port.out.GatewayInstances;
import com.vidugateway.application.port.out.GatewayInstances.Instance;
import com.vidugateway.application.port.out.VideoTasks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who is alive among the gateway instances on one store, and the take-over of the dead ones' work. An instance
 * is dead when its heartbeat is older than {@link SyncSettings#instanceDeadAfter()}, or at once when it ran on
 * this machine and its process is gone (a server restarted after {@code kill -9} finds its predecessor so).
 * Taking over means: the dead instance's leases end now, so its tasks fall due for whoever looks next; a task
 * it left Submitting is then settled without being sent again ({@link TaskWorker}).
 */
final class InstanceRegistry implements TakePartInCluster {

    private final Membership membership;
    private final VideoTasks tasks;
    private final Clock clock;
    private final Duration deadAfter;

    InstanceRegistry(Membership membership, VideoTasks tasks, Clock clock, SyncSettings settings) {
        this.membership = membership;
        this.tasks = tasks;
        this.clock = clock;
        this.deadAfter = settings.instanceDeadAfter();
    }

    String selfId() {
        return membership.self().id();
    }

    @Override
    public Report join() {
        membership.instances().register(membership.self().beatingAt(clock.instant()));
        return new Report(selfId(), takeOverDead(), false);
    }

    @Override
    public Report beat() {
        boolean known = membership.instances().beat(selfId(), clock.instant());
        if (!known) {
            // Taken for dead during a long pause: its leases were handed on already; it simply carries on.
            membership.instances().register(membership.self().beatingAt(clock.instant()));
        }
        return new Report(selfId(), takeOverDead(), !known);
    }

    @Override
    public void leave() {
        membership.instances().remove(selfId());
        tasks.releaseLeasesOf(selfId(), clock.instant());
    }

    @Override
    public boolean leads() {
        return live().stream().filter(instance -> instance.kind().equals(membership.self().kind()))
                .min(java.util.Comparator.comparing(Instance::startedAt).thenComparing(Instance::id))
                .map(eldest -> eldest.id().equals(selfId()))
                .orElse(true);
    }

    /** The instances alive now, this one included, oldest first. */
    List<Instance> live() {
        Instant now = clock.instant();
        return membership.instances().all().stream().filter(instance -> deathOf(instance, now).isEmpty()).toList();
    }

    /** Whether instance {@code id} is alive: registered, beating, and (on this machine) its process running. */
    boolean isLive(String id) {
        if (id.equals(selfId())) {
            return true;
        }
        Instant now = clock.instant();
        return membership.instances().all().stream()
                .anyMatch(instance -> instance.id().equals(id) && deathOf(instance, now).isEmpty());
    }

    private List<TakenOver> takeOverDead() {
        Instant now = clock.instant();
        List<TakenOver> takenOver = new ArrayList<>();
        for (Instance instance : membership.instances().all()) {
            Optional<String> death = deathOf(instance, now);
            if (death.isPresent()) {
                // Leases first: were this process to stop in between, the dead one would still be listed.
                int released = tasks.releaseLeasesOf(instance.id(), now);
                membership.instances().remove(instance.id());
                takenOver.add(new TakenOver(instance.id(), death.get(), released));
            }
        }
        return takenOver;
    }

    /** Why {@code instance} is dead; empty when it is alive (or is this process). */
    private Optional<String> deathOf(Instance instance, Instant now) {
        if (instance.id().equals(selfId())) {
            return Optional.empty();
        }
        if (instance.host().equals(membership.processes().hostName())
                && !membership.processes().isRunning(instance.pid(), instance.processStartedAt())) {
            return Optional.of("its process " + instance.pid() + " is gone from " + instance.host());
        }
        Duration silent = Duration.between(instance.heartbeatAt(), now);
        if (silent.compareTo(deadAfter) > 0) {
            return Optional.of("no heartbeat for " + silent.toSeconds() + " s");
        }
        return Optional.empty();
    }
}
