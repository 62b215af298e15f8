package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.adapter.rest.TestGateway.BreakableTasks;
import com.vidugateway.application.service.VideoTaskServices;
import com.vidugateway.application.testing.MutableClock;
import com.vidugateway.application.testing.ScriptedGenerator;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the tests of the whole API share: the server on loopback with {@link TestGateway}'s beans (the scripted
 * provider, the tasks, the clock, the services), clients (as {@code key-a}, or as any key), and a submit that must be
 * accepted.
 */
abstract class GatewayHttpTest {

    @Inject
    EmbeddedServer server;
    @Inject
    ScriptedGenerator provider;
    @Inject
    BreakableTasks tasks;
    @Inject
    MutableClock clock;
    @Inject
    VideoTaskServices services;

    Api api;

    @BeforeEach
    void client() {
        api = as("key-a");
    }

    /** A client that sends {@code authorization} as it is: a key, {@code Bearer} and a key, or nothing (null). */
    Api as(String authorization) {
        return new Api(server.getURI(), authorization);
    }

    /** Submits {@code body} as {@code as}, expects it accepted, lets 10 ms pass; the new task's id. */
    String accepted(Api as, String body) {
        Api.Answer answer = as.postJson("/v1/tasks/submit", body);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        clock.advance(Duration.ofMillis(10));
        return answer.string("output.task_id");
    }
}
