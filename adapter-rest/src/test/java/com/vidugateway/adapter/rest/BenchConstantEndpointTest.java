package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The benchmark's baseline exists only when asked for. */
@MicronautTest
@Property(name = "vidu.bench.constant-endpoint", value = "true")
class BenchConstantEndpointTest {

    @Inject
    EmbeddedServer server;

    @Test
    void answers_a_constant_behind_the_same_filter() {
        Api.Answer answer = new Api(server.getURI(), "key-a").get("/bench/constant");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text()).isEqualTo("{\"ok\":true}");
        assertThat(new Api(server.getURI(), null).get("/bench/constant").status()).isEqualTo(401);
    }
}
