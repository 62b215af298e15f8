package com.vidugateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks from the outbox, with the built jar: a dead receiver and a hanging one delay no one else; events pending
 * when the server is killed are delivered after a restart with their webhook-ids, in order; changes a CLI process made
 * while no server ran are delivered by the next server.
 *
 * <p>Each event reaches its receiver exactly once here, because no kill falls between a receiver's 2xx and the
 * server's record of it: the kill -9 comes once the fine receiver's events are recorded as delivered, and the dead
 * receiver comes back as a new listener only after the kill (a request the killed server still had on its way meets
 * the old one, which answers 503). Only such a kill may repeat an event (delivery is at least once); a graceful stop
 * (SIGTERM) lets an attempt in flight end and be recorded, so it repeats none.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class WebhookOutboxIT {

    private static final Duration COMMAND = Duration.ofSeconds(60);
    private static final Pattern TASK_ID = Pattern.compile("\"task_id\":\"([^\"]+)\"");
    /** An event in GET /v1/tasks/{id}/webhooks: its webhook-id and its state (before its list of attempts). */
    private static final Pattern EVENT = Pattern.compile(
            "\"webhook_id\":\"([^\"]+)\"[^{}]*?\"state\":\"([a-z_]+)\"");

    /**
     * One receiver on loopback: what it was sent (webhook-id of each accepted post), and how it answers. It may come
     * back on its port answering otherwise ({@link #comeBack}); the listener it had answers as before to whatever
     * reached it until then.
     */
    private static final class Receiver {
        final List<String> accepted = new CopyOnWriteArrayList<>();
        private final long hangMillis;
        private HttpServer server;

        Receiver(int answer, long hangMillis) throws IOException {
            this.hangMillis = hangMillis;
            server = listen(0, answer);
        }

        private HttpServer listen(int port, int answer) throws IOException {
            HttpServer listener = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
            listener.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            listener.createContext("/hook", exchange -> {
                exchange.getRequestBody().readAllBytes();
                try {
                    Thread.sleep(hangMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (answer < 300) {
                    accepted.add(exchange.getRequestHeaders().getFirst("webhook-id"));
                }
                exchange.sendResponseHeaders(answer, -1);
                exchange.close();
            });
            listener.start();
            return listener;
        }

        /** Stops listening (what reached the old listener is answered as before) and listens again, answering so. */
        void comeBack(int answer) throws IOException {
            int port = port();
            server.stop(0);
            server = listen(port, answer);
        }

        void stop() {
            server.stop(0);
        }

        String url() {
            return "http://127.0.0.1:" + port() + "/hook";
        }

        int port() {
            return server.getAddress().getPort();
        }
    }

    @TempDir
    Path dir;

    private Receiver down;
    private Receiver hanging;
    private Receiver fine;
    private ViduProcess vidu;
    private int port;
    private Process server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void receiversAndSettings() throws IOException {
        down = new Receiver(503, 0);
        hanging = new Receiver(200, 15_000);
        fine = new Receiver(200, 0);
        port = ViduProcess.freePort();
        vidu = new ViduProcess(dir).with("VIDU_PORT", String.valueOf(port))
                .with("VIDU_WEBHOOK_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
                .with("VIDU_WEBHOOK_ALLOW_PRIVATE", "true")
                .with("VIDU_WEBHOOK_ALLOWED_PORTS", down.port() + "," + hanging.port() + "," + fine.port());
    }

    @AfterEach
    void stopEverything() {
        if (server != null) {
            server.destroyForcibly();
        }
        for (Receiver receiver : List.of(down, hanging, fine)) {
            receiver.stop();
        }
    }

    @Test
    void the_outbox_delivers_around_dead_and_hanging_receivers_across_a_kill_and_for_the_cli() throws Exception {
        startServer();
        String toDown = submit("to a dead receiver", down.url());
        String toHanging = submit("to a hanging receiver", hanging.url());
        String toFine = submit("to a fine receiver", fine.url());

        // The fine receiver hears the whole story while the others fail or hang.
        awaitTrue(Duration.ofSeconds(30), () -> fine.accepted.contains("msg_" + toFine + "_Success"));
        assertThat(fine.accepted).containsExactly("msg_" + toFine + "_Pending", "msg_" + toFine + "_Success");
        assertThat(down.accepted).isEmpty();
        // The receiver has its answers; the kill comes once the server has them too (a kill in between would have
        // the event sent again after the restart: at least once).
        awaitTrue(Duration.ofSeconds(30), () -> delivered(toFine).equals(
                List.of("msg_" + toFine + "_Pending", "msg_" + toFine + "_Success")));

        // Killed with the dead receiver's events pending; the receiver comes back, so does the server.
        assertThat(server.destroyForcibly().waitFor(10, TimeUnit.SECONDS)).isTrue();
        down.comeBack(200);
        startServer();
        awaitTrue(Duration.ofSeconds(60), () -> down.accepted.contains("msg_" + toDown + "_Success"));
        assertThat(down.accepted).containsExactly("msg_" + toDown + "_Pending", "msg_" + toDown + "_Success");
        String history = get("/v1/tasks/" + toDown + "/webhooks");
        assertThat(history).contains("\"http_status\":503").contains("\"state\":\"delivered\"");

        // A task moved on by a CLI process while no server ran: the next server announces it.
        String slow = submit("[slow] moved on by the CLI", fine.url());
        server.destroy();
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        ViduProcess.Result waited = vidu.run(COMMAND, "wait", slow);
        assertThat(waited.exitCode()).as(waited.err()).isZero();
        assertThat(fine.accepted).doesNotContain("msg_" + slow + "_Success");
        startServer();
        awaitTrue(Duration.ofSeconds(30), () -> fine.accepted.contains("msg_" + slow + "_Success"));
        // Every event once, in order: across the kill -9, the graceful stop and the CLI.
        assertThat(fine.accepted).doesNotHaveDuplicates().containsSubsequence("msg_" + toFine + "_Pending",
                "msg_" + toFine + "_Success", "msg_" + slow + "_Pending", "msg_" + slow + "_Success");

        // The hanging receiver held one delivery at a time and never more than once per event at once.
        assertThat(get("/v1/tasks/" + toHanging + "/webhooks")).contains("msg_" + toHanging + "_Pending");
    }

    private void startServer() throws Exception {
        server = vidu.start("serve");
        awaitTrue(Duration.ofSeconds(30), () -> {
            try {
                return get("/health").contains("UP");
            } catch (Exception notYet) {
                return false;
            }
        });
    }

    private String submit(String prompt, String callback) throws Exception {
        String body = """
                {"model":"viduq2","input":{"prompt":"%s","images":["https://example.com/cat.jpg"]},
                 "parameters":{"vidu_type":"reference2video","duration":1,"resolution":"540p","callback_url":"%s"}}"""
                .formatted(prompt, callback);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/v1/tasks/submit")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Matcher id = TASK_ID.matcher(response.body());
        assertThat(id.find()).isTrue();
        return id.group(1);
    }

    /** The webhook-ids of a task's events the server has recorded as delivered, oldest first. */
    private List<String> delivered(String task) throws Exception {
        Matcher event = EVENT.matcher(get("/v1/tasks/" + task + "/webhooks"));
        List<String> ids = new java.util.ArrayList<>();
        while (event.find()) {
            if (event.group(2).equals("delivered")) {
                ids.add(event.group(1));
            }
        }
        return ids;
    }

    private String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
    }

    /** A condition that may need a request to tell. */
    private interface Condition {
        boolean holds() throws Exception;
    }

    private void awaitTrue(Duration limit, Condition condition) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.holds()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + limit + "; server log:\n" + tail(dir.resolve("serve.log")));
            }
            Thread.sleep(200);
        }
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(none)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
