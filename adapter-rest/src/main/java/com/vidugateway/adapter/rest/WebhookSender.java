package com.vidugateway.adapter.rest;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Makes one delivery attempt of a webhook: POSTs a JSON body to a client's callback URL, signed per Standard Webhooks
 * (https://www.standardwebhooks.com): headers {@code webhook-id}, {@code webhook-timestamp} (Unix seconds) and
 * {@code webhook-signature} = {@code v1,} + base64(HMAC-SHA256(key, id + "." + timestamp + "." + body)), where the
 * key is the base64-decoded part of the client's {@code whsec_…} secret ({@link WebhookSecrets}). Retries are the
 * caller's: it keeps them in the outbox, so they survive a restart.
 *
 * <p><b>The address checked is the address connected to.</b> The URL's host is resolved once ({@link CallbackUrls#resolve}),
 * every address it has is checked (no loopback, link-local, private, multicast or unspecified address unless
 * {@code VIDU_WEBHOOK_ALLOW_PRIVATE}), and the socket is opened to one of those very addresses — the name is never
 * looked up again, so a DNS answer that changes in between (DNS rebinding) cannot send the request elsewhere. The
 * request still names the original host: the {@code Host} header carries it, and for {@code https} the TLS handshake
 * sends it as the server name (SNI) and checks the certificate against it (endpoint identification "HTTPS"). This is
 * why the sender speaks HTTP/1.1 over its own {@link Socket}: the JDK's {@code HttpClient} resolves the name itself
 * and offers no way to give it the address.
 *
 * <p>Only ports 80 and 443 unless configuration allows more ({@code VIDU_WEBHOOK_ALLOWED_PORTS}); redirects are
 * never followed (a 3xx is a failed attempt); an attempt takes at most {@link #ATTEMPT_TIMEOUT} from looking the host
 * up to the status line, whatever the resolver and the receiver do (the JDK's lookup has no timeout of its own, so it
 * is waited for on a thread of its own; a watchdog closes the socket). That bound is what lets the outbox's lease
 * outlast every attempt, so that no second attempt at the same event starts while one is on its way. Only the status
 * line of the answer is read. Blocking: call it from a worker thread.
 */
public final class WebhookSender {

    /** How long one attempt may take: connect, TLS, send, and the status line of the answer. */
    public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);
    /** The longest status line read; a receiver that sends more without a line break is not speaking HTTP. */
    private static final int MAX_LINE = 8 * 1024;
    /** Header lines skipped after an interim (1xx) answer, at most. */
    private static final int MAX_INTERIM_HEADERS = 100;

    /** Closes the sockets of attempts that run past their time (one daemon thread for every sender). */
    private static final ScheduledExecutorService WATCHDOG = watchdog();
    /** Looks callback hosts up, so that an attempt waits for an answer only as long as it has left. */
    private static final ExecutorService LOOKUPS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "vidu-webhook-lookups");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * What one attempt came to.
     *
     * <p>Retryable (another attempt later may succeed): no answer (the connection was refused, reset or timed out,
     * the TLS handshake failed — the receiver may be restarting, or fixing its certificate), a 5xx (the receiver's
     * own trouble), 429 (it asks to slow down), a 3xx (redirects are not followed, but the receiver's operator can
     * move the URL back), any other 4xx (a receiver that answers 401/403/404 is most often mid-deploy or checking
     * with a rotated secret, and the retry time is bounded anyway), and a host that does not resolve now.
     *
     * <p>Not retryable: 410 Gone (the receiver says this URL is gone for good, as Standard Webhooks specifies), and a
     * URL the gateway refuses by its rules (scheme, port, an internal address): the same rules refuse it next time.
     *
     * @param delivered  a 2xx answer came
     * @param httpStatus the receiver's status; 0 when no answer came
     * @param problem    why it was not delivered, in words for the task's owner (no secret, no request body); null
     *                   when delivered
     * @param retryable  whether another attempt may succeed; false when delivered
     */
    public record Attempt(boolean delivered, int httpStatus, String problem, boolean retryable) {

        static Attempt ok(int status) {
            return new Attempt(true, status, null, false);
        }

        static Attempt answered(int status) {
            String problem = "the receiver answered HTTP " + status;
            if (status == 410) {
                return new Attempt(false, status, problem + " (Gone): not retried", false);
            }
            if (status >= 300 && status < 400) {
                return new Attempt(false, status, problem + " (a redirect; redirects are not followed)", true);
            }
            return new Attempt(false, status, problem, true);
        }

        static Attempt noAnswer(String problem) {
            return new Attempt(false, 0, problem, true);
        }
    }

    private final CallbackUrls urls;
    private final Clock clock;
    private final SSLSocketFactory tls;
    private final Duration timeout;

    /**
     * The sender a server uses: the system's resolver, clock and trusted certificates, {@link #ATTEMPT_TIMEOUT}.
     *
     * @param allowPrivateAddresses let callbacks reach internal addresses ({@code VIDU_WEBHOOK_ALLOW_PRIVATE})
     * @param allowedPorts          ports allowed besides 80 and 443 ({@code VIDU_WEBHOOK_ALLOWED_PORTS}); may be empty
     */
    public WebhookSender(boolean allowPrivateAddresses, Set<Integer> allowedPorts) {
        this(new CallbackUrls(allowPrivateAddresses, allowedPorts, InetAddress::getAllByName), Clock.systemUTC(),
                defaultTls(), ATTEMPT_TIMEOUT);
    }

    /** For tests: a resolver from a table, a fixed clock, a TLS context that trusts a test certificate, a short timeout. */
    WebhookSender(CallbackUrls urls, Clock clock, SSLSocketFactory tls, Duration timeout) {
        this.urls = Objects.requireNonNull(urls, "urls");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tls = Objects.requireNonNull(tls, "tls");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * POSTs {@code body} (JSON) to {@code callbackUrl} once, signed with {@code signingSecret}.
     *
     * @param messageId     the {@code webhook-id}: the same for every attempt of one event, so that the receiver can
     *                      drop duplicates
     * @param signingSecret the task owner's secret, {@code whsec_<base64>} (or raw text: its UTF-8 bytes)
     * @throws IllegalArgumentException the secret is missing or not valid, or the message id holds control characters
     * @throws InterruptedException     the calling thread was interrupted before the attempt began
     */
    public Attempt attempt(String callbackUrl, String messageId, String body, String signingSecret)
            throws InterruptedException {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(body, "body");
        byte[] key = key(signingSecret);
        if (messageId.isEmpty() || messageId.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException("a webhook id is visible ASCII without spaces");
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<CallbackUrls.Resolution> resolved = resolve(callbackUrl, deadline);
        if (resolved.isEmpty()) {
            return Attempt.noAnswer("the callback_url's host was not looked up within " + timeout.toMillis() / 1000.0
                    + " s");
        }
        if (resolved.get() instanceof CallbackUrls.Refused refused) {
            return new Attempt(false, 0, "callback_url " + refused.reason()
                    + (refused.retryable() ? "" : ": not retried"), refused.retryable());
        }
        CallbackUrls.Target target = (CallbackUrls.Target) resolved.get();
        long timestamp = clock.instant().getEpochSecond();
        byte[] request = request(target, messageId, timestamp, body, key);
        String problem = "no address to connect to";
        for (InetAddress address : target.addresses()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            Socket socket = new Socket();
            ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> closeQuietly(socket), left, TimeUnit.NANOSECONDS);
            try {
                try {
                    socket.connect(new InetSocketAddress(address, target.port()), millis(left));
                } catch (IOException notConnected) {
                    // Nothing was sent: the next checked address may answer.
                    problem = "no connection to " + target.hostHeader() + ": " + describe(notConnected, deadline);
                    continue;
                }
                return exchange(socket, target, request, deadline);
            } catch (IOException failed) {
                return Attempt.noAnswer("no answer from " + target.hostHeader() + ": " + describe(failed, deadline));
            } finally {
                watchdog.cancel(false);
                closeQuietly(socket);
            }
        }
        return Attempt.noAnswer(problem);
    }

    /** The delivery-time check of the URL ({@link CallbackUrls#resolve}); empty when it is not done by the deadline. */
    private Optional<CallbackUrls.Resolution> resolve(String callbackUrl, long deadline) throws InterruptedException {
        Future<CallbackUrls.Resolution> lookup = LOOKUPS.submit(() -> urls.resolve(callbackUrl));
        try {
            return Optional.of(lookup.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
        } catch (TimeoutException late) {
            // The lookup goes on until the resolver gives up; nothing waits for it.
            lookup.cancel(true);
            return Optional.empty();
        } catch (InterruptedException e) {
            lookup.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private Attempt exchange(Socket socket, CallbackUrls.Target target, byte[] request, long deadline)
            throws IOException {
        Socket channel = socket;
        if (target.https()) {
            SSLSocket secure = (SSLSocket) tls.createSocket(socket, target.host(), target.port(), true);
            SSLParameters parameters = secure.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            if (!isAddressLiteral(target.host())) {
                parameters.setServerNames(List.of(new SNIHostName(target.host())));
            }
            secure.setSSLParameters(parameters);
            secure.setSoTimeout(millis(deadline - System.nanoTime()));
            secure.startHandshake();
            channel = secure;
        }
        OutputStream out = channel.getOutputStream();
        out.write(request);
        out.flush();
        InputStream in = new BufferedInputStream(channel.getInputStream(), 1024);
        int status = status(channel, in, deadline);
        for (int interim = 0; status >= 100 && status < 200 && interim < 5; interim++) {
            skipHeaders(channel, in, deadline); // 100 Continue and the like: the real answer follows
            status = status(channel, in, deadline);
        }
        return status >= 200 && status < 300 ? Attempt.ok(status) : Attempt.answered(status);
    }

    private static byte[] request(CallbackUrls.Target target, String messageId, long timestamp, String body,
                                  byte[] key) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + target.target() + " HTTP/1.1\r\n"
                + "Host: " + target.hostHeader() + "\r\n"
                + "User-Agent: vidu-gateway-webhooks/2\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + content.length + "\r\n"
                + "webhook-id: " + messageId + "\r\n"
                + "webhook-timestamp: " + timestamp + "\r\n"
                + "webhook-signature: " + signature(key, messageId, timestamp, body) + "\r\n"
                + "Connection: close\r\n"
                + "\r\n";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(head.length() + content.length);
        bytes.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        bytes.writeBytes(content);
        return bytes.toByteArray();
    }

    /** The status code of {@code HTTP/1.x NNN reason}. */
    private static int status(Socket channel, InputStream in, long deadline) throws IOException {
        String line = line(channel, in, deadline);
        if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' '
                || !line.substring(9, 12).chars().allMatch(Character::isDigit)
                || (line.length() > 12 && line.charAt(12) != ' ')) {
            throw new IOException("the receiver's answer is not HTTP/1.x (its first line starts '"
                    + SubmitBodyReader.abbreviate(printable(line)) + "')");
        }
        return Integer.parseInt(line.substring(9, 12));
    }

    private static void skipHeaders(Socket channel, InputStream in, long deadline) throws IOException {
        for (int i = 0; i < MAX_INTERIM_HEADERS; i++) {
            if (line(channel, in, deadline).isEmpty()) {
                return;
            }
        }
        throw new IOException("the receiver's interim answer has too many header lines");
    }

    /** One line, without its CRLF (or LF), each read bounded by what is left of the attempt's time. */
    private static String line(Socket channel, InputStream in, long deadline) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            channel.setSoTimeout(millis(deadline - System.nanoTime()));
            int b = in.read();
            if (b < 0) {
                throw new IOException("the receiver closed the connection before its answer was complete");
            }
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() == MAX_LINE) {
                throw new IOException("the receiver's answer has a line longer than " + MAX_LINE + " bytes");
            }
            line.append((char) b);
        }
    }

    private String describe(IOException failure, long deadline) {
        if (failure instanceof SocketTimeoutException || System.nanoTime() - deadline >= 0) {
            return "no answer within " + timeout.toMillis() / 1000.0 + " s";
        }
        if (failure instanceof SSLException) {
            return "TLS failed (" + SubmitBodyReader.abbreviate(message(failure)) + ")";
        }
        if (failure instanceof ConnectException || failure instanceof NoRouteToHostException) {
            return "connection refused or unreachable";
        }
        if (failure instanceof SocketException) {
            return "the connection broke (" + SubmitBodyReader.abbreviate(message(failure)) + ")";
        }
        return message(failure);
    }

    private static String message(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 40; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }

    /** Whether the host is an IP address (SNI carries names only). */
    private static boolean isAddressLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    private static int millis(long nanos) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(nanos)));
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing: nothing to do about it
        }
    }

    /** {@code v1,} + base64(HMAC-SHA256(secret, id.timestamp.body)), the Standard Webhooks signature. */
    public static String signature(String secret, String messageId, long timestamp, String body) {
        return signature(key(secret), messageId, timestamp, body);
    }

    private static String signature(byte[] key, String messageId, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signed = mac.doFinal((messageId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signed);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is in every JVM", e);
        }
    }

    /** The key bytes of a secret: the decoded part after {@code whsec_}, or a raw secret's UTF-8 bytes. */
    static byte[] key(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("a webhook secret is required (whsec_<base64> or raw text)");
        }
        if (secret.startsWith(WebhookSecrets.PREFIX)) {
            byte[] decoded;
            try {
                decoded = Base64.getDecoder().decode(secret.substring(WebhookSecrets.PREFIX.length()));
            } catch (IllegalArgumentException e) {
                // Not the exception's message: it may quote the secret.
                throw new IllegalArgumentException("the webhook secret starts with whsec_ but the rest is not base64");
            }
            if (decoded.length == 0) {
                throw new IllegalArgumentException("the webhook secret whsec_… holds no key bytes");
            }
            return decoded;
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    private static SSLSocketFactory defaultTls() {
        try {
            return SSLContext.getDefault().getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM has no default TLS context", e);
        }
    }

    private static ScheduledExecutorService watchdog() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "vidu-webhook-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return Executors.unconfigurableScheduledExecutorService(executor);
    }
}
