package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.application.port.in.TakePartInCluster;
import com.vidugateway.application.testing.ScriptedGenerator;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** A platform's probes: open without a key; readiness DOWN from the moment the instance starts to stop. */
@MicronautTest
class ProbesTest {

    @Inject
    EmbeddedServer server;

    @Inject
    TakePartInCluster cluster;

    @Inject
    ScriptedGenerator provider;

    @Test
    void readiness_turns_down_when_the_instance_starts_to_stop_while_liveness_stays_up_both_without_a_key() {
        Api probe = new Api(server.getURI(), null);
        Api.Answer ready = probe.get("/health/readiness");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.text()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(probe.get("/health/liveness").status()).isEqualTo(200);

        cluster.stopWorking();

        Api.Answer stopping = probe.get("/health/readiness");
        assertThat(stopping.status()).isEqualTo(503);
        assertThat(stopping.text()).isEqualTo("{\"status\":\"DOWN\",\"down\":[\"takingWork\"]}");
        assertThat(probe.get("/health/liveness").status()).isEqualTo(200);
        // A submit that still reaches it (the load balancer has not noticed yet) is stored, and left to the others.
        int sent = provider.submits().size();
        Api.Answer submitted = new Api(server.getURI(), "key-a").postJson("/v1/tasks/submit", Bodies.images("stopping"));
        assertThat(submitted.status()).isEqualTo(200);
        assertThat(provider.submits()).hasSize(sent);
    }

    @Test
    void a_probe_learns_nothing_but_up_or_down() {
        Api.Answer live = new Api(server.getURI(), null).get("/health/liveness");

        assertThat(live.text()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(live.text()).doesNotContain("instance").doesNotContain("database").doesNotContain("provider");
    }
}
