package com.vidugateway.adapter.rest;

import com.vidugateway.application.port.in.ObserveGateway;
import com.vidugateway.application.port.in.SubmitVideoTask;
import com.vidugateway.domain.task.TaskStatus;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The gateway's metrics in the Prometheus text format: what this process's REST adapter counted since it started
 * (requests, submit outcomes, status reads), and what {@link ObserveGateway} tells at the moment of the scrape
 * (stored tasks by status, the sync's lag, every provider call the process made, the REST ones and the sync's).
 */
@Singleton
final class GatewayMetrics {

    private record RequestKey(String method, String route, int status) {}

    private record RouteKey(String method, String route) {}

    private final Map<RequestKey, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<RouteKey, LongAdder> nanos = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> submits = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> statusReads = new ConcurrentHashMap<>();
    private final long startedAtMillis = System.currentTimeMillis();

    void request(String method, String route, int status, long elapsedNanos) {
        requests.computeIfAbsent(new RequestKey(method, route, status), k -> new LongAdder()).increment();
        nanos.computeIfAbsent(new RouteKey(method, route), k -> new LongAdder()).add(elapsedNanos);
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
        count(submits, outcome);
    }

    /** A submit refused before the use case ran (types, unknown fields, vidu_type): nothing was sent. */
    void rejectedBeforeSubmit() {
        count(submits, "invalid");
    }

    void statusRead(TaskStatus shown) {
        count(statusReads, shown.displayName());
    }

    private static void count(Map<String, LongAdder> counters, String label) {
        counters.computeIfAbsent(label, k -> new LongAdder()).increment();
    }

    String render(ObserveGateway.Observation observation) {
        StringBuilder out = new StringBuilder(4096);
        header(out, "vidu_http_requests_total", "counter", "HTTP requests answered, by method, route template and status");
        new TreeMap<String, Long>(labelled(requests)).forEach((labels, value) ->
                line(out, "vidu_http_requests_total", labels, value));
        header(out, "vidu_http_request_duration_seconds", "summary", "time to answer, by method and route (sum and count)");
        Map<String, long[]> perRoute = new TreeMap<>();
        requests.forEach((key, count) -> perRoute.computeIfAbsent(labels("method", key.method(), "route", key.route()),
                k -> new long[2])[1] += count.sum());
        nanos.forEach((key, sum) -> perRoute.computeIfAbsent(labels("method", key.method(), "route", key.route()),
                k -> new long[2])[0] += sum.sum());
        perRoute.forEach((labels, values) -> {
            out.append("vidu_http_request_duration_seconds_sum{").append(labels).append("} ")
                    .append(String.format(Locale.ROOT, "%.6f", values[0] / 1e9)).append('\n');
            out.append("vidu_http_request_duration_seconds_count{").append(labels).append("} ").append(values[1]).append('\n');
        });
        header(out, "vidu_submits_total", "counter", "POST /v1/tasks/submit outcomes: accepted, replayed (idempotent),"
                + " refused (by the provider), invalid (nothing stored or sent), idempotency_conflict");
        simple(out, "vidu_submits_total", "result", submits);
        header(out, "vidu_status_reads_total", "counter", "GET /v1/tasks/status answers, by the task_status they showed");
        simple(out, "vidu_status_reads_total", "task_status", statusReads);
        header(out, "vidu_tasks", "gauge", "stored tasks by status (all owners)");
        observation.tasksByStatus().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(count ->
                line(out, "vidu_tasks", labels("status", count.getKey().displayName()), count.getValue()));
        header(out, "vidu_sync_lag_seconds", "gauge", "how long the most overdue task check has been waiting for the"
                + " sync (0: none is overdue)");
        out.append("vidu_sync_lag_seconds ").append(String.format(Locale.ROOT, "%.3f",
                observation.syncLag().toMillis() / 1000.0)).append('\n');
        header(out, "vidu_provider_calls_total", "counter", "calls to the provider by this process (submits and status"
                + " reads, REST and background sync), by operation and outcome: ok, refused, rate_limited, unavailable,"
                + " timed_out, outcome_unknown, malformed_response");
        Map<String, Long> calls = new TreeMap<>();
        observation.providerCalls().forEach((call, count) ->
                calls.put(labels("operation", call.operation(), "outcome", call.outcome()), count));
        calls.forEach((labels, count) -> line(out, "vidu_provider_calls_total", labels, count));
        header(out, "vidu_provider_up", "gauge", "1 when the provider answered the latest call, 0 when it did not;"
                + " absent before the first call");
        if (observation.provider().state() != ObserveGateway.Reachability.UNKNOWN) {
            out.append("vidu_provider_up ").append(observation.provider().state() == ObserveGateway.Reachability.UP ? 1 : 0)
                    .append('\n');
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        header(out, "jvm_memory_used_bytes", "gauge", "JVM memory in use");
        line(out, "jvm_memory_used_bytes", "area=\"heap\"", heap.getUsed());
        line(out, "jvm_memory_used_bytes", "area=\"nonheap\"",
                ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getUsed());
        header(out, "process_start_time_seconds", "gauge", "when the process started, Unix seconds");
        out.append("process_start_time_seconds ").append(String.format(Locale.ROOT, "%.3f", startedAtMillis / 1000.0))
                .append('\n');
        return out.toString();
    }

    private static Map<String, Long> labelled(Map<RequestKey, LongAdder> counters) {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((key, value) -> out.merge(labels("method", key.method(), "route", key.route(),
                "status", Integer.toString(key.status())), value.sum(), Long::sum));
        return out;
    }

    private static void simple(StringBuilder out, String name, String label, Map<String, LongAdder> counters) {
        new TreeMap<>(counters).forEach((value, count) -> line(out, name, labels(label, value), count.sum()));
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void line(StringBuilder out, String name, String labels, long value) {
        out.append(name).append('{').append(labels).append("} ").append(value).append('\n');
    }

    private static String labels(String... pairs) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (i > 0) {
                out.append(',');
            }
            out.append(pairs[i]).append("=\"").append(escape(pairs[i + 1])).append('"');
        }
        return out.toString();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
