package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Clients over HTTP: the operator's routes ({@code VIDU_ADMIN_KEY}), a client's budget and concurrency refusing
 * submits with 429, the account and usage a client reads, rotation and revocation.
 */
@MicronautTest
@Property(name = "vidu.clients.admin-key", value = ClientsApiTest.OPERATOR)
class ClientsApiTest extends GatewayHttpTest {

    static final String OPERATOR = "operator-key-for-tests";

    private Api operator() {
        return as("Bearer " + OPERATOR);
    }

    private String newClient(String limitsJson) {
        String name = "team-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Answer added = operator().postJson("/v1/admin/clients",
                "{\"name\": \"" + name + "\"" + (limitsJson.isEmpty() ? "" : ", " + limitsJson) + "}");
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.string("client")).isEqualTo(name);
        assertThat(added.string("key")).startsWith("vg_").startsWith(added.string("prefix"));
        return added.string("key");
    }

    @Test
    void a_budget_refuses_the_submit_that_would_go_over_it_with_the_remaining_budget() {
        Api client = as("Bearer " + newClient("\"budget\": 3"));

        accepted(client, Bodies.images("one"));
        accepted(client, Bodies.images("two"));
        Api.Answer third = client.postJson("/v1/tasks/submit", Bodies.images("three"));

        assertThat(third.status()).isEqualTo(429);
        assertThat(third.string("error.code")).isEqualTo("insufficient_quota");
        assertThat(third.string("error.type")).isEqualTo("insufficient_quota");
        assertThat(third.string("error.message")).isEqualTo("the monthly budget would be exceeded: 0.18 CNY of 3.00 CNY"
                + " remain this month and this task is estimated at 1.41 CNY");
        assertThat(client.postJson("/v1/tasks/submit", Bodies.images("three"), "Accept-Language", "zh-CN")
                .string("error.message")).contains("剩余 0.18 元");
        Api.Answer dryRun = client.postJson("/v1/tasks/validate", Bodies.images("three"));
        assertThat(dryRun.status()).isEqualTo(200);
        assertThat(dryRun.string("limits.remaining_budget_cny")).isEqualTo("0.18");
        assertThat(dryRun.string("limits.refusal.code")).isEqualTo("insufficient_quota");
        assertThat(dryRun.string("limits.refusal.message")).contains("0.18 CNY of 3.00 CNY remain");
        Api.Answer account = client.get("/v1/account");
        assertThat(account.status()).isEqualTo(200);
        assertThat(account.string("remaining_budget_cny")).isEqualTo("0.18");
        assertThat(account.string("this_month.running_tasks")).isEqualTo("2");
        assertThat(client.get("/v1/tasks?limit=10").text()).doesNotContain("three");
    }

    @Test
    void a_concurrency_limit_refuses_with_retry_after_until_a_task_ends() {
        Api client = as("Bearer " + newClient("\"concurrency\": 1"));
        String first = accepted(client, Bodies.images("first"));

        Api.Answer second = client.postJson("/v1/tasks/submit", Bodies.images("second"));

        assertThat(second.status()).isEqualTo(429);
        assertThat(second.string("error.code")).isEqualTo("concurrency_limit");
        assertThat(second.header("Retry-After")).isEqualTo("15");
        TestGateway.runUntilDone(services, tasks, clock, first);
        accepted(client, Bodies.images("second"));
    }

    @Test
    void the_operator_manages_clients_and_bad_input_names_the_field() {
        String key = newClient("\"budget\": \"12.5\", \"storage\": \"500MiB\"");
        String name = operator().get("/v1/admin/clients").text().contains("team-") ? null : "";
        assertThat(name).isNull();

        Api.Answer bad = operator().postJson("/v1/admin/clients", "{\"name\": \"x\", \"budget\": \"lots\", \"concurrency\": 0}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.violationFields()).containsExactly("budget", "concurrency");
        Api.Answer badName = operator().postJson("/v1/admin/clients", "{\"name\": \"Team A\"}");
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.violationFields()).containsExactly("name");
        Api.Answer unknown = operator().send(HttpRequest.newBuilder(server.getURI().resolve("/v1/admin/clients/nobody"))
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"budget\": 1}")), "Content-Type", "application/json");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.string("error.message")).isEqualTo("no client is named 'nobody'");
        Api.Answer revokeNothing = operator().send(HttpRequest.newBuilder(server.getURI().resolve("/v1/admin/keys/vg_nothing"))
                .DELETE());
        assertThat(revokeNothing.status()).isEqualTo(404);
        assertThat(revokeNothing.string("error.message")).contains("vg_nothing");

        // The client's own key does not reach the operator's routes; the operator's key does not reach tasks.
        assertThat(as("Bearer " + key).get("/v1/admin/clients").status()).isEqualTo(403);
        assertThat(operator().get("/v1/tasks").status()).isEqualTo(403);
        assertThat(operator().postJson("/v1/tasks/submit", Bodies.images("x")).status()).isEqualTo(403);
    }

    @Test
    void a_rotated_client_keeps_its_tasks_and_a_revoked_key_is_refused() {
        String oldKey = newClient("");
        String task = accepted(as("Bearer " + oldKey), Bodies.images("before rotation"));
        String client = operator().get("/v1/admin/clients").text().contains(oldKey.substring(0, 11)) ? "found" : "";
        assertThat(client).isEqualTo("found");
        String name = as("Bearer " + oldKey).get("/v1/account").string("client");

        Api.Answer rotated = operator().postJson("/v1/admin/clients/" + name + "/keys", "");
        assertThat(rotated.status()).isEqualTo(201);
        Api.Answer revoked = operator().send(HttpRequest.newBuilder(server.getURI().resolve("/v1/admin/keys/"
                + oldKey.substring(0, 11))).DELETE());
        assertThat(revoked.status()).isEqualTo(200);
        // The directory looks at the client feed again a quarter of a second on (on the test's clock).
        clock.advance(Duration.ofSeconds(1));

        assertThat(as("Bearer " + oldKey).get("/v1/tasks").status()).isEqualTo(401);
        Api newKey = as("Bearer " + rotated.string("key"));
        assertThat(newKey.get("/v1/tasks/status?task_id=" + task).status()).isEqualTo(200);
    }

    @Test
    void usage_sums_the_callers_tasks_and_the_operator_sees_everyones() {
        String key = newClient("");
        Api client = as("Bearer " + key);
        String id = accepted(client, Bodies.images("usage"));
        TestGateway.runUntilDone(services, tasks, clock, id);
        String name = client.get("/v1/account").string("client");

        Api.Answer own = client.get("/v1/usage?from=2026-05-01&to=2026-05-31&group_by=model");
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertThat(own.string("data[0].client")).isEqualTo(name);
        assertThat(own.string("data[0].group")).isEqualTo("viduq2");
        assertThat(own.string("data[0].tasks.Success")).isEqualTo("1");
        assertThat(own.string("total.settled_cny")).isEqualTo("1.41");
        assertThat(own.string("total.video_seconds")).isEqualTo("5");
        assertThat(own.text()).doesNotContain("key:");

        Api.Answer everyone = operator().get("/v1/usage?from=2026-05-01&to=2026-05-31");
        assertThat(everyone.text()).contains(name);
        Api.Answer bad = client.get("/v1/usage?from=2026-05-31&to=2026-05-01&group_by=week");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.violationFields()).containsExactly("group_by", "to");
    }
}
