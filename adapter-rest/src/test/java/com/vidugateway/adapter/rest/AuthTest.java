package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

/** Client keys: raw or Bearer, 401 without one, and each key's tasks its own (another key's id is 404). */
@MicronautTest
class AuthTest extends GatewayHttpTest {

    @Test
    void no_key_is_401_in_the_providers_shape() {
        Api.Answer answer = as(null).postJson("/v1/tasks/submit", Bodies.images("no key"));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.string("error.type")).isEqualTo("invalid_request_error");
        assertThat(answer.string("error.code")).isEqualTo("auth_error");
        assertThat(answer.string("error.message")).contains("Authorization");
        assertThat(answer.string("error.param")).isEqualTo(answer.header("X-Request-Id"));
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void an_unknown_key_is_401_and_is_not_echoed() {
        Api.Answer answer = as("not-a-key-xyz").get("/v1/tasks/status?task_id=x");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.string("error.code")).isEqualTo("auth_error");
        assertThat(answer.text()).doesNotContain("not-a-key-xyz");
    }

    @Test
    void raw_and_bearer_keys_both_work_and_are_the_same_owner() {
        String id = as("key-a").postJson("/v1/tasks/submit", Bodies.images("raw key")).string("output.task_id");

        assertThat(as("Bearer key-a").get("/v1/tasks/status?task_id=" + id).status()).isEqualTo(200);
        assertThat(as("bearer   key-a ").get("/v1/tasks/status?task_id=" + id).status()).isEqualTo(200);
        assertThat(as("key-a").get("/v1/tasks/status?task_id=" + id).status()).isEqualTo(200);
    }

    @Test
    void another_keys_task_is_not_found() {
        String id = as("key-a").postJson("/v1/tasks/submit", Bodies.images("mine")).string("output.task_id");

        Api.Answer status = as("Bearer key-b").get("/v1/tasks/status?task_id=" + id);
        assertThat(status.status()).isEqualTo(404);
        assertThat(status.string("error.code")).isEqualTo("not_found");
        assertThat(as("key-b").get("/v1/tasks/" + id + "/video").status()).isEqualTo(404);
        Api.Answer list = as("key-b").get("/v1/tasks?limit=100");
        assertThat(list.text()).doesNotContain(id);
    }

    @Test
    void health_and_the_api_description_are_open_the_rest_is_not() {
        Api anonymous = as(null);
        assertThat(anonymous.get("/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/openapi.yml").status()).isEqualTo(200);
        assertThat(anonymous.get("/openapi.json").status()).isEqualTo(200);
        assertThat(anonymous.get("/docs").status()).isEqualTo(200);
        assertThat(anonymous.get("/metrics").status()).isEqualTo(401);
        assertThat(anonymous.get("/v1/models").status()).isEqualTo(401);
        assertThat(anonymous.get("/v1/tasks").status()).isEqualTo(401);
        assertThat(anonymous.postJson("/v1/tasks/validate", "{}").status()).isEqualTo(401);
        assertThat(anonymous.get("/no/such/route").status()).as("no route is revealed without a key").isEqualTo(401);
    }

    @Test
    void health_without_a_valid_key_says_the_verdict_only() {
        Api.Answer anonymous = as(null).get("/health");
        Api.Answer wrongKey = as("not-a-key-xyz").get("/health");
        Api.Answer withKey = as("Bearer key-b").get("/health");

        for (Api.Answer verdictOnly : java.util.List.of(anonymous, wrongKey)) {
            assertThat(verdictOnly.status()).isEqualTo(200);
            assertThat(verdictOnly.string("status")).isEqualTo("UP");
            assertThat(verdictOnly.at("database")).as(verdictOnly.toString()).isNull();
            assertThat(verdictOnly.at("provider")).as(verdictOnly.toString()).isNull();
            assertThat(verdictOnly.at("instance")).as(verdictOnly.toString()).isNull();
            assertThat(verdictOnly.at("instances")).as(verdictOnly.toString()).isNull();
            assertThat(verdictOnly.text()).doesNotContain("gw-test").doesNotContain("host-a");
            assertThat(verdictOnly.text()).doesNotContain("latency").doesNotContain("scripted");
        }
        assertThat(withKey.status()).isEqualTo(200);
        assertThat(withKey.string("status")).isEqualTo("UP");
        assertThat(withKey.string("database.status")).isEqualTo("UP");
        assertThat(withKey.string("provider.name")).isNotBlank();
        assertThat(withKey.string("instance")).isEqualTo(TestGateway.ScriptedCluster.SELF);
        assertThat(withKey.at("instances").size()).isEqualTo(3);
    }

    @Test
    void with_keys_any_host_name_is_served_as_before() {
        Api.Answer answer = as("key-a").getWithHost("/v1/models", "gateway.example.com");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    }

    @Test
    void owner_ids_are_stable_and_reveal_nothing_of_the_key() {
        assertThat(ClientKeys.ownerOf("key-a")).isEqualTo(ClientKeys.ownerOf("key-a")).startsWith("key:").hasSize(20)
                .doesNotContain("key-a");
        assertThat(ClientKeys.ownerOf("key-a")).isNotEqualTo(ClientKeys.ownerOf("key-b"));
        // the first 16 hex digits of SHA-256(key), computed here independently
        assertThat(ClientKeys.ownerOf("key-a")).isEqualTo("key:" + sha256Hex("key-a").substring(0, 16));
    }

    private static String sha256Hex(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (byte b : digest) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
