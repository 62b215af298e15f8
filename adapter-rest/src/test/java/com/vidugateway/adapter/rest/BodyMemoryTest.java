package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The memory budget for bodies being read (here 128 KiB, two steps): a body that holds it makes the next one wait
 * for nothing — it is answered 503 at once — and the budget is free again as soon as the holder is cut off.
 */
@MicronautTest
@Property(name = "vidu.request-body.memory", value = "128KB")
@Property(name = "vidu.request-body.deadline", value = "2s")
@Property(name = "vidu.request-body.grace", value = "2s")
class BodyMemoryTest {

    @Inject
    EmbeddedServer server;
    @Inject
    BodyMemory memory;

    @Test
    void a_full_budget_answers_503_and_is_free_again_once_the_holder_is_cut_off() throws Exception {
        Api api = new Api(server.getURI(), "key-a");
        try (Socket holder = new Socket(server.getHost(), server.getPort())) {
            OutputStream out = holder.getOutputStream();
            out.write(("POST /v1/tasks/submit HTTP/1.1\r\nHost: localhost\r\nAuthorization: key-b\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 10000000\r\n\r\n{\"model\":\"viduq2\""
                    + " ".repeat(100_000)).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (memory.used() < memory.capacity() && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertThat(memory.used()).isEqualTo(memory.capacity());

            Api.Answer refused = api.postJson("/v1/tasks/submit", Bodies.images("waits its turn"));

            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isNotBlank();
            assertThat(refused.string("error.message")).contains("many request bodies at once")
                    .contains("nothing was stored or sent");
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (memory.used() > 0 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(memory.used()).isZero();
        assertThat(api.postJson("/v1/tasks/submit", Bodies.images("its turn")).status()).isEqualTo(200);
    }
}
