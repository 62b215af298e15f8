package com.vidugateway.adapter.rest;

import com.vidugateway.application.port.in.ObserveGateway;
import com.vidugateway.application.port.in.ReportUsage;
import com.vidugateway.application.port.out.UsageReports;
import com.vidugateway.domain.task.FailureCode;
import com.vidugateway.application.port.in.SubmitVideoTask;
import com.vidugateway.domain.task.TaskStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.inject.Singleton;
import java.util.List;
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
    private final ReportUsage usage;
    private final java.util.Set<String> clientsMetered = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile Map<String, UsageReports.UsageLine> clientTotals = Map.of();
    private volatile Map<FailureCode, Long> failures = Map.of();

    private final Map<RequestKey, Counter> requests = new ConcurrentHashMap<>();
    private final Map<RouteKey, Timer> durations = new ConcurrentHashMap<>();
    private final Map<String, Counter> submits = new ConcurrentHashMap<>();
    /** By {@link TaskStatus#ordinal()}, made on the first read that shows the status: on every status poll's path. */
    private final AtomicReferenceArray<Counter> statusReads = new AtomicReferenceArray<>(TaskStatus.values().length);
    private final Set<ObserveGateway.ProviderCall> providerCalls = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean providerUp = new AtomicBoolean();
    private volatile Snapshot snapshot = Snapshot.NONE;

    /** @param registry where meters are made (Micronaut's composite registry, which applies the common tags) */
    GatewayMetrics(MeterRegistry registry, PrometheusMeterRegistry prometheus, ObserveGateway observe,
                   ReportUsage usage) {
        this.registry = registry;
        this.prometheus = prometheus;
        this.observe = observe;
        this.usage = usage;
        for (TaskStatus status : TaskStatus.values()) {
            Gauge.builder("vidu.tasks", this, metrics -> metrics.tasks(status))
                    .description("stored tasks by status (all owners)")
                    .tag("status", status.displayName())
                    .strongReference(true)
                    .register(registry);
        }
        for (FailureCode code : FailureCode.values()) {
            Gauge.builder("vidu.task.failures", this, metrics -> metrics.failures.getOrDefault(code, 0L).doubleValue())
                    .description("stored tasks that ended in Failure, by typed code (all owners)")
                    .tags("code", code.code(), "category", code.category().wire())
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
        } else if (result instanceof SubmitVideoTask.OverLimit over) {
            outcome = over.refusal().limit().code();
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
                        + " provider), invalid (nothing stored or sent), idempotency_conflict, insufficient_quota, concurrency_limit,"
                        + " storage_quota (a client's limit; nothing stored or sent)")
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
        refreshClients();
        return prometheus.scrape();
    }

    /**
     * Each client's spend and ended tasks, summed by the task database at each scrape (so every instance reports the
     * cluster's figures, and a restart loses nothing); a client's meters appear with its first task. The label values
     * are the clients' names: as many as there are clients, no more.
     */
    private void refreshClients() {
        Map<String, UsageReports.UsageLine> now = new java.util.HashMap<>();
        try {
            for (UsageReports.UsageLine line : usage.totals()) {
                now.put(line.client(), line);
            }
        } catch (RuntimeException unreadable) {
            LOG.warn("metrics: the clients' usage could not be read: {}", unreadable.toString());
            return;
        }
        clientTotals = now;
        try {
            failures = usage.failuresByCode();
        } catch (RuntimeException unreadable) {
            LOG.warn("metrics: the failures could not be counted: {}", unreadable.toString());
        }
        for (String client : now.keySet()) {
            if (clientsMetered.add(client)) {
                FunctionCounter.builder("vidu.client.spend.settled", this, metrics -> metrics.clientFigure(client,
                                line -> line.settledCny().doubleValue()))
                        .description("CNY a client spent on videos made (Success at the price list's figure)")
                        .baseUnit("cny").tag("client", client).register(registry);
                Gauge.builder("vidu.client.spend.reserved", this, metrics -> metrics.clientFigure(client,
                                line -> line.reservedCny().doubleValue()))
                        .description("CNY a client has reserved: tasks not ended, and those whose outcome is unknown")
                        .baseUnit("cny").tag("client", client).strongReference(true).register(registry);
                for (TaskStatus end : List.of(TaskStatus.SUCCESS, TaskStatus.FAILURE)) {
                    FunctionCounter.builder("vidu.client.tasks", this, metrics -> metrics.clientFigure(client,
                                    line -> line.tasks().getOrDefault(end, 0L).doubleValue()))
                            .description("a client's ended tasks, by outcome")
                            .tags("client", client, "outcome", end.displayName()).register(registry);
                }
            }
        }
    }

    private double clientFigure(String client, java.util.function.ToDoubleFunction<UsageReports.UsageLine> figure) {
        UsageReports.UsageLine line = clientTotals.get(client);
        return line == null ? 0 : figure.applyAsDouble(line);
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
