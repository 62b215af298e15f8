package com.vidugateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20's proof across instances: two {@code vidu serve} processes on one PostgreSQL database, one client whose
 * monthly budget pays for 5 tasks, and 50 submits fired at once, half at each instance: exactly 5 are accepted and
 * reach the provider, the other 45 are refused with 429 {@code insufficient_quota}. Then the client's key is rotated
 * on one instance and the old key revoked there: the other instance refuses the old key within a second, and the new
 * key sees the client's 5 tasks.
 */
class ClientBudgetIT {

    private static final String ADMIN_KEY = "client-budget-it-operator-key";
    /** viduq2, 1 s, 540p in the price list. */
    private static final String PRICE = "0.47";
    private static final int SUBMITS = 50;

    private final ObjectMapper json = ObjectMapper.getDefault();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void fifty_racing_submits_at_two_instances_spend_exactly_the_budget_and_a_revoked_key_is_refused_everywhere()
            throws Exception {
        try (ScratchPostgres database = ScratchPostgres.create("vidu_budget");
             RecordingModelverse provider = new RecordingModelverse(Duration.ofSeconds(1))) {
            Map<String, String> settings = new java.util.LinkedHashMap<>(ServeProcess.onDatabaseCalling(database, provider));
            settings.put("VIDU_ADMIN_KEY", ADMIN_KEY);
            List<ServeProcess> servers = new ArrayList<>();
            try {
                servers.add(ServeProcess.start("a", dir, settings, false));
                servers.add(ServeProcess.start("b", dir, settings, false));
                for (ServeProcess server : servers) {
                    server.awaitHealthy(Duration.ofSeconds(90));
                }
                HttpResponse<String> added = send(servers.get(0), "POST", "/v1/admin/clients", ADMIN_KEY,
                        "{\"name\": \"racer\", \"budget\": " + new java.math.BigDecimal(PRICE).multiply(
                                java.math.BigDecimal.valueOf(5)) + "}");
                assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
                String key = (String) parse(added.body()).get("key");

                // ---- 50 submits at once, alternating between the instances ----------------------------------
                ExecutorService clients = Executors.newFixedThreadPool(16);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                for (int i = 0; i < SUBMITS; i++) {
                    ServeProcess target = servers.get(i % 2);
                    String body = body(provider, i);
                    answers.add(clients.submit(() -> {
                        start.await();
                        return send(target, "POST", "/v1/tasks/submit", key, body);
                    }));
                }
                start.countDown();
                int accepted = 0;
                int overBudget = 0;
                for (Future<HttpResponse<String>> answer : answers) {
                    HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
                    if (response.statusCode() == 200) {
                        accepted++;
                    } else {
                        assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
                        assertThat(response.body()).contains("\"code\":\"insufficient_quota\"")
                                .contains("CNY of 2.35 CNY remain");
                        overBudget++;
                    }
                }
                clients.shutdownNow();
                assertThat(accepted).isEqualTo(5);
                assertThat(overBudget).isEqualTo(45);
                assertThat(provider.created()).hasSize(5);

                // ---- rotate on instance a, revoke the old key there: b refuses it within a second -------------
                HttpResponse<String> rotated = send(servers.get(0), "POST", "/v1/admin/clients/racer/keys", ADMIN_KEY, "");
                assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(201);
                String newKey = (String) parse(rotated.body()).get("key");
                assertThat(send(servers.get(1), "GET", "/v1/tasks", key, null).statusCode()).isEqualTo(200);
                HttpResponse<String> revoked = send(servers.get(0), "DELETE",
                        "/v1/admin/keys/" + key.substring(0, 11), ADMIN_KEY, null);
                assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
                long revokedAt = System.nanoTime();
                int status = 200;
                while (status != 401 && System.nanoTime() - revokedAt < Duration.ofSeconds(5).toNanos()) {
                    status = send(servers.get(1), "GET", "/v1/tasks", key, null).statusCode();
                    if (status != 401) {
                        Thread.sleep(20);
                    }
                }
                long refusedAfterMillis = (System.nanoTime() - revokedAt) / 1_000_000;
                assertThat(status).isEqualTo(401);
                assertThat(refusedAfterMillis).as("the old key refused by the other instance after %d ms",
                        refusedAfterMillis).isLessThan(1_000);
                HttpResponse<String> listed = send(servers.get(1), "GET", "/v1/tasks?limit=100", newKey, null);
                assertThat(listed.statusCode()).isEqualTo(200);
                assertThat((List<?>) parse(listed.body()).get("tasks")).hasSize(5);
                HttpResponse<String> usage = send(servers.get(1), "GET", "/v1/usage", newKey, null);
                assertThat(usage.body()).contains("\"client\":\"racer\"");
            } finally {
                for (ServeProcess server : servers) {
                    server.kill();
                }
            }
        }
    }

    private HttpResponse<String> send(ServeProcess server, String method, String path, String key, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.base() + path))
                .header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(30));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, Object> parse(String body) throws IOException {
        return json.readValue(body, Argument.mapOf(String.class, Object.class));
    }

    private static String body(RecordingModelverse provider, int n) {
        return "{\"model\": \"viduq2\", \"input\": {\"images\": [\"" + provider.imageUrl(n % 7) + "\"], \"prompt\":"
                + " \"budget race " + n + "\"}, \"parameters\": {\"vidu_type\": \"reference2video\", \"duration\": 1,"
                + " \"resolution\": \"540p\"}}";
    }
}
