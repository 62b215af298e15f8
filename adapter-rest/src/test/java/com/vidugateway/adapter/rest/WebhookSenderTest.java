package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
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
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One attempt of a webhook, against receivers on loopback. No test reaches any other address: names resolve through
 * a table (the resolver is the sender's only view of DNS), and a refused address is refused before any connection.
 */
class WebhookSenderTest {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");
    static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    record Received(String method, String uri, Map<String, List<String>> headers, String body) {}

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
    private WebhookSender sender(boolean allowPrivate, CallbackUrls.Resolver resolver) throws Exception {
        return new WebhookSender(new CallbackUrls(allowPrivate, Set.of(port()), resolver), CLOCK,
                SSLContext.getDefault().getSocketFactory(), Duration.ofSeconds(5));
    }

    private static CallbackUrls.Resolver table(String host, String... addresses) {
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
        assertThatThrownBy(() -> WebhookSender.signature("whsec_***secret***", "i", 1, "{}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not base64")
                .hasMessageNotContaining("***secret***");
        assertThatThrownBy(() -> WebhookSender.signature(" ", "i", 1, "{}")).hasMessageContaining("secret is required");
    }

    @Test
    void one_attempt_carries_the_body_the_host_and_a_signature_the_receiver_can_check() throws Exception {
        String body = "{\"output\":{\"task_id\":\"t1\",\"task_status\":\"Success\"},\"request_id\":\"r\"}";
        AtomicInteger lookups = new AtomicInteger();
        CallbackUrls.Resolver hooks = table("hooks.example", "127.0.0.1");

        WebhookSender.Attempt attempt = sender(true, name -> {
            lookups.incrementAndGet();
            return hooks.resolve(name);
        }).attempt("http://hooks.example:" + port() + "/hook/a?b=c#fragment", "msg_t1_Success", body, SECRET);

        assertThat(attempt).isEqualTo(new WebhookSender.Attempt(true, 204, null, false));
        assertThat(lookups).hasValue(1);
        Received got = received.get(0);
        assertThat(got.method()).isEqualTo("POST");
        assertThat(got.uri()).isEqualTo("/hook/a?b=c");
        assertThat(got.body()).isEqualTo(body);
        assertThat(first(got, "Host")).as("the name, not the address connected to").isEqualTo("hooks.example:" + port());
        assertThat(first(got, "Content-Type")).isEqualTo("application/json");
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
        CallbackUrls.Resolver rebinding = name -> new InetAddress[] {
                InetAddress.getByName(lookups.getAndIncrement() == 0 ? "127.0.0.1" : "127.0.0.2")};

        WebhookSender.Attempt attempt = sender(true, rebinding)
                .attempt("http://rebind.example:" + port() + "/hook", "msg", "{}", SECRET);

        assertThat(attempt.delivered()).as(String.valueOf(attempt)).isTrue();
        assertThat(lookups).hasValue(1);
        assertThat(received).hasSize(1);
    }

    @Test
    void a_name_with_any_internal_address_is_refused_before_any_connection() throws Exception {
        try (ServerSocket trap = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            trap.setSoTimeout(300);
            int trapPort = trap.getLocalPort();
            for (String[] answer : List.of(new String[] {"10.0.0.1"}, new String[] {"169.254.169.254"},
                    new String[] {"93.184.215.14", "10.0.0.5"}, new String[] {"127.0.0.1"}, new String[] {"::1"})) {
                WebhookSender sender = new WebhookSender(new CallbackUrls(false, Set.of(trapPort),
                        table("hooks.example", answer)), CLOCK, SSLContext.getDefault().getSocketFactory(),
                        Duration.ofSeconds(5));

                WebhookSender.Attempt attempt = sender.attempt("http://hooks.example:" + trapPort + "/hook", "msg", "{}",
                        SECRET);

                assertThat(attempt.delivered()).isFalse();
                assertThat(attempt.retryable()).as("a refused URL is not retried").isFalse();
                assertThat(attempt.httpStatus()).isZero();
                assertThat(attempt.problem()).contains("private address")
                        .contains(InetAddress.getByName(answer[answer.length - 1]).getHostAddress());
                assertThatThrownBy(trap::accept).as("no connection was made").isInstanceOf(java.net.SocketTimeoutException.class);
            }
        }
    }

    @Test
    void only_ports_80_and_443_unless_configuration_allows_more() throws Exception {
        WebhookSender standard = new WebhookSender(new CallbackUrls(true, Set.of(), table("hooks.example", "127.0.0.1")),
                CLOCK, SSLContext.getDefault().getSocketFactory(), Duration.ofSeconds(5));

        WebhookSender.Attempt refused = standard.attempt("http://hooks.example:" + port() + "/hook", "m", "{}", SECRET);
        WebhookSender.Attempt allowed = sender(true, table("hooks.example", "127.0.0.1"))
                .attempt("http://hooks.example:" + port() + "/hook", "m", "{}", SECRET);

        assertThat(refused.delivered()).isFalse();
        assertThat(refused.retryable()).isFalse();
        assertThat(refused.problem()).contains("port " + port()).contains("80 or 443")
                .contains("VIDU_WEBHOOK_ALLOWED_PORTS");
        assertThat(allowed.delivered()).isTrue();
        assertThat(received).hasSize(1);
        assertThat(new CallbackUrls(false).check("https://93.184.215.14/x")).isEmpty();
        assertThat(new CallbackUrls(false).check("http://93.184.215.14:443/x")).isEmpty();
        assertThat(new CallbackUrls(false).check("https://93.184.215.14:8443/x")).isPresent();
        assertThat(new CallbackUrls(false, Set.of(8443), InetAddress::getAllByName).check("https://93.184.215.14:8443/x"))
                .isEmpty();
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
    void which_answers_are_retried() throws Exception {
        WebhookSender sender = sender(true, table("hooks.example", "127.0.0.1"));
        String url = "http://hooks.example:" + port() + "/hook";
        for (int status : new int[] {500, 503, 429, 400, 401, 404, 410, 200}) {
            answers.add(status);
        }
        List<WebhookSender.Attempt> attempts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            attempts.add(sender.attempt(url, "m", "{}", SECRET));
        }

        assertThat(attempts).extracting(WebhookSender.Attempt::httpStatus)
                .containsExactly(500, 503, 429, 400, 401, 404, 410, 200);
        assertThat(attempts).extracting(WebhookSender.Attempt::retryable)
                .containsExactly(true, true, true, true, true, true, false, false);
        assertThat(attempts).extracting(WebhookSender.Attempt::delivered)
                .containsExactly(false, false, false, false, false, false, false, true);
        assertThat(attempts.get(6).problem()).contains("410").contains("Gone");
    }

    @Test
    void no_answer_is_retryable_and_an_attempt_ends_within_its_time() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        WebhookSender.Attempt refused = new WebhookSender(new CallbackUrls(true, Set.of(closedPort),
                table("hooks.example", "127.0.0.1")), CLOCK, SSLContext.getDefault().getSocketFactory(),
                Duration.ofSeconds(5)).attempt("http://hooks.example:" + closedPort + "/hook", "m", "{}", SECRET);

        assertThat(refused.delivered()).isFalse();
        assertThat(refused.retryable()).isTrue();
        assertThat(refused.httpStatus()).isZero();
        assertThat(refused.problem()).startsWith("no connection to hooks.example:" + closedPort);

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
            WebhookSender quick = new WebhookSender(new CallbackUrls(true, Set.of(silent.getLocalPort()),
                    table("hooks.example", "127.0.0.1")), CLOCK, SSLContext.getDefault().getSocketFactory(),
                    Duration.ofMillis(800));
            long start = System.nanoTime();

            WebhookSender.Attempt silence = quick.attempt("http://hooks.example:" + silent.getLocalPort() + "/h", "m",
                    "{}", SECRET);

            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(silence.delivered()).isFalse();
            assertThat(silence.retryable()).isTrue();
            assertThat(silence.problem()).contains("no answer within 0.8 s");
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
        CallbackUrls.Resolver hanging = name -> {
            try {
                lookupEnds.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UnknownHostException(name);
        };
        WebhookSender quick = new WebhookSender(new CallbackUrls(true, Set.of(port()), hanging), CLOCK,
                SSLContext.getDefault().getSocketFactory(), Duration.ofMillis(300));
        try {
            WebhookSender.Attempt attempt = quick.attempt("http://hooks.example:" + port() + "/h", "m", "{}", SECRET);

            assertThat(attempt.delivered()).isFalse();
            assertThat(attempt.retryable()).isTrue();
            assertThat(attempt.problem()).contains("not looked up within 0.3 s");
            assertThat(received).isEmpty();
        } finally {
            lookupEnds.countDown();
        }
    }

    @Test
    void the_attempt_timeout_is_ten_seconds() {
        assertThat(WebhookSender.ATTEMPT_TIMEOUT).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void https_sends_the_name_as_sni_and_checks_the_certificate_against_the_name(@TempDir Path dir) throws Exception {
        SSLContext server = tls(dir, "hooks.example");
        List<String> serverNames = new CopyOnWriteArrayList<>();
        List<String> hosts = new CopyOnWriteArrayList<>();
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(server) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = server.getDefaultSSLParameters();
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
            WebhookSender sender = new WebhookSender(new CallbackUrls(true, Set.of(port), name -> new InetAddress[] {
                    InetAddress.getByName("127.0.0.1")}), CLOCK, server.getSocketFactory(), Duration.ofSeconds(5));

            WebhookSender.Attempt delivered = sender.attempt("https://hooks.example:" + port + "/hook", "m", "{}", SECRET);
            WebhookSender.Attempt otherName = sender.attempt("https://other.example:" + port + "/hook", "m", "{}", SECRET);

            assertThat(delivered.delivered()).as(String.valueOf(delivered)).isTrue();
            assertThat(serverNames).first().isEqualTo("hooks.example");
            assertThat(hosts).containsExactly("hooks.example:" + port);
            // The same address and certificate under another name: the certificate does not name it, so no request.
            assertThat(otherName.delivered()).isFalse();
            assertThat(otherName.retryable()).isTrue();
            assertThat(otherName.problem()).contains("TLS failed");
            assertThat(hosts).hasSize(1);
        } finally {
            https.stop(0);
        }
    }

    /** A key pair and self-signed certificate for {@code name}, made by the JDK's keytool. */
    static SSLContext tls(Path dir, String name) throws Exception {
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
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
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
