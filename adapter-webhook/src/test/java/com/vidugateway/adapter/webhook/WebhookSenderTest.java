package com.vidugateway.adapter.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import com.vidugateway.application.support.DestinationPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One attempt of a webhook, against receivers on loopback. No test reaches any other address: names resolve through
 * a table (the policy's resolver is the sender's only view of DNS), and a refused address is refused before any
 * connection.
 */
class WebhookSenderTest {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");
    static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    static final Tls SYSTEM_TLS = systemTls();

    record Received(String method, String uri, Map<String, List<String>> headers, String body) {}

    /** A TLS client's (or server's) context and the trust manager it was made with. */
    record Tls(SSLContext context, X509TrustManager trust) {}

    HttpServer receiver;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final Deque<Integer> answers = new ArrayDeque<>();

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            Integer status;
            synchronized (answers) {
                status = answers.poll();
            }
            if (status != null && status >= 300 && status < 400) {
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + port() + "/elsewhere");
            }
            if (status != null && status == 503) {
                // What OkHttp would take as "send it again now", were the request not sent once only.
                exchange.getResponseHeaders().add("Retry-After", "0");
            }
            exchange.sendResponseHeaders(status == null ? 204 : status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private int port() {
        return receiver.getAddress().getPort();
    }

    /** A sender whose names resolve through {@code resolver}; the receiver's port allowed. */
    private WebhookSender sender(boolean allowPrivate, DestinationPolicy.Resolver resolver) {
        return sender(new DestinationPolicy(allowPrivate, Set.of(port()), resolver), Duration.ofSeconds(5));
    }

    private static WebhookSender sender(DestinationPolicy policy, Duration timeout) {
        return new WebhookSender(policy, CLOCK, SYSTEM_TLS.context().getSocketFactory(), SYSTEM_TLS.trust(), timeout);
    }

    /**
     * A lookup that hangs, as the JDK's may (it has no timeout): it counts {@code began} down, waits for {@code ends}
     * (or an interrupt), then finds nothing.
     */
    private static DestinationPolicy.Resolver hangingLookup(CountDownLatch began, CountDownLatch ends) {
        return name -> {
            began.countDown();
            try {
                ends.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UnknownHostException(name);
        };
    }

    private static DestinationPolicy.Resolver table(String host, String... addresses) {
        return name -> {
            if (!name.equals(host)) {
                throw new UnknownHostException(name);
            }
            InetAddress[] out = new InetAddress[addresses.length];
            for (int i = 0; i < addresses.length; i++) {
                out[i] = InetAddress.getByName(addresses[i]); // literals: nothing is looked up
            }
            return out;
        };
    }

    @Test
    void the_signature_matches_the_standard_webhooks_test_vector() {
        // From the Standard Webhooks specification's reference libraries; checked with openssl as well.
        assertThat(WebhookSender.signature(SECRET, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void a_raw_secret_signs_with_its_utf8_bytes_and_a_bad_one_is_refused_without_quoting_it() throws Exception {
        String expected = "v1," + hmac("plain secret".getBytes(StandardCharsets.UTF_8), "id-1.42.{}");
        assertThat(WebhookSender.signature("plain secret", "id-1", 42, "{}")).isEqualTo(expected);
        assertThat(WebhookSender.key(SECRET)).isEqualTo(Base64.getDecoder().decode(SECRET.substring(6)));
        assertThatThrownBy(() -> WebhookSender.signature("whsec_***secret***", "i", 1, "{}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not base64")
                .hasMessageNotContaining("***secret***");
        assertThatThrownBy(() -> WebhookSender.signature(" ", "i", 1, "{}")).hasMessageContaining("secret is required");
        assertThatThrownBy(() -> WebhookSender.key("whsec_")).hasMessageContaining("no key bytes");
    }

    @Test
    void one_attempt_carries_the_body_the_host_and_a_signature_the_receiver_can_check() throws Exception {
        String body = "{\"output\":{\"task_id\":\"t1\",\"task_status\":\"Success\"},\"request_id\":\"r\"}";
        AtomicInteger lookups = new AtomicInteger();
        DestinationPolicy.Resolver hooks = table("hooks.example", "127.0.0.1");

        WebhookSender.Attempt attempt = sender(true, name -> {
            lookups.incrementAndGet();
            return hooks.resolve(name);
        }).attempt("http://hooks.example:" + port() + "/hook/a?b=c#fragment", "msg_t1_Success", body, SECRET);

        assertThat(attempt).isEqualTo(new WebhookSender.Attempt(true, 204, null, false));
        assertThat(lookups).hasValue(1);
        assertThat(received).hasSize(1);
        Received got = received.get(0);
        assertThat(got.method()).isEqualTo("POST");
        assertThat(got.uri()).isEqualTo("/hook/a?b=c");
        assertThat(got.body()).isEqualTo(body);
        assertThat(first(got, "Host")).as("the name, not the address connected to").isEqualTo("hooks.example:" + port());
        assertThat(first(got, "Content-Type")).isEqualTo("application/json");
        assertThat(first(got, "User-Agent")).isEqualTo("vidu-gateway-webhooks/2");
        assertThat(first(got, "Webhook-id")).isEqualTo("msg_t1_Success");
        assertThat(first(got, "Webhook-timestamp")).isEqualTo(Long.toString(T0.getEpochSecond()));
        // Verified as the README tells a receiver: HMAC-SHA256 under the base64-decoded part after whsec_.
        byte[] key = Base64.getDecoder().decode(SECRET.substring("whsec_".length()));
        assertThat(first(got, "Webhook-signature"))
                .isEqualTo("v1," + hmac(key, "msg_t1_Success." + T0.getEpochSecond() + "." + body));
    }

    @Test
    void the_connection_goes_to_the_address_that_was_checked_not_to_a_second_answer() throws Exception {
        // A rebinding name: its first answer is the receiver (127.0.0.1), every later one an address where nothing
        // listens (127.0.0.2). Resolved once and pinned, the delivery reaches the first answer.
        AtomicInteger lookups = new AtomicInteger();
        DestinationPolicy.Resolver rebinding = name -> new InetAddress[] {
                InetAddress.getByName(lookups.getAndIncrement() == 0 ? "127.0.0.1" : "127.0.0.2")};

        WebhookSender.Attempt attempt = sender(true, rebinding)
                .attempt("http://rebind.example:" + port() + "/hook", "msg", "{}", SECRET);

        assertThat(attempt.delivered()).as(String.valueOf(attempt)).isTrue();
        assertThat(lookups).hasValue(1);
        assertThat(received).hasSize(1);
    }

    @Test
    void the_next_checked_address_is_tried_when_one_refuses_the_connection() throws Exception {
        // Nothing listens on [::1] at the receiver's port (it listens on 127.0.0.1 only): refused, or unreachable where
        // the machine has no IPv6. Nothing was sent there, so the next address of the same lookup gets the request.
        AtomicInteger lookups = new AtomicInteger();
        DestinationPolicy.Resolver twoAddresses = table("hooks.example", "::1", "127.0.0.1");

        WebhookSender.Attempt attempt = sender(true, name -> {
            lookups.incrementAndGet();
            return twoAddresses.resolve(name);
        }).attempt("http://hooks.example:" + port() + "/hook", "m", "{}", SECRET);

        assertThat(attempt.delivered()).as(String.valueOf(attempt)).isTrue();
        assertThat(lookups).hasValue(1);
        assertThat(received).hasSize(1);
    }

    @Test
    void a_name_with_any_internal_address_is_refused_before_any_connection() throws Exception {
        try (ServerSocket trap = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            trap.setSoTimeout(300);
            int trapPort = trap.getLocalPort();
            Map<List<String>, String> kinds = Map.of(
                    List.of("10.0.0.1"), "private",
                    List.of("169.254.169.254"), "link-local",
                    List.of("93.184.215.14", "10.0.0.5"), "private",
                    List.of("127.0.0.1"), "loopback",
                    List.of("::1"), "loopback");
            for (Map.Entry<List<String>, String> answer : kinds.entrySet()) {
                List<String> addresses = answer.getKey();
                WebhookSender sender = sender(new DestinationPolicy(false, Set.of(trapPort),
                        table("hooks.example", addresses.toArray(String[]::new))), Duration.ofSeconds(5));

                WebhookSender.Attempt attempt = sender.attempt("http://hooks.example:" + trapPort + "/hook?t=s3cr3t",
                        "msg", "{}", SECRET);

                String internal = InetAddress.getByName(addresses.get(addresses.size() - 1)).getHostAddress();
                assertThat(attempt.delivered()).isFalse();
                assertThat(attempt.retryable()).as("a refused URL is not retried").isFalse();
                assertThat(attempt.httpStatus()).isZero();
                assertThat(attempt.problem()).contains("'hooks.example' resolves to " + internal)
                        .contains("a " + answer.getValue() + " address").contains("VIDU_WEBHOOK_ALLOW_PRIVATE")
                        .doesNotContain("s3cr3t").doesNotContain("/hook");
                assertThatThrownBy(trap::accept).as("no connection was made").isInstanceOf(SocketTimeoutException.class);
            }
        }
    }

    @Test
    void an_internal_address_written_in_the_url_is_refused_before_any_connection() throws Exception {
        // OkHttp connects to an IP address without asking its Dns: the sender checks it before the call. The trap
        // listens at 127.0.0.1 on the URL's port, so a connection that was made would show.
        AtomicInteger lookups = new AtomicInteger();
        try (ServerSocket trap = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            trap.setSoTimeout(300);
            int trapPort = trap.getLocalPort();
            WebhookSender sender = sender(new DestinationPolicy(false, Set.of(trapPort), name -> {
                lookups.incrementAndGet();
                throw new UnknownHostException(name);
            }), Duration.ofSeconds(5));
            for (String url : List.of("http://127.0.0.1:" + trapPort + "/hook", "http://[::1]:" + trapPort + "/hook",
                    "http://10.1.2.3:" + trapPort + "/hook", "https://169.254.169.254:" + trapPort + "/latest")) {

                WebhookSender.Attempt attempt = sender.attempt(url, "msg", "{}", SECRET);

                assertThat(attempt.delivered()).isFalse();
                assertThat(attempt.retryable()).as(url).isFalse();
                assertThat(attempt.problem()).as(url).containsPattern("is a (loopback|private|link-local) address")
                        .contains("VIDU_WEBHOOK_ALLOW_PRIVATE").doesNotContain("/hook").doesNotContain("/latest");
                assertThatThrownBy(trap::accept).as("no connection was made").isInstanceOf(SocketTimeoutException.class);
            }
        }
        assertThat(lookups).as("addresses are not looked up").hasValue(0);
    }

    @Test
    void only_ports_80_and_443_unless_configuration_allows_more() throws Exception {
        WebhookSender standard = sender(new DestinationPolicy(true, Set.of(), table("hooks.example", "127.0.0.1")),
                Duration.ofSeconds(5));

        WebhookSender.Attempt refused = standard.attempt("http://hooks.example:" + port() + "/hook", "m", "{}", SECRET);
        WebhookSender.Attempt allowed = sender(true, table("hooks.example", "127.0.0.1"))
                .attempt("http://hooks.example:" + port() + "/hook", "m", "{}", SECRET);
        WebhookSender.Attempt otherPort = sender(true, table("hooks.example", "127.0.0.1"))
                .attempt("https://93.184.215.14:8443/x", "m", "{}", SECRET);

        assertThat(refused.delivered()).isFalse();
        assertThat(refused.retryable()).isFalse();
        assertThat(refused.problem()).contains("port " + port()).contains("port 80 or 443 only")
                .contains("VIDU_WEBHOOK_ALLOWED_PORTS");
        assertThat(allowed.delivered()).isTrue();
        assertThat(received).hasSize(1);
        assertThat(otherPort.retryable()).isFalse();
        assertThat(otherPort.problem()).contains("port 8443").contains("port 80, 443 or " + port() + " only");
    }

    @Test
    void urls_the_rules_refuse_are_not_retried_and_not_quoted() throws Exception {
        WebhookSender sender = sender(true, table("hooks.example", "127.0.0.1"));
        String tooLong = "https://hooks.example/" + "t0ken".repeat(500);
        Map<String, String> refusals = Map.of(
                "", "is empty",
                "ftp://hooks.example/t0ken", "must be an http or https URL, not 'ftp:'",
                "/hook/t0ken", "must be an http or https URL, not one without a scheme",
                "http://under_score.example/t0ken", "has no valid host name",
                "http://hooks.example/t0ken path", "is not a valid URL (Illegal character in path)",
                tooLong, "is " + tooLong.length() + " characters long; at most 2048 are allowed");
        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            WebhookSender.Attempt attempt = sender.attempt(refusal.getKey(), "m", "{}", SECRET);

            assertThat(attempt).as(refusal.getKey()).isEqualTo(new WebhookSender.Attempt(false, 0,
                    "callback_url " + refusal.getValue() + ": not retried", false));
        }
        assertThat(received).isEmpty();
    }

    @Test
    void redirects_are_not_followed() throws Exception {
        answers.add(302);

        WebhookSender.Attempt attempt = sender(true, table("hooks.example", "127.0.0.1"))
                .attempt("http://hooks.example:" + port() + "/hook", "m", "{}", SECRET);

        assertThat(attempt.delivered()).isFalse();
        assertThat(attempt.httpStatus()).isEqualTo(302);
        assertThat(attempt.retryable()).isTrue();
        assertThat(attempt.problem()).contains("redirects are not followed");
        assertThat(received).extracting(Received::uri).containsExactly("/hook");
    }

    @Test
    void which_answers_are_retried_and_none_makes_the_request_go_again() throws Exception {
        WebhookSender sender = sender(true, table("hooks.example", "127.0.0.1"));
        String url = "http://hooks.example:" + port() + "/hook";
        // 407, 408 and "503, Retry-After: 0" are answers OkHttp acts on by itself: it must not send the request again.
        int[] statuses = {500, 503, 429, 400, 401, 404, 407, 408, 410, 200};
        for (int status : statuses) {
            answers.add(status);
        }
        List<WebhookSender.Attempt> attempts = new ArrayList<>();
        for (int i = 0; i < statuses.length; i++) {
            attempts.add(sender.attempt(url, "m", "{}", SECRET));
        }

        assertThat(attempts).extracting(WebhookSender.Attempt::httpStatus)
                .containsExactly(500, 503, 429, 400, 401, 404, 407, 408, 410, 200);
        assertThat(attempts).extracting(WebhookSender.Attempt::retryable)
                .containsExactly(true, true, true, true, true, true, true, true, false, false);
        assertThat(attempts).extracting(WebhookSender.Attempt::delivered)
                .containsExactly(false, false, false, false, false, false, false, false, false, true);
        assertThat(attempts.get(8).problem()).contains("410").contains("Gone");
        assertThat(received).as("one request per attempt").hasSize(statuses.length);
    }

    @Test
    void a_request_the_receiver_may_have_got_is_not_sent_again() throws Exception {
        // A receiver that reads the request and hangs up without an answer; the name has two addresses, both of it, so
        // there would be somewhere to send it again.
        try (RawReceiver hangsUp = new RawReceiver(out -> { })) {
            WebhookSender sender = sender(new DestinationPolicy(true, Set.of(hangsUp.port()),
                    table("hooks.example", "127.0.0.1", "127.0.0.1")), Duration.ofSeconds(5));

            WebhookSender.Attempt attempt = sender.attempt("http://hooks.example:" + hangsUp.port() + "/t0ken?sig=s3cr3t",
                    "m", "{\"body\":1}", SECRET);

            assertThat(attempt.delivered()).isFalse();
            assertThat(attempt.retryable()).isTrue();
            assertThat(attempt.httpStatus()).isZero();
            assertThat(attempt.problem()).isEqualTo("no answer from hooks.example:" + hangsUp.port()
                    + ": the receiver closed the connection before its answer was complete");
            assertThat(hangsUp.requests()).hasSize(1);
            assertThat(hangsUp.requests().get(0)).startsWith("POST /t0ken?sig=s3cr3t HTTP/1.1\r\n")
                    .endsWith("\r\n\r\n{\"body\":1}");
        }
    }

    @Test
    void a_garbage_answer_is_a_retryable_no_answer() throws Exception {
        try (RawReceiver ssh = new RawReceiver(out -> out.write("SSH-2.0-OpenSSH_9.6\r\n\u0000\u0007"
                .getBytes(StandardCharsets.ISO_8859_1)))) {
            WebhookSender sender = sender(new DestinationPolicy(true, Set.of(ssh.port()),
                    table("hooks.example", "127.0.0.1")), Duration.ofSeconds(5));

            WebhookSender.Attempt attempt = sender.attempt("http://hooks.example:" + ssh.port() + "/t0ken", "m", "{}",
                    SECRET);

            assertThat(attempt.delivered()).isFalse();
            assertThat(attempt.retryable()).isTrue();
            assertThat(attempt.httpStatus()).isZero();
            assertThat(attempt.problem()).startsWith("no answer from hooks.example:" + ssh.port()
                    + ": its answer is not HTTP/1.x (").contains("SSH-2.0").doesNotContain("t0ken");
            assertThat(attempt.problem().chars()).allMatch(c -> c >= 0x20 && c != 0x7f);
            assertThat(ssh.requests()).hasSize(1);
        }
    }

    @Test
    void no_answer_is_retryable_and_an_attempt_ends_within_its_time() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        WebhookSender.Attempt refused = sender(new DestinationPolicy(true, Set.of(closedPort),
                table("hooks.example", "127.0.0.1")), Duration.ofSeconds(5))
                .attempt("http://hooks.example:" + closedPort + "/hook", "m", "{}", SECRET);

        assertThat(refused.delivered()).isFalse();
        assertThat(refused.retryable()).isTrue();
        assertThat(refused.httpStatus()).isZero();
        assertThat(refused.problem())
                .isEqualTo("no connection to hooks.example:" + closedPort + ": connection refused or unreachable");

        // A receiver that takes the connection and never answers (it trickles nothing at all).
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    accepted.add(silent.accept());
                } catch (IOException ignored) {
                    // closed at the end of the test
                }
            });
            acceptor.start();
            WebhookSender quick = sender(new DestinationPolicy(true, Set.of(silent.getLocalPort()),
                    table("hooks.example", "127.0.0.1")), Duration.ofMillis(800));
            long start = System.nanoTime();

            WebhookSender.Attempt silence = quick.attempt("http://hooks.example:" + silent.getLocalPort()
                    + "/h?token=s3cr3t", "m", "{}", SECRET);

            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(silence.delivered()).isFalse();
            assertThat(silence.retryable()).isTrue();
            assertThat(silence.problem()).isEqualTo("no answer from hooks.example:" + silent.getLocalPort()
                    + ": no answer within 0.8 s");
            assertThat(took).isBetween(700L, 3_000L);
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    @Timeout(30)
    void a_lookup_that_does_not_answer_ends_the_attempt_within_its_time_and_nothing_is_sent() throws Exception {
        // The JDK's lookup has no timeout: one that hangs must not hold the attempt past its time (nor the event past
        // its lease in the outbox, when another attempt at it would begin).
        CountDownLatch lookupEnds = new CountDownLatch(1);
        DestinationPolicy.Resolver hanging = hangingLookup(new CountDownLatch(1), lookupEnds);
        WebhookSender quick = sender(new DestinationPolicy(true, Set.of(port()), hanging), Duration.ofMillis(300));
        try {
            long start = System.nanoTime();

            WebhookSender.Attempt attempt = quick.attempt("http://hooks.example:" + port() + "/h", "m", "{}", SECRET);

            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(attempt).isEqualTo(new WebhookSender.Attempt(false, 0,
                    "the callback_url's host was not looked up within 0.3 s", true));
            assertThat(took).isBetween(250L, 3_000L);
            assertThat(received).isEmpty();
        } finally {
            lookupEnds.countDown();
        }
    }

    @Test
    void an_interrupted_thread_makes_no_attempt() {
        WebhookSender sender = sender(true, table("hooks.example", "127.0.0.1"));
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> sender.attempt("http://hooks.example:" + port() + "/h", "m", "{}", SECRET))
                .isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).as("the interruption is taken by the exception").isFalse();
        assertThat(received).isEmpty();
    }

    @Test
    @Timeout(30)
    void an_interrupt_while_the_host_is_looked_up_ends_the_attempt() throws Exception {
        CountDownLatch lookupBegan = new CountDownLatch(1);
        CountDownLatch lookupEnds = new CountDownLatch(1);
        DestinationPolicy.Resolver hanging = hangingLookup(lookupBegan, lookupEnds);
        WebhookSender sender = sender(new DestinationPolicy(true, Set.of(port()), hanging), Duration.ofSeconds(20));
        List<Object> outcome = new CopyOnWriteArrayList<>();
        Thread worker = new Thread(() -> {
            try {
                outcome.add(sender.attempt("http://hooks.example:" + port() + "/h", "m", "{}", SECRET));
            } catch (InterruptedException e) {
                outcome.add(e);
            }
        });
        try {
            worker.start();
            assertThat(lookupBegan.await(10, TimeUnit.SECONDS)).isTrue();
            long start = System.nanoTime();

            worker.interrupt();
            worker.join(10_000);

            assertThat(worker.isAlive()).isFalse();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("not the attempt's 20 s")
                    .isLessThan(10_000L);
            assertThat(outcome).singleElement().isInstanceOf(InterruptedException.class);
            assertThat(received).isEmpty();
        } finally {
            lookupEnds.countDown();
        }
    }

    @Test
    void a_host_that_does_not_resolve_now_is_retried() throws Exception {
        WebhookSender.Attempt attempt = sender(false, table("hooks.example", "93.184.215.14"))
                .attempt("https://gone.example/hook", "m", "{}", SECRET);

        assertThat(attempt).isEqualTo(new WebhookSender.Attempt(false, 0,
                "callback_url host 'gone.example' does not resolve to an address", true));
    }

    @Test
    void the_attempt_timeout_is_ten_seconds() {
        assertThat(WebhookSender.ATTEMPT_TIMEOUT).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void https_sends_the_name_as_sni_and_checks_the_certificate_against_the_name(@TempDir Path dir) throws Exception {
        Tls server = tls(dir, "hooks.example");
        List<String> serverNames = new CopyOnWriteArrayList<>();
        List<String> hosts = new CopyOnWriteArrayList<>();
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(server.context()) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = server.context().getDefaultSSLParameters();
                parameters.setSNIMatchers(List.of(new SNIMatcher(0) {
                    @Override
                    public boolean matches(SNIServerName name) {
                        serverNames.add(new String(name.getEncoded(), StandardCharsets.US_ASCII));
                        return true;
                    }
                }));
                params.setSSLParameters(parameters);
            }
        });
        https.createContext("/", exchange -> {
            hosts.add(exchange.getRequestHeaders().getFirst("Host"));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        https.start();
        try {
            int port = https.getAddress().getPort();
            // The client trusts the test certificate only (made for hooks.example), as a real one trusts public CAs.
            WebhookSender sender = new WebhookSender(new DestinationPolicy(true, Set.of(port), name -> new InetAddress[] {
                    InetAddress.getByName("127.0.0.1")}), CLOCK, server.context().getSocketFactory(), server.trust(),
                    Duration.ofSeconds(5));

            WebhookSender.Attempt delivered = sender.attempt("https://hooks.example:" + port + "/hook", "m", "{}", SECRET);
            WebhookSender.Attempt otherName = sender.attempt("https://other.example:" + port + "/hook", "m", "{}", SECRET);

            assertThat(delivered.delivered()).as(String.valueOf(delivered)).isTrue();
            assertThat(serverNames).first().isEqualTo("hooks.example");
            assertThat(hosts).containsExactly("hooks.example:" + port);
            // The same address and certificate under another name: the certificate does not name it, so no request.
            assertThat(otherName.delivered()).isFalse();
            assertThat(otherName.retryable()).isTrue();
            assertThat(otherName.problem()).startsWith("no connection to other.example:" + port + ": TLS failed (");
            assertThat(hosts).hasSize(1);
        } finally {
            https.stop(0);
        }
    }

    /**
     * A receiver on loopback that speaks raw TCP: it reads each request whole (head and Content-Length body), keeps
     * it, lets {@code answer} write what it likes, and hangs up.
     */
    static final class RawReceiver implements AutoCloseable {

        interface Answer {
            void write(OutputStream out) throws IOException;
        }

        private final ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        private final List<String> requests = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        RawReceiver(Answer answer) throws IOException {
            acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket socket = server.accept()) {
                        requests.add(readRequest(socket.getInputStream()));
                        OutputStream out = socket.getOutputStream();
                        answer.write(out);
                        out.flush();
                    } catch (IOException ignored) {
                        // closed at the end of the test, or the client went away
                    }
                }
            }, "raw-receiver");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        /** The requests read, each kept before its connection was closed. */
        List<String> requests() {
            return requests;
        }

        @Override
        public void close() throws IOException {
            server.close();
            try {
                acceptor.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static String readRequest(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("the request ended in its head");
                }
                head.write(b);
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            int length = 0;
            for (String line : text.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring("content-length:".length()).strip());
                }
            }
            return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }
    }

    /** A key pair and self-signed certificate for {@code name}, made by the JDK's keytool, and a context trusting it. */
    static Tls tls(Path dir, String name) throws Exception {
        Path store = dir.resolve("tls.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "hook", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", "SAN=dns:" + name, "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String output;
        try (InputStream in = keytool.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(keytool.waitFor()).as(output).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "changeit".toCharArray());
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("hook", keys.getCertificate("hook"));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        X509TrustManager x509 = x509(trust.getTrustManagers());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), new TrustManager[] {x509}, null);
        return new Tls(context, x509);
    }

    /** The JVM's own trust, for tests that speak plain HTTP. */
    private static Tls systemTls() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init((KeyStore) null);
            X509TrustManager x509 = x509(trust.getTrustManagers());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {x509}, null);
            return new Tls(context, x509);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509TrustManager x509(TrustManager[] managers) {
        for (TrustManager manager : managers) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("no X.509 trust manager");
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
    static String hmac(byte[] key, String content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }
}
