package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** GET /v1/webhooks/secret: each key reads its own secret, never another's; nothing else shows one. */
@MicronautTest
class WebhookSecretEndpointTest extends GatewayHttpTest {

    @Inject
    WebhookSecrets secrets;

    @Test
    void each_key_reads_its_own_secret() {
        Api.Answer a = as("Bearer key-a").get("/v1/webhooks/secret");
        Api.Answer b = as("key-b").get("/v1/webhooks/secret");

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.string("secret")).startsWith("whsec_")
                .isEqualTo(secrets.secretFor(ClientKeys.ownerOf("key-a")).orElseThrow());
        assertThat(a.string("request_id")).isEqualTo(a.header("X-Request-Id"));
        assertThat(a.header("Cache-Control")).isEqualTo("no-store");
        assertThat(b.string("secret")).isEqualTo(secrets.secretFor(ClientKeys.ownerOf("key-b")).orElseThrow())
                .isNotEqualTo(a.string("secret"));
    }

    @Test
    void nothing_in_the_request_chooses_another_clients_secret() {
        String b = secrets.secretFor(ClientKeys.ownerOf("key-b")).orElseThrow();

        Api.Answer withOwner = as("key-a").get("/v1/webhooks/secret?owner=" + ClientKeys.ownerOf("key-b")
                + "&key=key-b", "X-Vidu-Owner", ClientKeys.ownerOf("key-b"));

        assertThat(withOwner.string("secret")).isEqualTo(secrets.secretFor(ClientKeys.ownerOf("key-a")).orElseThrow())
                .isNotEqualTo(b);
    }

    @Test
    void without_a_valid_key_there_is_no_secret() {
        Api.Answer anonymous = as(null).get("/v1/webhooks/secret");
        Api.Answer wrong = as("not-a-key").get("/v1/webhooks/secret");

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(anonymous.text()).doesNotContain("whsec_");
        assertThat(wrong.text()).doesNotContain("whsec_");
    }

    @Test
    void no_other_answer_shows_a_secret() {
        String mine = secrets.secretFor(ClientKeys.ownerOf("key-a")).orElseThrow();
        Api api = as("key-a");
        String id = api.postJson("/v1/tasks/submit", """
                {"model":"viduq2","input":{"images":["https://example.com/a.png"],"prompt":"p"},
                 "parameters":{"vidu_type":"reference2video","callback_url":"https://93.184.215.14/hook"}}""")
                .string("output.task_id");

        for (Api.Answer answer : new Api.Answer[] {api.get("/v1/tasks/status?task_id=" + id), api.get("/v1/tasks"),
                api.get("/health"), api.get("/metrics"), api.get("/openapi.yml"),
                api.postJson("/v1/tasks/validate", "{\"parameters\":{\"callback_url\":\"https://93.184.215.14/\"}}")}) {
            assertThat(answer.text()).doesNotContain(mine).doesNotContain(mine.substring(6))
                    .doesNotContain("dGVzdC1zZXJ2ZXItc2VjcmV0");
        }
    }
}
