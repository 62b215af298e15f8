package com.vidugateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
import java.util.function.BooleanSupplier;
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
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class WebhookOutboxIT {

    private static final Duration COMMAND = Duration.ofSeconds(60);
    private static final Pattern TASK_ID = Pattern.compile("\"task_id\":\"([^\"]+)\"");

    /** One receiver on loopback: what it was sent (webhook-id of each accepted post), and how it answers. */
    private static final class Receiver {
        final HttpServer server;
        final List<String> accepted = new CopyOnWriteArrayList<>();
        volatile int answer = 200;
        volatile long hangMillis;

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.createContext("/hook", exchange -> {
                exchange.getRequestBody().readAllBytes();
                try {
                    Thread.sleep(hangMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                int code = answer;
                if (code < 300) {
                    accepted.add(exchange.getRequestHeaders().getFirst("webhook-id"));
                }
                exchange.sendResponseHeaders(code, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
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
        down = new Receiver();
        down.answer = 503;
        hanging = new Receiver();
        hanging.hangMillis = 15_000;
        fine = new Receiver();
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
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
            receiver.server.stop(0);
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

        // Killed with the dead receiver's events pending; the receiver comes back, so does the server.
        server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        down.answer = 200;
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
        assertThat(fine.accepted).containsSubsequence("msg_" + slow + "_Pending", "msg_" + slow + "_Success")
                .doesNotHaveDuplicates();

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

    private String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
    }

    private void awaitTrue(Duration limit, BooleanSupplier condition) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
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
