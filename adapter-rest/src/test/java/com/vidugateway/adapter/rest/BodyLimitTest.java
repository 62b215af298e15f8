package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.application.testing.ScriptedGenerator;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * VIDU_MAX_REQUEST_SIZE (here 64 KiB): a body over it is refused with 413 and the limit — before it is read
 * when its length is declared, as soon as it passes the limit when it is streamed in chunks.
 */
@MicronautTest
@Property(name = "vidu.max-request-size", value = "64KB")
class BodyLimitTest {

    static final int LIMIT = 64 * 1024;

    @Inject
    EmbeddedServer server;
    @Inject
    HttpServerConfiguration serverConfiguration;
    @Inject
    ScriptedGenerator provider;

    @Test
    void the_servers_own_limit_is_the_configured_one() {
        assertThat(serverConfiguration.getMaxRequestSize()).isEqualTo(LIMIT);
    }

    @Test
    void a_body_just_under_the_limit_is_read() {
        Api.Answer answer = new Api(server.getURI(), "key-a").postJson("/v1/tasks/submit",
                Bodies.images("x".repeat(LIMIT - 400)));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.violation("input.prompt")).contains("characters long");
    }

    @Test
    void a_declared_body_over_the_limit_is_413_with_the_limit_in_the_clients_language() {
        Api api = new Api(server.getURI(), "key-a");
        String body = Bodies.images("x".repeat(LIMIT + 10));
        Api.Answer english = api.postJson("/v1/tasks/submit", body);
        Api.Answer chinese = api.postJson("/v1/tasks/submit", body, "Accept-Language", "zh-CN");

        for (Api.Answer answer : List.of(english, chinese)) {
            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.string("error.type")).isEqualTo("invalid_request_error");
            assertThat(answer.string("error.code")).isEqualTo("request_too_large");
        }
        assertThat(english.string("error.message")).contains("64 KiB").contains("65536 bytes").contains("VIDU_MAX_REQUEST_SIZE");
        assertThat(chinese.header("Content-Language")).isEqualTo("zh");
        assertThat(chinese.string("error.message")).startsWith("请求体超过了 64 KiB 的上限（65536 字节，VIDU_MAX_REQUEST_SIZE）");
    }

    @Test
    void a_chunked_body_over_the_limit_is_413() {
        // No Content-Length: the JDK client sends an InputStream body in chunks.
        byte[] head = "{\"model\":[".getBytes(StandardCharsets.US_ASCII);
        byte[] item = ("\"" + "y".repeat(8190) + "\",").getBytes(StandardCharsets.US_ASCII);
        InputStream endless = new InputStream() {
            long position;

            @Override
            public int read() {
                long at = position++;
                if (at < head.length) {
                    return head[(int) at];
                }
                return at > 4L * LIMIT ? -1 : item[(int) ((at - head.length) % item.length)];
            }
        };
        Api.Answer answer = new Api(server.getURI(), "key-a").send(HttpRequest.newBuilder(
                        server.getURI().resolve("/v1/tasks/submit")).POST(HttpRequest.BodyPublishers.ofInputStream(() -> endless)),
                "Content-Type", "application/json");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(413);
        assertThat(answer.string("error.code")).isEqualTo("request_too_large");
    }

    @Test
    void a_huge_declared_length_is_refused_before_any_of_the_body_is_sent() throws Exception {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/tasks/submit HTTP/1.1\r\nHost: localhost\r\nAuthorization: key-a\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 10737418240\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // Not one byte of the 10 GiB follows: the answer must come anyway.
            String answer = readAnswer(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(answer).contains("request_too_large");
        }
        assertThat(provider.submits()).isEmpty();
    }

    private static String readAnswer(InputStream in) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            int n;
            try {
                n = in.read(buffer);
            } catch (java.net.SocketException closed) {
                break;
            }
            if (n < 0) {
                break;
            }
            bytes.write(buffer, 0, n);
            String text = bytes.toString(StandardCharsets.UTF_8);
            if (text.contains("\r\n\r\n") && text.contains("}}")) {
                break;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
