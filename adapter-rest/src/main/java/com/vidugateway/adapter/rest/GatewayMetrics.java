package com.vidugateway.adapter.rest;

import com.vidugateway.application.port.in.ObserveGateway;
import com.vidugateway.application.port.in.SubmitVideoTask;
import com.vidugateway.domain.task.TaskStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's metrics, kept by Micrometer and scraped from its Prometheus registry: what this process's REST
 * adapter counted since it started (requests, submit outcomes, status reads), and what {@link ObserveGateway} tells
 * at the moment of the scrape (stored tasks by status, the sync's lag, every provider call the process made, the
 * REST ones and the sync's, and whether the provider answered the latest). The JVM's meters come from Micronaut
 * Micrometer's binders; every meter carries the {@code instance} tag ({@link GatewayMeterFilters}).
 *
 * <p>Names are Micrometer's dotted ones; the Prometheus registry writes them as before: {@code vidu.submits}, a
 * counter, is scraped as {@code vidu_submits_total}, the timer {@code vidu.http.request.duration} as the summary
 * {@code vidu_http_request_duration_seconds}.
 *
 * <p>The store is read once per scrape ({@link #scrape()} takes one {@link ObserveGateway#observe()} snapshot); the
 * gauges and function counters only read that snapshot.
 */
@Singleton
final class GatewayMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayMetrics.class);

    private record RequestKey(String method, String route, int status) {}

    private record RouteKey(String method, String route) {}

    /**
     * What the latest scrape saw.
     *
     * @param tasks   stored tasks by status; null when the store could not be read (the gauges then read NaN)
     * @param syncLag seconds; NaN when the store could not be read
     */
    private record Snapshot(Map<TaskStatus, Long> tasks, double syncLag,
                            Map<ObserveGateway.ProviderCall, Long> providerCalls,
                            ObserveGateway.Reachability provider) {
        static final Snapshot NONE = new Snapshot(null, Double.NaN, Map.of(), ObserveGateway.Reachability.UNKNOWN);
    }

    private final MeterRegistry registry;
    private final PrometheusMeterRegistry prometheus;
    private final ObserveGateway observe;

    private final Map<RequestKey, Counter> requests = new ConcurrentHashMap<>();
    private final Map<RouteKey, Timer> durations = new ConcurrentHashMap<>();
    private final Map<String, Counter> submits = new ConcurrentHashMap<>();
    /** By {@link TaskStatus#ordinal()}, made on the first read that shows the status: on every status poll's path. */
    private final AtomicReferenceArray<Counter> statusReads = new AtomicReferenceArray<>(TaskStatus.values().length);
    private final Set<ObserveGateway.ProviderCall> providerCalls = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean providerUp = new AtomicBoolean();
    private volatile Snapshot snapshot = Snapshot.NONE;

    /** @param registry where meters are made (Micronaut's composite registry, which applies the common tags) */
    GatewayMetrics(MeterRegistry registry, PrometheusMeterRegistry prometheus, ObserveGateway observe) {
        this.registry = registry;
        this.prometheus = prometheus;
        this.observe = observe;
        for (TaskStatus status : TaskStatus.values()) {
            Gauge.builder("vidu.tasks", this, metrics -> metrics.tasks(status))
                    .description("stored tasks by status (all owners)")
                    .tag("status", status.displayName())
                    .strongReference(true)
                    .register(registry);
        }
        Gauge.builder("vidu.sync.lag", this, metrics -> metrics.snapshot.syncLag())
                .description("how long the most overdue task check has been waiting for the sync (0: none is overdue)")
                .baseUnit("seconds")
                .strongReference(true)
                .register(registry);
    }

    void request(String method, String route, int status, long elapsedNanos) {
        requests.computeIfAbsent(new RequestKey(method, route, status), key -> Counter.builder("vidu.http.requests")
                .description("HTTP requests answered, by method, route template and status")
                .tags("method", key.method(), "route", key.route(), "status", Integer.toString(key.status()))
                .register(registry)).increment();
        durations.computeIfAbsent(new RouteKey(method, route), key -> Timer.builder("vidu.http.request.duration")
                .description("time to answer, by method and route")
                .tags("method", key.method(), "route", key.route())
                .register(registry)).record(elapsedNanos, TimeUnit.NANOSECONDS);
    }

    /** A submit's outcome. */
    void submitted(SubmitVideoTask.Result result) {
        String outcome;
        if (result instanceof SubmitVideoTask.Accepted accepted) {
            outcome = accepted.replayed() ? "replayed" : "accepted";
        } else if (result instanceof SubmitVideoTask.Refused) {
            outcome = "refused";
        } else if (result instanceof SubmitVideoTask.Invalid) {
            outcome = "invalid";
        } else {
            outcome = "idempotency_conflict";
        }
        submit(outcome);
    }

    /** A submit refused before the use case ran (types, unknown fields, vidu_type): nothing was sent. */
    void rejectedBeforeSubmit() {
        submit("invalid");
    }

    private void submit(String outcome) {
        submits.computeIfAbsent(outcome, result -> Counter.builder("vidu.submits")
                .description("POST /v1/tasks/submit outcomes: accepted, replayed (idempotent), refused (by the"
                        + " provider), invalid (nothing stored or sent), idempotency_conflict")
                .tag("result", result)
                .register(registry)).increment();
    }

    void statusRead(TaskStatus shown) {
        Counter counter = statusReads.get(shown.ordinal());
        if (counter == null) {
            // Two threads may both get here: the registry gives both the same counter.
            counter = Counter.builder("vidu.status.reads")
                    .description("GET /v1/tasks/status answers, by the task_status they showed")
                    .tag("task_status", shown.displayName())
                    .register(registry);
            statusReads.set(shown.ordinal(), counter);
        }
        counter.increment();
    }

    /** Takes one snapshot of what {@link ObserveGateway} tells, then the Prometheus text of every meter. */
    String scrape() {
        refresh();
        return prometheus.scrape();
    }

    private void refresh() {
        Snapshot previous = snapshot;
        Snapshot next;
        try {
            ObserveGateway.Observation observation = observe.observe();
            next = new Snapshot(observation.tasksByStatus(), observation.syncLag().toMillis() / 1000.0,
                    observation.providerCalls(), observation.provider().state());
        } catch (RuntimeException unreadable) {
            // The scrape still answers: the store's gauges read NaN until it answers again, the provider's calls
            // (counted in memory) keep their last values, its reachability is asked on its own.
            LOG.warn("metrics: the task store could not be read, its gauges read NaN: {}", unreadable.toString());
            next = new Snapshot(null, Double.NaN, previous.providerCalls(), reachability());
        }
        snapshot = next;
        for (ObserveGateway.ProviderCall call : next.providerCalls().keySet()) {
            if (providerCalls.add(call)) {
                FunctionCounter.builder("vidu.provider.calls", this, metrics -> metrics.providerCalls(call))
                        .description("calls to the provider by this process (submits and status reads, REST and"
                                + " background sync), by operation and outcome: ok, refused, rate_limited,"
                                + " unavailable, timed_out, outcome_unknown, malformed_response")
                        .tags("operation", call.operation(), "outcome", call.outcome())
                        .register(registry);
            }
        }
        // Absent before the first call, as a Prometheus reader expects of a value nobody knows yet.
        if (next.provider() != ObserveGateway.Reachability.UNKNOWN && providerUp.compareAndSet(false, true)) {
            Gauge.builder("vidu.provider.up", this, GatewayMetrics::providerUp)
                    .description("1 when the provider answered the latest call, 0 when it did not; absent before"
                            + " the first call")
                    .strongReference(true)
                    .register(registry);
        }
    }

    private ObserveGateway.Reachability reachability() {
        try {
            return observe.provider().state();
        } catch (RuntimeException e) {
            return ObserveGateway.Reachability.UNKNOWN;
        }
    }

    private double tasks(TaskStatus status) {
        Map<TaskStatus, Long> tasks = snapshot.tasks();
        return tasks == null ? Double.NaN : tasks.getOrDefault(status, 0L);
    }

    private double providerCalls(ObserveGateway.ProviderCall call) {
        return snapshot.providerCalls().getOrDefault(call, 0L);
    }

    private double providerUp() {
        return switch (snapshot.provider()) {
            case UP -> 1;
            case DOWN -> 0;
            case UNKNOWN -> Double.NaN;
        };
    }
}
