package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.vidugateway.application.port.out.Sleeper;
import com.vidugateway.application.testing.MutableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookSenderTest {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");

    record Received(Map<String, List<String>> headers, String body) {}

    HttpServer receiver;
    final List<Received> received = new ArrayList<>();
    final Deque<Integer> answers = new ArrayDeque<>();
    final MutableClock clock = new MutableClock(T0);
    final List<Duration> sleeps = new ArrayList<>();
    final Sleeper recordingSleeper = duration -> {
        sleeps.add(duration);
        clock.advance(duration);
    };

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (received) {
                received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body));
            }
            Integer status = answers.poll();
            exchange.sendResponseHeaders(status == null ? 204 : status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    private WebhookSender sender(boolean allowPrivate, WebhookSender.Policy policy) {
        return new WebhookSender(SECRET, allowPrivate, HttpClient.newHttpClient(), clock, recordingSleeper, policy);
    }

    private static final WebhookSender.Policy FAST = new WebhookSender.Policy(Duration.ofSeconds(1), Duration.ofSeconds(4),
            Duration.ofSeconds(10), Duration.ofSeconds(5));

    @Test
    void the_signature_matches_the_standard_webhooks_test_vector() {
        // From the Standard Webhooks specification's reference libraries; checked with openssl as well.
        assertThat(WebhookSender.signature(SECRET, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void a_raw_secret_signs_with_its_utf8_bytes() throws Exception {
        String expected = "v1," + hmac("plain secret".getBytes(StandardCharsets.UTF_8), "id-1.42.{}");
        assertThat(WebhookSender.signature("plain secret", "id-1", 42, "{}")).isEqualTo(expected);
        assertThatThrownBy(() -> WebhookSender.signature("whsec_***", "i", 1, "{}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not base64");
        assertThatThrownBy(() -> WebhookSender.signature(" ", "i", 1, "{}")).hasMessageContaining("secret is required");
    }

    @Test
    void a_delivery_carries_the_body_and_a_signature_the_receiver_can_check() throws Exception {
        String body = "{\"output\":{\"task_id\":\"t1\",\"task_status\":\"Success\"},\"request_id\":\"r\"}";

        WebhookSender.Delivery delivery = sender(true, FAST).send(url(), "msg_t1_7", body);

        assertThat(delivery).isEqualTo(new WebhookSender.Delivery(true, 1, 204, null));
        Received got = received.get(0);
        assertThat(got.body()).isEqualTo(body);
        assertThat(first(got, "Content-Type")).isEqualTo("application/json");
        assertThat(first(got, "Webhook-id")).isEqualTo("msg_t1_7");
        assertThat(first(got, "Webhook-timestamp")).isEqualTo(Long.toString(T0.getEpochSecond()));
        byte[] key = Base64.getDecoder().decode(SECRET.substring("whsec_".length()));
        assertThat(first(got, "Webhook-signature"))
                .isEqualTo("v1," + hmac(key, "msg_t1_7." + T0.getEpochSecond() + "." + body));
    }

    @Test
    void failures_are_retried_with_exponential_backoff_each_attempt_signed_anew() throws Exception {
        answers.add(500);
        answers.add(503);
        answers.add(200);

        WebhookSender.Delivery delivery = sender(true, FAST).send(url(), "msg", "{}");

        assertThat(delivery.delivered()).isTrue();
        assertThat(delivery.attempts()).isEqualTo(3);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(received).extracting(r -> first(r, "Webhook-timestamp"))
                .containsExactly("" + T0.getEpochSecond(), "" + (T0.getEpochSecond() + 1), "" + (T0.getEpochSecond() + 3));
        assertThat(received).extracting(r -> first(r, "Webhook-id")).containsOnly("msg");
    }

    @Test
    void retrying_stops_within_the_total_time() throws Exception {
        for (int i = 0; i < 20; i++) {
            answers.add(500);
        }

        WebhookSender.Delivery delivery = sender(true, FAST).send(url(), "msg", "{}");

        assertThat(delivery.delivered()).isFalse();
        assertThat(delivery.lastStatus()).isEqualTo(500);
        // 0 s, 1 s, 3 s, 7 s; the next wait (4 s, capped) would end past 10 s
        assertThat(delivery.attempts()).isEqualTo(4);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(delivery.lastProblem()).contains("HTTP 500").contains("gave up after 4 attempts");
    }

    @Test
    void gone_stops_at_once() throws Exception {
        answers.add(410);

        WebhookSender.Delivery delivery = sender(true, FAST).send(url(), "msg", "{}");

        assertThat(delivery.delivered()).isFalse();
        assertThat(delivery.attempts()).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void no_answer_is_retried_too() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        WebhookSender.Delivery delivery = sender(true, FAST).send("http://127.0.0.1:" + closedPort + "/hook", "m", "{}");

        assertThat(delivery.delivered()).isFalse();
        assertThat(delivery.attempts()).isEqualTo(4);
        assertThat(delivery.lastStatus()).isZero();
        assertThat(delivery.lastProblem()).startsWith("no answer");
    }

    @Test
    void a_private_address_is_never_called_unless_allowed() throws Exception {
        WebhookSender.Delivery delivery = sender(false, FAST).send(url(), "msg", "{}");

        assertThat(delivery.delivered()).isFalse();
        assertThat(delivery.attempts()).isZero();
        assertThat(delivery.lastProblem()).contains("127.0.0.1");
        assertThat(received).isEmpty();
    }

    private static String first(Received received, String header) {
        for (Map.Entry<String, List<String>> entry : received.headers().entrySet()) {
            if (entry.getKey().equalsIgnoreCase(header)) {
                return entry.getValue().get(0);
            }
        }
        return null;
    }

    /** Computed here with the JDK directly, independently of the sender. */
    private static String hmac(byte[] key, String content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }
}
