package com.vidugateway.adapter.webhook;

import com.vidugateway.application.port.out.WebhookSigningSecrets;
import com.vidugateway.application.support.DestinationPolicy;
import com.vidugateway.application.support.Failures;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.ConnectionPool;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;

/**
 * Makes one delivery attempt of a webhook with OkHttp: POSTs a JSON body to a client's callback URL, signed per
 * Standard Webhooks (https://www.standardwebhooks.com): headers {@code webhook-id}, {@code webhook-timestamp} (Unix
 * seconds) and {@code webhook-signature} = {@code v1,} + base64(HMAC-SHA256(key, id + "." + timestamp + "." + body)),
 * where the key is the base64-decoded part of the client's {@code whsec_…} secret. Retries are the caller's: it keeps
 * them in the outbox, so they survive a restart.
 *
 * <p><b>The address checked is the address connected to.</b> The URL's host is resolved once, by this class's
 * {@link Dns}, which checks every address with {@link DestinationPolicy} (no loopback, link-local, private, multicast
 * or unspecified address unless the policy allows them, {@code VIDU_WEBHOOK_ALLOW_PRIVATE}) and gives OkHttp only
 * those: the connection goes to one of these very addresses, never to a second DNS answer (DNS rebinding), while the
 * {@code Host} header, the TLS server name (SNI) and the certificate check keep the URL's own name. A host written as
 * an IP address, which OkHttp connects to without asking the {@code Dns}, is checked before the call; and a network
 * interceptor checks the address each connection actually reached before the request is written on it. No proxy is
 * used (a proxy would resolve the name itself).
 *
 * <p>Only ports 80 and 443 and those the policy allows ({@code VIDU_WEBHOOK_ALLOWED_PORTS}); redirects are never
 * followed (a 3xx is a failed attempt); the request is sent at most once; an attempt takes at most
 * {@link #ATTEMPT_TIMEOUT} from looking the host up to the status line, whatever the resolver and the receiver do.
 * That bound is what lets the outbox's lease outlast every attempt, so that no second attempt at the same event starts
 * while one is on its way. Only the status of the answer is read. Blocking: call it from a worker thread.
 */
public final class WebhookSender {

    /** How long one attempt may take: the lookup, connect, TLS, send, and the status of the answer. */
    public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);
    /** The longest callback URL called (the submit-time check allows no longer). */
    static final int MAX_URL_LENGTH = 2048;

    private static final String USER_AGENT = "vidu-gateway-webhooks/2";
    private static final MediaType JSON = MediaType.get("application/json");
    /** What OkHttp takes for an IP address rather than a name, and connects to without asking the {@link Dns}. */
    private static final Pattern IP_LIKE = Pattern.compile("[0-9a-fA-F]*:[0-9a-fA-F:.]*|[\\d.]+");
    /** The longest piece of someone else's text (an exception's message) quoted in a problem. */
    private static final int MAX_QUOTED = 60;

    /**
     * Looks callback hosts up. The JDK's lookup has no timeout of its own and ignores interruption, and OkHttp's call
     * timeout does not stop a {@link Dns} either (it closes sockets; a lookup has none): so the lookup runs on a thread
     * of its own and the attempt waits for it only as long as it has left. A lookup given up on goes on until the
     * resolver gives up; nothing waits for it. Daemon threads, idle ones end after a minute.
     */
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
     * @param problem    why it was not delivered, in English for the task's owner (no secret, no request body, no
     *                   path or query of the URL); null when delivered
     * @param retryable  whether another attempt may succeed; false when delivered
     */
    public record Attempt(boolean delivered, int httpStatus, String problem, boolean retryable) {

        static Attempt ok(int status) {
            return new Attempt(true, status, null, false);
        }

        static Attempt answered(int status) {
            if (status >= 200 && status < 300) {
                return ok(status);
            }
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

        /** A URL the rules refuse: the same rules refuse it next time. */
        static Attempt refused(String problem) {
            return new Attempt(false, 0, problem + ": not retried", false);
        }
    }

    private final DestinationPolicy policy;
    private final Clock clock;
    private final Duration timeout;
    /** Shared by every attempt; each one adds its own {@link CheckedDns}, which knows the attempt's deadline. */
    private final OkHttpClient http;

    /**
     * The sender a server uses: the system's clock and trusted certificates, {@link #ATTEMPT_TIMEOUT}.
     *
     * @param policy where webhooks may go: the webhook settings ({@code VIDU_WEBHOOK_ALLOW_PRIVATE},
     *               {@code VIDU_WEBHOOK_ALLOWED_PORTS}) and the system's resolver
     */
    public WebhookSender(DestinationPolicy policy) {
        this(policy, Clock.systemUTC(), Tls.system(), ATTEMPT_TIMEOUT);
    }

    /** For tests: a policy that resolves through a table, a fixed clock, a test certificate's trust, a short timeout. */
    WebhookSender(DestinationPolicy policy, Clock clock, SSLSocketFactory tls, X509TrustManager trust,
                  Duration timeout) {
        this(policy, clock, new Tls(Objects.requireNonNull(tls, "tls"), Objects.requireNonNull(trust, "trust")),
                timeout);
    }

    private WebhookSender(DestinationPolicy policy, Clock clock, Tls tls, Duration timeout) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("an attempt's time must be positive, not " + timeout);
        }
        this.http = new OkHttpClient.Builder()
                .protocols(List.of(Protocol.HTTP_1_1))
                .proxy(Proxy.NO_PROXY)
                .followRedirects(false)
                .followSslRedirects(false)
                // Not false, although no request may be sent twice: in OkHttp 4, false also stops it from trying the
                // next checked address when the first one refuses the connection. What keeps the request from being
                // sent again — after a reset, a 408 or a "503, Retry-After: 0", when the receiver may have got it and
                // acted on it — is its one-shot body (OneShotJson): OkHttp never repeats a one-shot request once it
                // has begun to send it, and moves on to another address only while nothing was sent.
                .retryOnConnectionFailure(true)
                // The whole attempt, lookup included (CheckedDns waits no longer than this either); each call is given
                // what is left of its attempt's time.
                .callTimeout(timeout)
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                // One connection per attempt, closed with it (Connection: close), as each attempt has its own Dns.
                .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
                .sslSocketFactory(tls.factory(), tls.trust())
                .addNetworkInterceptor(new ReachedAddressCheck(policy))
                .build();
    }

    /**
     * POSTs {@code body} (JSON) to {@code callbackUrl} once, signed with {@code signingSecret}.
     *
     * @param messageId     the {@code webhook-id}: the same for every attempt of one event, so that the receiver can
     *                      drop duplicates
     * @param signingSecret the task owner's secret, {@code whsec_<base64>} (or raw text: its UTF-8 bytes)
     * @throws IllegalArgumentException the secret is missing or not valid, or the message id holds control characters
     * @throws InterruptedException     the calling thread was interrupted (before the attempt, or during it: then the
     *                                  receiver may have got the request)
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
        HttpUrl url;
        try {
            url = destination(callbackUrl);
        } catch (Stopped refused) {
            return refused.attempt;
        }
        long timestamp = clock.instant().getEpochSecond();
        Trace trace = new Trace();
        Request request = new Request.Builder()
                .url(url)
                .header("User-Agent", USER_AGENT)
                .header("webhook-id", messageId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature(key, messageId, timestamp, body))
                .header("Connection", "close")
                .tag(Trace.class, trace)
                .post(new OneShotJson(body.getBytes(StandardCharsets.UTF_8)))
                .build();
        Call call = http.newBuilder().dns(new CheckedDns(deadline)).build().newCall(request);
        call.timeout().timeout(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        try (Response response = call.execute()) {
            return Attempt.answered(response.code()); // the status is all that is read; closing drops the rest
        } catch (IOException failed) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            return failure(failed, trace, url, deadline);
        }
    }

    /**
     * The URL's own rules, before anything is looked up: length, syntax ({@link URI}'s, as at submit time), scheme,
     * host, port, and the address of a host written as an IP address.
     *
     * @throws Stopped the URL may not be called; its attempt says why
     */
    private HttpUrl destination(String callbackUrl) throws Stopped {
        if (callbackUrl == null || callbackUrl.isBlank()) {
            throw new Stopped(Attempt.refused("callback_url is empty"));
        }
        if (callbackUrl.length() > MAX_URL_LENGTH) {
            throw new Stopped(Attempt.refused("callback_url is " + callbackUrl.length() + " characters long; at most "
                    + MAX_URL_LENGTH + " are allowed"));
        }
        URI uri;
        try {
            uri = new URI(callbackUrl);
        } catch (URISyntaxException e) {
            // The reason only: the exception's message quotes the URL.
            throw new Stopped(Attempt.refused("callback_url is not a valid URL (" + e.getReason() + ")"));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Stopped(Attempt.refused("callback_url must be an http or https URL, not "
                    + (scheme.isEmpty() ? "one without a scheme" : "'" + quote(scheme) + ":'")));
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new Stopped(Attempt.refused("callback_url has no valid host name"));
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.endsWith(".")) {
            bare = bare.substring(0, bare.length() - 1); // the same name; TLS server names have no trailing dot
        }
        int port = uri.getPort() == -1 ? HttpUrl.defaultPort(scheme) : uri.getPort();
        if (policy.checkPort(port).isPresent()) {
            throw new Stopped(Attempt.refused("callback_url uses port " + port + "; webhooks go to port "
                    + portsText() + " only (its operator can allow more with VIDU_WEBHOOK_ALLOWED_PORTS)"));
        }
        HttpUrl parsed = HttpUrl.parse(callbackUrl);
        HttpUrl url;
        try {
            url = parsed == null ? null : parsed.newBuilder().host(bare).port(port).username("").password("")
                    .fragment(null).build();
        } catch (IllegalArgumentException e) {
            url = null;
        }
        if (url == null) {
            throw new Stopped(Attempt.refused("callback_url is not a valid URL"));
        }
        if (IP_LIKE.matcher(url.host()).matches()) {
            // OkHttp connects to what it takes for an IP address without asking the Dns: check it here. URI accepted
            // it as an address (a dotted quad, a bracketed IPv6 address), so this is a literal, not a lookup.
            InetAddress address;
            try {
                address = InetAddress.getByName(url.host());
            } catch (UnknownHostException e) {
                throw new Stopped(Attempt.refused("callback_url has no valid host name"));
            }
            Optional<DestinationPolicy.Refused> refused = policy.checkAddress(url.host(), address);
            if (refused.isPresent()) {
                throw new Stopped(refusal(refused.get()));
            }
        }
        return url;
    }

    /** What became of an attempt whose call failed. */
    private Attempt failure(IOException failed, Trace trace, HttpUrl url, long deadline) {
        Optional<Stopped> stopped = stopped(failed);
        if (stopped.isPresent()) {
            return stopped.get().attempt;
        }
        if (trace.status > 0) {
            // The receiver did answer, and OkHttp then failed on the answer (a 407 without a proxy, for one).
            return Attempt.answered(trace.status);
        }
        String where = (trace.reached == null ? "no connection to " : "no answer from ") + hostHeader(url);
        return Attempt.noAnswer(where + ": " + describe(failed, url, deadline));
    }

    private String describe(IOException failure, HttpUrl url, long deadline) {
        if (System.nanoTime() - deadline >= 0 || failure instanceof SocketTimeoutException) {
            return "no answer within " + seconds() + " s";
        }
        Optional<SSLException> tls = Failures.find(failure, SSLException.class);
        if (tls.isPresent()) {
            return "TLS failed (" + quote(url, tls.get()) + ")";
        }
        if (failure instanceof ConnectException || failure instanceof NoRouteToHostException) {
            return "connection refused or unreachable";
        }
        Optional<ProtocolException> notHttp = Failures.find(failure, ProtocolException.class);
        if (notHttp.isPresent()) {
            return "its answer is not HTTP/1.x (" + quote(url, notHttp.get()) + ")";
        }
        if (Failures.find(failure, EOFException.class).isPresent()
                || String.valueOf(failure.getMessage()).startsWith("unexpected end of stream")) {
            return "the receiver closed the connection before its answer was complete";
        }
        if (failure instanceof SocketException) {
            return "the connection broke (" + quote(url, failure) + ")";
        }
        return quote(url, failure);
    }

    private String seconds() {
        return timeout.toMillis() / 1000.0 + "";
    }

    /** {@code 80 or 443}, {@code 80, 443 or 8080}. */
    private String portsText() {
        List<String> ports = policy.allowedPorts().stream().map(String::valueOf).toList();
        if (ports.size() == 1) {
            return ports.get(0);
        }
        return String.join(", ", ports.subList(0, ports.size() - 1)) + " or " + ports.get(ports.size() - 1);
    }

    /** A refusal of the policy, in a client's words. */
    private static Attempt refusal(DestinationPolicy.Refused refused) {
        if (refused instanceof DestinationPolicy.Internal internal) {
            String address = internal.address().getHostAddress();
            String host = internal.host();
            return Attempt.refused("callback_url " + (IP_LIKE.matcher(host).matches()
                    ? "'" + quote(host) + "' is" : "'" + quote(host) + "' resolves to " + address + ",")
                    + " a " + internal.kind() + " address; the gateway calls only public addresses (its operator can"
                    + " allow internal ones with VIDU_WEBHOOK_ALLOW_PRIVATE)");
        }
        if (refused instanceof DestinationPolicy.Unresolved unresolved) {
            return new Attempt(false, 0, "callback_url host '" + quote(unresolved.host())
                    + "' does not resolve to an address", true);
        }
        return Attempt.refused("callback_url: " + refused.reason()
                + " (its operator can allow more with VIDU_WEBHOOK_ALLOWED_PORTS)");
    }

    /** The {@code Host} header: the name, and the port unless it is the scheme's default. */
    private static String hostHeader(HttpUrl url) {
        String name = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
        return url.port() == HttpUrl.defaultPort(url.scheme()) ? name : name + ":" + url.port();
    }

    /**
     * An exception's message, to quote in a problem: printable, abbreviated, and without the URL's path or query
     * (OkHttp's own messages leave them out; a receiver's words might not).
     */
    private static String quote(HttpUrl url, Throwable failure) {
        String text = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        String decodedPath = "/" + String.join("/", url.pathSegments());
        for (String secret : new String[] {url.encodedQuery(), url.query(), url.encodedPath(), decodedPath}) {
            if (secret != null && secret.length() > 1) {
                text = text.replace(secret, "…");
            }
        }
        return quote(text);
    }

    /** Printable ASCII only, at most {@link #MAX_QUOTED} characters. */
    private static String quote(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < MAX_QUOTED; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : c == '\n' || c == '\r' || c == '\t' ? ' ' : '?');
        }
        return out.length() < text.length() ? out.substring(0, MAX_QUOTED - 1) + "…" : out.toString();
    }

    private static Optional<Stopped> stopped(Throwable failure) {
        return Failures.find(failure, Stopped.class);
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

    /** The key bytes of a secret ({@link WebhookSigningSecrets#keyBytes}). */
    static byte[] key(String secret) {
        return WebhookSigningSecrets.keyBytes(secret);
    }

    /**
     * Resolves a name once, within what is left of the attempt's time, checks every address, and gives OkHttp only
     * those: it connects to nothing else. One per attempt, because it carries the attempt's deadline.
     */
    private final class CheckedDns implements Dns {

        private final long deadline;

        CheckedDns(long deadline) {
            this.deadline = deadline;
        }

        @Override
        public List<InetAddress> lookup(String host) throws UnknownHostException {
            Future<DestinationPolicy.Resolution> lookup = LOOKUPS.submit(() -> policy.resolve(host));
            DestinationPolicy.Resolution resolution;
            try {
                resolution = lookup.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException late) {
                lookup.cancel(true);
                throw new Stopped(Attempt.noAnswer("the callback_url's host was not looked up within " + seconds()
                        + " s"));
            } catch (InterruptedException e) {
                lookup.cancel(true);
                Thread.currentThread().interrupt(); // attempt() sees it and throws InterruptedException
                throw new Stopped(Attempt.noAnswer("interrupted while looking the callback_url's host up"));
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException unchecked) {
                    throw unchecked;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            }
            if (resolution instanceof DestinationPolicy.Addresses addresses) {
                return addresses.addresses();
            }
            throw new Stopped(refusal((DestinationPolicy.Refused) resolution));
        }
    }

    /** The last guard: the address a connection reached, checked before the request is written on it. */
    private static final class ReachedAddressCheck implements Interceptor {

        private final DestinationPolicy policy;

        ReachedAddressCheck(DestinationPolicy policy) {
            this.policy = policy;
        }

        @Override
        public Response intercept(Chain chain) throws IOException {
            Request request = chain.request();
            Trace trace = Objects.requireNonNull(request.tag(Trace.class), "every attempt's request has its trace");
            Connection connection = chain.connection();
            Socket socket = connection == null ? null : connection.socket();
            InetAddress reached = socket == null ? null : socket.getInetAddress();
            if (reached == null) {
                throw new Stopped(Attempt.noAnswer("no connection to " + hostHeader(request.url())
                        + ": the address reached is not known"));
            }
            Optional<DestinationPolicy.Refused> refused = policy.checkAddress(request.url().host(), reached)
                    .or(() -> policy.checkPort(socket.getPort()));
            if (refused.isPresent()) {
                throw new Stopped(refusal(refused.get()));
            }
            trace.reached = reached;
            Response response = chain.proceed(request);
            trace.status = response.code();
            return response;
        }
    }

    /** What an attempt's call got to: the address it reached and the status it was answered, once it has them. */
    private static final class Trace {
        volatile InetAddress reached;
        volatile int status;
    }

    /**
     * The JSON body, sent once: OkHttp never sends a one-shot body again — not on another connection after a failure
     * once it began to send it, not for a follow-up (408, 503 with Retry-After: 0).
     */
    private static final class OneShotJson extends RequestBody {

        private final byte[] bytes;

        OneShotJson(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public MediaType contentType() {
            return JSON;
        }

        @Override
        public long contentLength() {
            return bytes.length;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            sink.write(bytes);
        }

        @Override
        public boolean isOneShot() {
            return true;
        }
    }

    /**
     * An attempt that ends before its request is written, with its outcome. An {@link UnknownHostException} because
     * that is what a {@link Dns} may throw; OkHttp passes it on, and looks nothing up again.
     */
    static final class Stopped extends UnknownHostException {

        final transient Attempt attempt;

        Stopped(Attempt attempt) {
            super(attempt.problem());
            this.attempt = attempt;
        }
    }

    /** A TLS client that trusts what it is given. */
    private record Tls(SSLSocketFactory factory, X509TrustManager trust) {

        /** The JVM's trusted certificates, as OkHttp would take them itself. */
        static Tls system() {
            try {
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init((KeyStore) null);
                for (TrustManager manager : factory.getTrustManagers()) {
                    if (manager instanceof X509TrustManager trust) {
                        SSLContext context = SSLContext.getInstance("TLS");
                        context.init(null, new TrustManager[] {trust}, null);
                        return new Tls(context.getSocketFactory(), trust);
                    }
                }
                throw new IllegalStateException("the JVM has no X.509 trust manager");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JVM has no default TLS context", e);
            }
        }
    }
}
