package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class GatewayMeterFiltersTest {

    private final GatewayMeterFilters filters = new GatewayMeterFilters();

    @Test
    void the_instance_tag_is_the_configured_id() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(filters.instanceTag(new RestApiSettings(java.util.List.of(), null,
                RestApiSettings.DEFAULT_MAX_REQUEST_SIZE, " gw-7 ")));

        Counter counter = registry.counter("vidu.submits", "result", "accepted");

        assertThat(counter.getId().getTag("instance")).isEqualTo("gw-7");
        assertThat(counter.getId().getTag("result")).isEqualTo("accepted");
    }

    @Test
    void without_an_id_the_instance_tag_is_the_host_name() throws Exception {
        String host = InetAddress.getLocalHost().getHostName();

        assertThat(GatewayMeterFilters.instance(null)).isEqualTo(host);
        assertThat(GatewayMeterFilters.instance("")).isEqualTo(host);
        assertThat(GatewayMeterFilters.instance("  ")).isEqualTo(host);
    }

    @Test
    void micronauts_own_request_timer_is_left_out() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(filters.withoutServerRequests());

        registry.timer("http.server.requests", "uri", "/health").record(java.time.Duration.ofMillis(1));
        registry.timer("vidu.http.request.duration", "route", "/health").record(java.time.Duration.ofMillis(1));

        assertThat(registry.find("http.server.requests").meters()).isEmpty();
        assertThat(registry.find("vidu.http.request.duration").meters()).hasSize(1);
    }
}
