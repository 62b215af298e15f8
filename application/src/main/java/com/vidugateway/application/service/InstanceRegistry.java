package com.vidugateway.application.service;

import com.vidugateway.application.port.in.TakePartInCluster;
import com.vidugateway.application.port.out.GatewayInstances;
import com.vidugateway.application.port.out.GatewayInstances.Instance;
import com.vidugateway.application.port.out.LocalProcesses;
import com.vidugateway.application.port.out.TaskChecks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import com.vidugateway.domain.task.TaskId;

/**
 * Who is alive among the gateway instances on one store, and the take-over of the dead ones' work. An instance
 * is dead when its heartbeat, by the store's clock, is older than {@link SyncSettings#instanceDeadAfter()} — and only
 * then, but for one proof that cannot mistake a live peer: it ran in this very PID namespace (same boot, same
 * namespace: {@link LocalProcesses#pidNamespace()}) and its process is gone (a server restarted after {@code kill -9}
 * finds its predecessor so). Host names prove nothing: containers and pods share them, and each may run as pid 1.
 * Taking over means: the dead instance's leases end now, so its tasks fall due for whoever looks next; a task
 * it left Submitting is then settled without being sent again ({@link TaskWorker}).
 */
final class InstanceRegistry implements TakePartInCluster {

    private final Membership membership;
    private final GatewayInstances instances;
    private final TaskChecks tasks;
    private final Clock clock;
    private final Duration deadAfter;
    private final Duration submitGrace;
    /** This process as registered: its start by the store's clock, kept when it registers again. */
    private volatile Instance self;
    /** The tasks this process is sending to the provider right now: their leases are renewed at every heartbeat. */
    private final Set<TaskId> sending = ConcurrentHashMap.newKeySet();
    private volatile boolean leaving;

    InstanceRegistry(Membership membership, TaskChecks tasks, Clock clock, SyncSettings settings) {
        this.membership = membership;
        this.instances = membership.instances();
        this.tasks = tasks;
        this.clock = clock;
        this.deadAfter = settings.instanceDeadAfter();
        this.submitGrace = settings.submitGrace();
        this.self = membership.self();
    }

    String selfId() {
        return self.id();
    }

    @Override
    public Report join() {
        self = self.registeredAt(instances.now());
        instances.register(self);
        return new Report(selfId(), takeOverDead(), false);
    }

    @Override
    public Report beat() {
        Instant now = instances.now();
        boolean known = instances.beat(selfId(), now);
        if (!known) {
            // Taken for dead during a long pause: its leases were handed on already; it simply carries on.
            instances.register(self.beatingAt(now));
        }
        renewSends();
        return new Report(selfId(), takeOverDead(), !known);
    }

    /** The sender's sign of life for each submit on its way: its check moves a grace ahead again. */
    private void renewSends() {
        List<TaskId> inFlight = List.copyOf(sending);
        if (!inFlight.isEmpty()) {
            tasks.renewSubmitLeases(inFlight, clock.instant().plus(submitGrace));
        }
    }

    @Override
    public void stopWorking() {
        leaving = true;
    }

    @Override
    public boolean isLeaving() {
        return leaving;
    }

    @Override
    public boolean awaitSends(Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        synchronized (sending) {
            while (!sending.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                sending.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }

    void sendingStarted(TaskId id) {
        sending.add(id);
    }

    void sendingEnded(TaskId id) {
        synchronized (sending) {
            sending.remove(id);
            sending.notifyAll();
        }
    }

    boolean isSendingHere(TaskId id) {
        return sending.contains(id);
    }

    @Override
    public void leave() {
        instances.remove(selfId());
        tasks.releaseLeasesOf(selfId(), clock.instant());
    }

    @Override
    public boolean leads() {
        return live().stream().filter(instance -> instance.kind().equals(self.kind()))
                .min(java.util.Comparator.comparing(Instance::startedAt).thenComparing(Instance::id))
                .map(eldest -> eldest.id().equals(selfId()))
                .orElse(true);
    }

    /** The instances alive now, this one included, oldest first. */
    List<Instance> live() {
        Instant now = instances.now();
        return instances.all().stream().filter(instance -> deathOf(instance, now).isEmpty()).toList();
    }

    /** Whether instance {@code id} is alive: registered, beating, and (on this machine) its process running. */
    boolean isLive(String id) {
        if (id.equals(selfId())) {
            return true;
        }
        Instant now = instances.now();
        return instances.all().stream()
                .anyMatch(instance -> instance.id().equals(id) && deathOf(instance, now).isEmpty());
    }

    private List<TakenOver> takeOverDead() {
        Instant now = instances.now();
        List<TakenOver> takenOver = new ArrayList<>();
        for (Instance instance : instances.all()) {
            Optional<String> death = deathOf(instance, now);
            if (death.isPresent()) {
                // Leases first: were this process to stop in between, the dead one would still be listed.
                int released = tasks.releaseLeasesOf(instance.id(), clock.instant());
                instances.remove(instance.id());
                takenOver.add(new TakenOver(instance.id(), death.get(), released));
            }
        }
        return takenOver;
    }

    /** Why {@code instance} is dead; empty when it is alive (or is this process). {@code now}: the store's clock. */
    private Optional<String> deathOf(Instance instance, Instant now) {
        if (instance.id().equals(selfId())) {
            return Optional.empty();
        }
        LocalProcesses processes = membership.processes();
        String namespace = processes.pidNamespace();
        if (namespace != null && namespace.equals(instance.pidNamespace())
                && !processes.isRunning(instance.pid(), instance.processStartedAt())) {
            return Optional.of("its process " + instance.pid() + " is gone from this PID namespace (" + instance.host()
                    + ")");
        }
        Duration silent = Duration.between(instance.heartbeatAt(), now);
        if (silent.compareTo(deadAfter) > 0) {
            return Optional.of("no heartbeat for " + silent.toSeconds() + " s");
        }
        return Optional.empty();
    }
}
