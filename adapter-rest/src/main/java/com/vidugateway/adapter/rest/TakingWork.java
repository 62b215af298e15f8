package com.vidugateway.adapter.rest;

import com.vidugateway.application.port.in.TakePartInCluster;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * Readiness: whether this instance takes work. DOWN from the moment it starts to stop (SIGTERM), so that a load
 * balancer or Kubernetes sends it nothing more while it hands its tasks over. The shared database and store are not
 * asked here: when they are down, every instance is, and answering 503 with Retry-After is then better than being
 * taken out of the load balancer.
 */
@Singleton
@Readiness
final class TakingWork implements HealthIndicator {

    private final TakePartInCluster cluster;

    TakingWork(TakePartInCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        boolean leaving = cluster.isLeaving();
        return Publishers.just(HealthResult.builder("takingWork", leaving ? HealthStatus.DOWN : HealthStatus.UP)
                .details(Map.of("reason", leaving ? "stopping: handing its tasks over to the other instances"
                        : "taking work"))
                .build());
    }
}
