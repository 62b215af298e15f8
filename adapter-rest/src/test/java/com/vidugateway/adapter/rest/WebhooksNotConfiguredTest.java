package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** No VIDU_WEBHOOK_SECRET: a callback URL is refused at submit (it could never be signed), and there is no secret to read. */
@MicronautTest
@Property(name = "vidu.webhooks.secret", value = "")
class WebhooksNotConfiguredTest {

    @Inject
    EmbeddedServer server;

    @Test
    void a_callback_url_is_400_naming_the_setting_and_nothing_is_stored() {
        Api api = new Api(server.getURI(), "key-a");
        int before = api.get("/v1/tasks?limit=100").json().get("tasks").size();

        Api.Answer answer = api.postJson("/v1/tasks/submit", """
                {"model":"viduq2","input":{"images":["https://example.com/a.png"],"prompt":"p"},
                 "parameters":{"vidu_type":"reference2video","callback_url":"https://93.184.215.14/hook"}}""");
        Api.Answer dryRun = api.postJson("/v1/tasks/validate", """
                {"model":"viduq2","input":{"images":["https://example.com/a.png"],"prompt":"p"},
                 "parameters":{"vidu_type":"reference2video","callback_url":"https://93.184.215.14/hook"}}""");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.string("error.message")).contains("VIDU_WEBHOOK_SECRET");
        assertThat(answer.violation("parameters.callback_url")).contains("VIDU_WEBHOOK_SECRET");
        assertThat(dryRun.violation("parameters.callback_url")).contains("VIDU_WEBHOOK_SECRET");
        assertThat(api.get("/v1/tasks?limit=100").json().get("tasks").size()).isEqualTo(before);
        assertThat(api.postJson("/v1/tasks/submit", Bodies.images("no callback, no secret needed")).status())
                .isEqualTo(200);
    }

    @Test
    void the_secret_endpoint_says_why_there_is_none() {
        Api.Answer answer = new Api(server.getURI(), "key-a").get("/v1/webhooks/secret");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.string("error.code")).isEqualTo("webhooks_not_configured");
        assertThat(answer.string("error.message")).contains("VIDU_WEBHOOK_SECRET");
    }
}
