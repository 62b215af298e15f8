package com.vidugateway.adapter.rest;

import com.vidugateway.application.port.in.ListVideoTasks;
import com.vidugateway.application.port.in.ObserveGateway;
import com.vidugateway.application.port.out.GatewayInstances;
import com.vidugateway.application.port.out.VideoGenerator;
import io.micronaut.context.BeanContext;
import io.micronaut.context.BeanProvider;
import io.micronaut.health.HealthStatus;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import io.micronaut.management.health.indicator.annotation.Readiness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operations: health (does the database answer; which provider runs and did it answer its latest call; which
 * gateway instances are alive), the probes of a container platform (liveness and readiness, from Micronaut's health
 * indicators) and Prometheus metrics.
 */
@Controller
@Tag(name = "Operations")
final class OperationsController {

    static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";
    private static final Logger LOG = LoggerFactory.getLogger(OperationsController.class);
    /** An owner no key maps to: listing its tasks is a cheap query that still needs the database. */
    private static final String PROBE_OWNER = "health-probe";
    private static final long DATABASE_TIMEOUT_MS = 5000;

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final ListVideoTasks list;
    private final BeanProvider<VideoGenerator> provider;
    private final GatewayMetrics metrics;
    private final ObserveGateway observe;
    private final BeanContext beans;

    OperationsController(ListVideoTasks list, BeanProvider<VideoGenerator> provider, GatewayMetrics metrics,
                         ObserveGateway observe, BeanContext beans) {
        this.list = list;
        this.provider = provider;
        this.metrics = metrics;
        this.observe = observe;
        this.beans = beans;
    }

    @Get(uri = "/health/liveness", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(operationId = "liveness", summary = "Liveness probe", description = "UP (200) while the process works"
            + " (Micronaut's liveness indicators: no deadlocked threads); DOWN (503) when it should be restarted. Open"
            + " to everyone, keys or not; it says nothing else.")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RestWire.Probe.class)))
    HttpResponse<RestWire.Probe> liveness() {
        return probe(Liveness.class);
    }

    @Get(uri = "/health/readiness", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(operationId = "readiness", summary = "Readiness probe", description = "UP (200) while this instance"
            + " takes work; DOWN (503) from the moment it starts to stop (SIGTERM), while it hands its tasks over to the"
            + " other instances. Open to everyone, keys or not; it says nothing else.")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RestWire.Probe.class)))
    HttpResponse<RestWire.Probe> readiness() {
        return probe(Readiness.class);
    }

    /** Every health indicator of the kind {@code probe}, asked at once; DOWN when any says DOWN or does not answer. */
    private HttpResponse<RestWire.Probe> probe(Class<? extends java.lang.annotation.Annotation> probe) {
        List<String> down = new ArrayList<>();
        for (HealthIndicator indicator : beans.getBeansOfType(HealthIndicator.class, Qualifiers.byStereotype(probe))) {
            HealthResult result;
            try {
                result = first(indicator.getResult()).get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                result = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                result = null;
            }
            if (result == null || HealthStatus.DOWN.equals(result.getStatus())) {
                down.add(result == null ? indicator.getClass().getSimpleName() : result.getName());
            }
        }
        return down.isEmpty() ? HttpResponse.ok(new RestWire.Probe("UP", null))
                : HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).body(new RestWire.Probe("DOWN", down));
    }

    /** The first item an indicator publishes (it publishes one). */
    private static <T> CompletableFuture<T> first(Publisher<T> publisher) {
        CompletableFuture<T> first = new CompletableFuture<>();
        publisher.subscribe(new Subscriber<T>() {
            @Override
            public void onSubscribe(Subscription subscription) {
                subscription.request(1);
            }

            @Override
            public void onNext(T item) {
                first.complete(item);
            }

            @Override
            public void onError(Throwable failure) {
                first.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                first.complete(null);
            }
        });
        return first;
    }

    @Get(uri = "/health", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(operationId = "health", summary = "Health", description = "200 when the database answers, 503 when it does not; names the"
            + " provider (modelverse or fake), this gateway instance and the live instances beside it. Open to everyone"
            + " once keys are configured; without a valid key it says only UP, DEGRADED or DOWN, and the database,"
            + " provider and instance details need a key (or, with no keys configured, a loopback client).")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RestWire.Health.class)))
    @ApiResponse(responseCode = "503", description = "The database does not answer (DOWN)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RestWire.Health.class)))
    HttpResponse<RestWire.Health> health(HttpRequest<?> request) {
        String requestId = GatewayFilter.requestId(request);
        long start = System.nanoTime();
        RestWire.DatabaseHealth database;
        ObserveGateway.Cluster cluster = null;
        try {
            // The instances are read from the store too: when they cannot be, the database is down for this answer.
            cluster = CompletableFuture.supplyAsync(() -> {
                list.list(PROBE_OWNER, null, 1, null);
                return observe.cluster();
            }).get(DATABASE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            database = new RestWire.DatabaseHealth("UP", (System.nanoTime() - start) / 1_000_000, null);
        } catch (TimeoutException slow) {
            database = new RestWire.DatabaseHealth("DOWN", null, "no answer within " + DATABASE_TIMEOUT_MS + " ms");
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause() == null ? failed : failed.getCause();
            LOG.warn("health: the task store failed: {}", cause.toString());
            database = new RestWire.DatabaseHealth("DOWN", null, cause.getClass().getSimpleName()
                    + ": the task store cannot be read (details in the log)");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            database = new RestWire.DatabaseHealth("DOWN", null, "interrupted");
        }
        boolean up = database.status().equals("UP");
        ObserveGateway.ProviderReachability reachability = observe.provider();
        RestWire.ProviderInfo providerInfo = new RestWire.ProviderInfo(providerName(), reachability.state().name(),
                reachability.lastAnswerAt() == null ? null : reachability.lastAnswerAt().toString(),
                reachability.lastFailure());
        String status = !up ? "DOWN" : reachability.state() == ObserveGateway.Reachability.DOWN ? "DEGRADED" : "UP";
        // Anyone may ask a keyed gateway whether it is up (a load balancer has no key), but the provider's errors,
        // its addresses, the database's state and the instances are for its users: a caller with no owner gets the
        // verdict only.
        boolean known = request.getAttribute(GatewayFilter.OWNER).isPresent();
        RestWire.Health body = known
                ? new RestWire.Health(status, database, providerInfo, cluster == null ? null : cluster.self(),
                        cluster == null ? null : cluster.live().stream().map(OperationsController::instance).toList(),
                        requestId)
                : new RestWire.Health(status, null, null, null, null, requestId);
        return HttpResponse.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }

    private static RestWire.InstanceJson instance(GatewayInstances.Instance instance) {
        return new RestWire.InstanceJson(instance.id(), instance.kind(), instance.host(), instance.pid(),
                instance.startedAt() == null ? null : instance.startedAt().toString(),
                instance.heartbeatAt() == null ? null : instance.heartbeatAt().toString());
    }

    @Get(uri = "/metrics", produces = PROMETHEUS)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(operationId = "metrics", summary = "Prometheus metrics", description = "Requests by method, route and status;"
            + " submit outcomes; status reads by task_status; stored tasks by status; the sync's lag; provider calls by"
            + " operation and outcome, and whether the provider answered the latest; JVM memory and the process's"
            + " start time. Every series carries `instance`, the gateway instance that answers (its id, else its host"
            + " name). While the database does not answer, the stored tasks and the sync's lag read NaN.")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "text/plain"))
    HttpResponse<String> metrics() {
        return HttpResponse.ok(metrics.scrape()).contentType(PROMETHEUS);
    }

    private String providerName() {
        try {
            return provider.isPresent() ? provider.get().name() : "unknown";
        } catch (RuntimeException e) {
            return "unknown";
        }
    }
}
