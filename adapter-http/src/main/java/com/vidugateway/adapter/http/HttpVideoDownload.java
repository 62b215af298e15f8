package com.vidugateway.adapter.http;

import com.vidugateway.application.port.out.VideoArchive;
import com.vidugateway.application.port.out.VideoDownload;
import com.vidugateway.application.support.DestinationPolicy;
import com.vidugateway.application.support.Failures;
import com.vidugateway.domain.task.TaskId;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Provider videos over HTTP with OkHttp, to checked addresses only ({@link DestinationPolicy}, the same rules as
 * webhooks: {@code VIDU_DOWNLOAD_ALLOW_PRIVATE}, {@code VIDU_DOWNLOAD_ALLOWED_PORTS}).
 *
 * <p>Every hop is checked before it is requested — the URL, then each redirect, followed here rather than by the
 * client: its scheme ({@code http(s)}, never from https down to http), its port, and an IP literal's address. Host
 * names are resolved by this class's {@link Dns}, which checks every address and gives the client only those: the
 * connection goes to a checked address, never to a second DNS answer, while the {@code Host} header, the TLS server
 * name and the certificate check keep the URL's own name. A network interceptor checks the address each connection
 * actually reached before a request is written on it. No proxy is used (a proxy would resolve the names itself).
 *
 * <p>One origin may be trusted whatever the rules say ({@link TrustedOrigins}): the fake provider's own video server on
 * loopback, when the fake is the provider.
 */
public final class HttpVideoDownload implements VideoDownload {

    /** Redirects followed at most (the JDK client's default too). */
    static final int MAX_REDIRECTS = 5;

    /** What OkHttp takes for an IP address rather than a name, and connects to without asking the {@link Dns}. */
    private static final Pattern IP_LIKE = Pattern.compile("[0-9a-fA-F]*:[0-9a-fA-F:.]*|[\\d.]+");

    /**
     * Origins whose URLs are fetched whatever the rules say; none by default.
     */
    @FunctionalInterface
    public interface TrustedOrigins {
        TrustedOrigins NONE = (scheme, host, port) -> false;

        /** @param host the URL's host as written (no brackets) */
        boolean trusts(String scheme, String host, int port);
    }

    private final DestinationPolicy policy;
    private final TrustedOrigins trusted;
    private final Duration connectTimeout;
    private final Duration timeout;
    private final long maxBytes;
    private final OkHttpClient http;

    /** With the default limits: 10 s to connect, 15 min for the whole download, 2 GiB. */
    public HttpVideoDownload(DestinationPolicy policy, TrustedOrigins trusted) {
        this(policy, trusted, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, DEFAULT_MAX_BYTES);
    }

    /**
     * @param policy         where a video may come from
     * @param trusted        origins allowed whatever {@code policy} says
     * @param connectTimeout how long to wait for a connection
     * @param timeout        how long a whole download may take, redirects included
     * @param maxBytes       the largest video kept; a larger one fails the download
     */
    public HttpVideoDownload(DestinationPolicy policy, TrustedOrigins trusted, Duration connectTimeout,
                             Duration timeout, long maxBytes) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.trusted = Objects.requireNonNull(trusted, "trusted");
        this.connectTimeout = positive(connectTimeout, "connectTimeout");
        this.timeout = positive(timeout, "timeout");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("the largest video is 1 byte or more, not " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.http = new OkHttpClient.Builder()
                .connectTimeout(connectTimeout)
                // No idle limit of its own: the whole download has its deadline (each call's timeout, below).
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                .followRedirects(false)
                .followSslRedirects(false)
                .proxy(Proxy.NO_PROXY)
                .dns(new CheckedDns())
                .addNetworkInterceptor(this::checkConnection)
                .build();
    }

    @Override
    public long maxBytes() {
        return maxBytes;
    }

    /** The rules this download follows. */
    public DestinationPolicy policy() {
        return policy;
    }

    @Override
    public Downloaded fetch(TaskId task, URI source, Sink sink) throws VideoArchive.ArchiveFailure {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(source, "source");
        String what = "the video of task " + task;
        String scheme = source.getScheme() == null ? "" : source.getScheme().toLowerCase(Locale.ROOT);
        HttpUrl url = (scheme.equals("http") || scheme.equals("https")) && source.getHost() != null
                ? HttpUrl.parse(source.toString()) : null;
        if (url == null) {
            boolean web = scheme.equals("http") || scheme.equals("https");
            throw new VideoArchive.ArchiveFailure(what + " was not downloaded: only http(s) URLs with a host are"
                    + " fetched, not " + (web ? "one without a host it can name" : "'" + (scheme.isEmpty()
                    ? "a URL without a scheme" : scheme + ":") + "'"), null);
        }
        String from = " from " + url.host();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            return download(url, sink, what, deadline);
        } catch (Refused e) {
            throw new VideoArchive.ArchiveFailure(e.getMessage(), e);
        } catch (IOException e) {
            Optional<NotAllowed> refused = Failures.find(e, NotAllowed.class);
            if (refused.isPresent()) {
                throw new VideoArchive.ArchiveFailure(what + " was not downloaded: " + refused.get().getMessage(), e);
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new VideoArchive.ArchiveFailure(what + from + " was not downloaded: interrupted", e);
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new VideoArchive.ArchiveFailure(what + from + " did not arrive within " + timeout.toSeconds()
                        + " s", e);
            }
            if (e instanceof SocketTimeoutException) {
                // Reads and writes have no timeout of their own here: only connecting can time out this way.
                throw new VideoArchive.ArchiveFailure(what + from + " was not downloaded: no connection within "
                        + connectTimeout.toSeconds() + " s", e);
            }
            throw new VideoArchive.ArchiveFailure(what + from + " could not be downloaded or written: "
                    + VideoDownload.describe(e), e);
        }
    }

    private Downloaded download(HttpUrl first, Sink sink, String what, long deadline) throws IOException {
        HttpUrl url = first;
        for (int hop = 0; ; hop++) {
            checkHop(url);
            Call call = http.newCall(new Request.Builder().url(url)
                    // The bytes as served: OkHttp would otherwise ask for gzip and unpack it, hiding Content-Length.
                    .header("Accept-Encoding", "identity").get().build());
            call.timeout().timeout(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            Response response = call.execute();
            String where = what + " from " + url.host();
            if (response.isRedirect()) {
                try (response) {
                    if (hop >= MAX_REDIRECTS) {
                        throw new Refused(where + " was not downloaded: more than " + MAX_REDIRECTS + " redirects");
                    }
                    String location = response.header("Location");
                    HttpUrl next = location == null ? null : url.resolve(location);
                    if (next == null) {
                        throw new Refused(where + " was not downloaded: HTTP " + response.code() + " redirects to "
                                + (location == null ? "nowhere (no Location)" : "something that is not an http(s) URL"));
                    }
                    if (url.isHttps() && !next.isHttps()) {
                        throw new Refused(where + " was not downloaded: a redirect from https to http ("
                                + next.host() + ") is not followed");
                    }
                    url = next;
                    continue;
                }
            }
            return read(response, sink, where, deadline);
        }
    }

    private Downloaded read(Response response, Sink sink, String what, long deadline) throws IOException {
        try (response; ResponseBody body = response.body(); InputStream in = body.byteStream()) {
            int status = response.code();
            if (status < 200 || status > 299) {
                throw new Refused(what + " was refused: the server answered HTTP " + status);
            }
            long declared = contentLength(response);
            if (declared > maxBytes) {
                throw new Refused(what + " is " + declared + " bytes; at most " + maxBytes + " are kept");
            }
            try {
                MessageDigest sha256 = sha256();
                long size = 0;
                byte[] buffer = new byte[64 * 1024];
                for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                    size += n;
                    if (size > maxBytes) {
                        throw new Refused(what + " is larger than " + maxBytes + " bytes, the most that is kept");
                    }
                    sha256.update(buffer, 0, n);
                    sink.write(buffer, 0, n);
                }
                if (declared >= 0 && declared != size) {
                    throw new IOException("the body ended after " + size + " of " + declared + " bytes");
                }
                sink.complete();
                return new Downloaded(size, HexFormat.of().formatHex(sha256.digest()));
            } catch (IOException | RuntimeException e) {
                sink.abort(e);
                throw e;
            }
        }
    }

    /** Content-Length as the server sent it; -1 when it sent none (chunked) or nonsense. */
    private static long contentLength(Response response) {
        String value = response.header("Content-Length");
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The hop's own rules before anything is sent: for a host OkHttp takes for an IP address, which it connects to
     * without asking the {@link Dns}, an allowed address; and a port the policy allows. A trusted origin passes.
     */
    private void checkHop(HttpUrl url) throws NotAllowed {
        if (trusted.trusts(url.scheme(), url.host(), url.port())) {
            return;
        }
        if (IP_LIKE.matcher(url.host()).matches()) {
            InetAddress address;
            try {
                address = InetAddress.getByName(url.host()); // a literal: no lookup
            } catch (UnknownHostException e) {
                throw new NotAllowed(url, new DestinationPolicy.Unresolved(url.host()), null);
            }
            Optional<DestinationPolicy.Refused> refused = policy.checkAddress(url.host(), address);
            if (refused.isPresent()) {
                throw new NotAllowed(url, refused.get(), "VIDU_DOWNLOAD_ALLOW_PRIVATE");
            }
        }
        Optional<DestinationPolicy.Refused> port = policy.checkPort(url.port());
        if (port.isPresent()) {
            throw new NotAllowed(url, port.get(), "VIDU_DOWNLOAD_ALLOWED_PORTS");
        }
    }

    /** The last guard: the address this connection reached, checked before a request is written on it. */
    private Response checkConnection(Interceptor.Chain chain) throws IOException {
        HttpUrl url = chain.request().url();
        Connection connection = chain.connection();
        if (connection != null && !trusted.trusts(url.scheme(), url.host(), url.port())) {
            Socket socket = connection.socket();
            InetAddress reached = socket.getInetAddress();
            Optional<DestinationPolicy.Refused> refused = reached == null ? Optional.empty()
                    : policy.checkAddress(url.host(), reached);
            if (refused.isPresent()) {
                throw new NotAllowed(url, refused.get(), "VIDU_DOWNLOAD_ALLOW_PRIVATE");
            }
        }
        return chain.proceed(chain.request());
    }

    /** Resolves a name once, checks every address, and gives OkHttp only those: it connects to nothing else. */
    private final class CheckedDns implements Dns {
        @Override
        public List<InetAddress> lookup(String host) throws UnknownHostException {
            if (IP_LIKE.matcher(host).matches()) {
                // Checked with its port before the call ({@link #checkHop}); a trusted origin is a literal too.
                return List.of(InetAddress.getByName(host));
            }
            DestinationPolicy.Resolution resolution = policy.resolve(host);
            if (resolution instanceof DestinationPolicy.Addresses addresses) {
                return addresses.addresses();
            }
            DestinationPolicy.Refused refused = (DestinationPolicy.Refused) resolution;
            if (refused instanceof DestinationPolicy.Unresolved) {
                throw new UnknownHostException(refused.reason());
            }
            UnknownHostException failure = new UnknownHostException(refused.reason());
            failure.initCause(new NotAllowed(host, refused, "VIDU_DOWNLOAD_ALLOW_PRIVATE"));
            throw failure;
        }
    }

    /**
     * A hop the rules do not allow; the message says which rule and which setting allows it. An interruption to OkHttp,
     * so that it does not try another route of the same call.
     */
    static final class NotAllowed extends InterruptedIOException {
        NotAllowed(HttpUrl url, DestinationPolicy.Refused refused, String setting) {
            this(url.host(), refused, setting);
        }

        NotAllowed(String host, DestinationPolicy.Refused refused, String setting) {
            super(message(refused, setting));
        }

        private static String message(DestinationPolicy.Refused refused, String setting) {
            String why = refused.reason();
            if (refused instanceof DestinationPolicy.Internal) {
                return why + "; result URLs may not reach loopback, link-local or private addresses (" + setting
                        + "=true allows them)";
            }
            if (refused instanceof DestinationPolicy.PortNotAllowed) {
                return why + "; " + setting + " allows more";
            }
            return why;
        }
    }

    /** A download the server answered, redirected or sized unacceptably; the message says why. */
    private static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static Duration positive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + duration);
        }
        return duration;
    }
}
