package com.vidugateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
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
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code VIDU_LOG_LEVEL=trace}: the built jar serves with distinctive secrets in its environment — the provider key,
 * two client keys, the server's webhook secret and one chosen per key, an AWS secret key — and is used as a client
 * would (a submit with a callback URL delivered to a receiver on loopback, a status read, bad requests, a wrong key,
 * both webhook secrets read). Then its whole output, every level, is searched for each secret, each secret derived
 * from them, and their base64 forms (at every byte alignment, standard and URL-safe): none may appear.
 */
class LogSecretsIT {

    private static final Duration START = Duration.ofSeconds(60);
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    private final ObjectMapper json = ObjectMapper.getDefault();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Map<String, String>> deliveries = new CopyOnWriteArrayList<>();
    private HttpServer receiver;
    private Process server;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            Map<String, String> delivery = new LinkedHashMap<>();
            for (String name : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
                delivery.put(name, exchange.getRequestHeaders().getFirst(name));
            }
            delivery.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            deliveries.add(delivery);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        receiver.stop(0);
    }

    @Test
    void no_secret_reaches_the_output_at_trace_level() throws Exception {
        String providerKey = "sk-leakcheck-" + hex(12);
        String keyA = "vk-alpha-" + hex(12);
        String keyB = "vk-beta-" + hex(12);
        String wrongKey = "vk-wrong-" + hex(12);
        String serverSecret = "whsec_" + Base64.getEncoder().encodeToString(bytes(32));
        String chosenB = "whsec_" + Base64.getEncoder().encodeToString(bytes(32));
        String awsSecret = "aws-leakcheck-" + hex(16);
        int port = ViduProcess.freePort();
        int hookPort = receiver.getAddress().getPort();
        Path log = dir.resolve("serve.log");

        ProcessBuilder builder = new ProcessBuilder(new ViduProcess(dir).command("serve")).directory(dir.toFile());
        Map<String, String> env = builder.environment();
        env.put("VIDU_DATA_DIR", dir.resolve("data").toString());
        env.put("VIDU_PROVIDER", "fake");
        env.put("VIDU_FAKE_SPEED", "50");
        env.put("VIDU_PORT", Integer.toString(port));
        env.put("VIDU_HOST", "127.0.0.1");
        env.put("VIDU_LOG_LEVEL", "trace");
        env.put("NO_COLOR", "1");
        env.put("MODELVERSE_API_KEY", providerKey);
        env.put("VIDU_API_KEYS", keyA + "," + keyB);
        env.put("VIDU_WEBHOOK_SECRET", serverSecret);
        env.put("VIDU_WEBHOOK_SECRETS", keyB + "=" + chosenB);
        env.put("VIDU_WEBHOOK_ALLOW_PRIVATE", "true");
        env.put("VIDU_WEBHOOK_ALLOWED_PORTS", Integer.toString(hookPort));
        env.put("AWS_ACCESS_KEY_ID", "AKIALEAKCHECKEXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", awsSecret);
        builder.redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        server = builder.start();
        URI base = URI.create("http://127.0.0.1:" + port);
        waitUntilUp(base, keyA, log);

        // Used as a client would.
        HttpResponse<String> submitted = post(base, "/v1/tasks/submit", "Bearer " + keyA, """
                {"model":"viduq2","input":{"images":["data:image/png;base64,%s"],"prompt":"a cat [leak check]"},
                 "parameters":{"vidu_type":"reference2video","duration":1,"resolution":"540p",
                               "callback_url":"http://127.0.0.1:%d/hook"}}""".formatted(png(), hookPort));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
        String taskId = (String) ((Map<?, ?>) parse(submitted.body()).get("output")).get("task_id");
        HttpResponse<String> secretA = get(base, "/v1/webhooks/secret", "Bearer " + keyA);
        HttpResponse<String> secretB = get(base, "/v1/webhooks/secret", keyB);
        assertThat(secretA.statusCode()).isEqualTo(200);
        String derivedA = (String) parse(secretA.body()).get("secret");
        String configuredB = (String) parse(secretB.body()).get("secret");
        assertThat(derivedA).startsWith("whsec_").isNotEqualTo(serverSecret);
        assertThat(configuredB).isEqualTo(chosenB);
        assertThat(get(base, "/v1/tasks/status?task_id=" + taskId, keyA).statusCode()).isEqualTo(200);
        assertThat(post(base, "/v1/tasks/submit", keyA, "{\"model\": \"viduq2\", oops").statusCode()).isEqualTo(400);
        assertThat(post(base, "/v1/tasks/submit", keyB, """
                {"model":"viduq2","input":{"images":[5],"prompt":""},"parameters":{"vidu_type":"x"}}""").statusCode())
                .isEqualTo(400);
        assertThat(get(base, "/v1/tasks", wrongKey).statusCode()).isEqualTo(401);
        assertThat(get(base, "/v1/tasks/status?task_id=" + taskId, keyB).statusCode()).isEqualTo(404);
        assertThat(get(base, "/metrics", keyA).statusCode()).isEqualTo(200);
        assertThat(get(base, "/health", keyA).statusCode()).isEqualTo(200);

        // The task ends and its events reach the receiver, signed with key A's own secret.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < until && deliveries.stream().noneMatch(d -> d.get("body").contains("\"Success\""))) {
            Thread.sleep(200);
        }
        String logTail = tail(log);

        server.destroy();
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("serve stops on SIGTERM").isTrue();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(output).as("trace logging was on").contains("TRACE").contains("DEBUG");

        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("MODELVERSE_API_KEY", providerKey);
        secrets.put("VIDU_API_KEYS (a)", keyA);
        secrets.put("VIDU_API_KEYS (b)", keyB);
        secrets.put("a wrong client key", wrongKey);
        secrets.put("VIDU_WEBHOOK_SECRET", serverSecret);
        secrets.put("VIDU_WEBHOOK_SECRETS", chosenB);
        secrets.put("key A's derived secret", derivedA);
        secrets.put("AWS_SECRET_ACCESS_KEY", awsSecret);
        // One finding per secret and logger (the first line it is in), the secret masked in the report.
        Map<String, String> leaks = new LinkedHashMap<>();
        List<String> lines = output.lines().toList();
        for (Map.Entry<String, String> secret : secrets.entrySet()) {
            List<String> forms = forms(secret.getValue());
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                for (String form : forms) {
                    if (line.contains(form)) {
                        leaks.putIfAbsent(secret.getKey() + " @ " + logger(lines, i), "line " + (i + 1) + ": "
                                + line.replace(form, "<" + secret.getKey() + ">"));
                        break;
                    }
                }
            }
        }
        assertThat(leaks).as("secrets in the output (%d bytes, %d lines)", output.length(),
                output.lines().count()).isEmpty();
        assertThat(deliveries).as("webhooks delivered; log: %s", logTail).isNotEmpty();
        for (Map<String, String> delivery : deliveries) {
            assertThat(delivery.get("webhook-signature")).isEqualTo("v1," + hmac(derivedA,
                    delivery.get("webhook-id") + "." + delivery.get("webhook-timestamp") + "." + delivery.get("body")));
        }
    }

    /**
     * How a secret could appear: as itself, the key bytes of a {@code whsec_} secret as base64 on their own, and the
     * base64 of its text (and of those key bytes) inside a longer base64 text at each of the 3 byte alignments,
     * standard and URL-safe — the characters that depend on neighbouring bytes left out.
     */
    static List<String> forms(String secret) {
        List<String> forms = new ArrayList<>(List.of(secret));
        List<byte[]> contents = new ArrayList<>(List.of(secret.getBytes(StandardCharsets.UTF_8)));
        if (secret.startsWith("whsec_")) {
            String encoded = secret.substring("whsec_".length());
            forms.add(encoded.replace("=", ""));
            forms.add(encoded.replace('+', '-').replace('/', '_').replace("=", ""));
            contents.add(Base64.getDecoder().decode(encoded));
            forms.add(HexFormat.of().formatHex(Base64.getDecoder().decode(encoded)));
        }
        for (byte[] content : contents) {
            for (int shift = 0; shift < 3; shift++) {
                byte[] shifted = new byte[shift + content.length];
                System.arraycopy(content, 0, shifted, shift, content.length);
                for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
                    String text = encoder.withoutPadding().encodeToString(shifted);
                    // The first group carries the filler bytes, the last one bytes that would follow: leave them out.
                    String core = text.substring(shift == 0 ? 0 : 4, Math.max(shift == 0 ? 0 : 4, text.length() - 4));
                    if (core.length() >= 12) {
                        forms.add(core);
                    }
                }
            }
        }
        return forms;
    }

    /** The logger of the log line at {@code index}, or of the one a continuation line (a stack trace) belongs to. */
    private static String logger(List<String> lines, int index) {
        for (int i = index; i >= 0; i--) {
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[[^]]*] [A-Z]+ (\\S+) - ").matcher(lines.get(i));
            if (m.find()) {
                return m.group(1);
            }
        }
        return "(not a log line)";
    }

    private void waitUntilUp(URI base, String key, Path log) throws Exception {
        long until = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < until) {
            if (!server.isAlive()) {
                throw new AssertionError("serve ended with " + server.exitValue() + ": " + tail(log));
            }
            try {
                if (get(base, "/health", key).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("serve did not answer within " + START + ": " + tail(log));
    }

    private HttpResponse<String> get(URI base, String path, String authorization) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(URI base, String path, String authorization, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, Object> parse(String text) throws IOException {
        return json.readValue(text, Argument.mapOf(String.class, Object.class));
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.length() > 4000 ? "…" + text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** A PNG the gateway accepts (the provider's smallest side is 128 pixels). */
    private static String png() throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(320, 240, java.awt.image.BufferedImage.TYPE_INT_RGB),
                "png", out);
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    private static String hmac(String whsec, String content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(whsec.substring("whsec_".length())), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] bytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String hex(int n) {
        return HexFormat.of().formatHex(bytes(n));
    }
}
