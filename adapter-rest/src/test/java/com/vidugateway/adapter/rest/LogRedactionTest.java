package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The access log names method, path, status and owner id: never a key, a header or image data. */
@MicronautTest
class LogRedactionTest {

    @Inject
    EmbeddedServer server;
    @Inject
    TestGateway.BreakableTasks tasks;
    @Inject
    WebhookSecrets secrets;

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger access = (Logger) LoggerFactory.getLogger("com.vidugateway.adapter.rest.access");

    @BeforeEach
    void capture() {
        appender.start();
        root.addAppender(appender);
        access.setLevel(Level.DEBUG);
    }

    @AfterEach
    void release() {
        root.detachAppender(appender);
        access.setLevel(null);
    }

    @Test
    void keys_and_image_data_never_reach_the_log() {
        Api api = new Api(server.getURI(), "Bearer key-a");
        String imageData = Bodies.PNG_DATA_URI.substring(Bodies.PNG_DATA_URI.length() - 40);
        api.postJson("/v1/tasks/submit", """
                {"model":"viduq2","input":{"images":["%s"],"prompt":"logged?"},"parameters":{"vidu_type":"reference2video"}}"""
                .formatted(Bodies.PNG_DATA_URI));
        api.postJson("/v1/tasks/submit", "{\"input\":{\"images\":[\"" + Bodies.PNG_DATA_URI + "\" oops");
        api.postJson("/v1/tasks/submit", "{\"model\":\"viduq2\",\"input\":{\"images\":[\"" + Bodies.PNG_DATA_URI
                + "\"],\"prompt\":5}}");
        new Api(server.getURI(), "wrong-key-123").get("/v1/tasks");
        tasks.broken(true);
        try {
            api.get("/v1/tasks/status?task_id=abc");
        } finally {
            tasks.broken(false);
        }

        List<String> lines = appender.list.stream().map(e -> e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage())).toList();
        assertThat(lines).anyMatch(line -> line.startsWith("POST /v1/tasks/submit -> 200"));
        assertThat(lines).anyMatch(line -> line.startsWith("GET /v1/tasks -> 401"));
        assertThat(lines).anyMatch(line -> line.contains("owner " + ClientKeys.ownerOf("key-a")));
        for (String line : lines) {
            assertThat(line).doesNotContain("key-a").doesNotContain("wrong-key-123").doesNotContain(imageData)
                    .doesNotContain("base64,iVBOR").doesNotContain("sk-provider-secret");
        }
    }

    @Test
    void at_trace_level_no_key_and_no_webhook_secret_reaches_the_log() {
        root.setLevel(Level.TRACE);
        try {
            Api api = new Api(server.getURI(), "Bearer key-a");
            String secret = api.get("/v1/webhooks/secret").string("secret");
            String id = api.postJson("/v1/tasks/submit", """
                    {"model":"viduq2","input":{"images":["https://example.com/a.png"],"prompt":"p"},
                     "parameters":{"vidu_type":"reference2video","callback_url":"https://93.184.215.14/hook"}}""")
                    .string("output.task_id");
            api.get("/v1/tasks/status?task_id=" + id);
            api.postJson("/v1/tasks/submit", "{\"model\": oops");
            new Api(server.getURI(), "wrong-key-123").get("/v1/webhooks/secret");
            new Api(server.getURI(), "key-b").get("/v1/webhooks/secret");

            assertThat(secret).isEqualTo(secrets.secretFor(ClientKeys.ownerOf("key-a")).orElseThrow());
            String other = secrets.secretFor(ClientKeys.ownerOf("key-b")).orElseThrow();
            List<String> lines = appender.list.stream().map(e -> e.getFormattedMessage()
                    + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage())).toList();
            assertThat(appender.list).as("trace was on").anyMatch(e -> e.getLevel() == Level.TRACE
                    && e.getLoggerName().startsWith("io.micronaut.http"));
            for (String line : lines) {
                assertThat(line).doesNotContain("key-a").doesNotContain("key-b").doesNotContain("wrong-key-123")
                        .doesNotContain(secret.substring("whsec_".length())).doesNotContain(other.substring(6))
                        .doesNotContain("dGVzdC1zZXJ2ZXItc2VjcmV0").doesNotContain("sk-provider-secret");
            }
        } finally {
            root.setLevel(Level.WARN);
        }
    }
}
