package com.vidugateway.application.port.out;

import com.vidugateway.domain.task.TaskId;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How every {@link VideoArchive} fetches a provider's video: an http(s) GET with a connect timeout and a deadline for
 * the whole download, a size limit checked on Content-Length and again while reading, the SHA-256 computed on the
 * way, and the bytes handed to the archive's {@link Sink} as they arrive — never the whole video in memory. Every way
 * it can fail is an {@link VideoArchive.ArchiveFailure} that says why, the same whatever the archive.
 */
public final class VideoDownload {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** For the whole download, headers and body. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);
    public static final long DEFAULT_MAX_BYTES = 2L * 1024 * 1024 * 1024;

    /** Where the bytes go: the archive's own storage. */
    public interface Sink {
        /** The next bytes of the video. */
        void write(byte[] bytes, int offset, int length) throws IOException;

        /** The whole video arrived (its length checked): make it the task's video. */
        void complete() throws IOException;

        /** The download failed: drop what was written; {@code failure} is what the caller reports. */
        void abort(Exception failure);
    }

    public record Downloaded(long size, String sha256) {}

    private final Duration connectTimeout;
    private final Duration timeout;
    private final long maxBytes;
    private HttpClient http;
    /** Ends downloads that outlive their time: closing the body stream unblocks the read. */
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "video-download-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param connectTimeout how long to wait for a connection
     * @param timeout        how long a whole download may take
     * @param maxBytes       the largest video kept; a larger one fails the download
     */
    public VideoDownload(Duration connectTimeout, Duration timeout, long maxBytes) {
        this.connectTimeout = positive(connectTimeout, "connectTimeout");
        this.timeout = positive(timeout, "timeout");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("the largest video is 1 byte or more, not " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder()
                    .connectTimeout(connectTimeout)
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
        }
        return http;
    }

    /**
     * Fetches the video of {@code task} at {@code source} into {@code sink}. A failure of the sink that is not an
     * {@link IOException} (a storage client's own exception) is passed on as it is, after {@link Sink#abort}.
     */
    public Downloaded fetch(TaskId task, URI source, Sink sink) throws VideoArchive.ArchiveFailure {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(source, "source");
        String what = "the video of task " + task;
        String scheme = source.getScheme() == null ? "" : source.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || source.getHost() == null) {
            throw new VideoArchive.ArchiveFailure(what + " was not downloaded: only http(s) URLs with a host are"
                    + " fetched, not '" + (scheme.isEmpty() ? "a URL without a scheme" : scheme + ":") + "'", null);
        }
        String from = " from " + source.getHost();
        try {
            return download(source, sink, what + from);
        } catch (HttpConnectTimeoutException e) {
            throw new VideoArchive.ArchiveFailure(what + from + " was not downloaded: no connection within "
                    + connectTimeout.toSeconds() + " s", e);
        } catch (HttpTimeoutException e) {
            throw new VideoArchive.ArchiveFailure(what + from + " did not arrive within " + timeout.toSeconds() + " s", e);
        } catch (Refused e) {
            throw new VideoArchive.ArchiveFailure(e.getMessage(), e);
        } catch (IOException e) {
            throw new VideoArchive.ArchiveFailure(what + from + " could not be downloaded or written: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VideoArchive.ArchiveFailure(what + from + " was not downloaded: interrupted", e);
        }
    }

    /** A download the server answered or sized unacceptably; the message says why. */
    private static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    private Downloaded download(URI source, Sink sink, String what) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(source).timeout(timeout).GET().build();
        HttpResponse<InputStream> response = http().send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status < 200 || status > 299) {
                throw new Refused(what + " was refused: the server answered HTTP " + status);
            }
            OptionalLong declared = response.headers().firstValueAsLong("Content-Length");
            if (declared.isPresent() && declared.getAsLong() > maxBytes) {
                throw new Refused(what + " is " + declared.getAsLong() + " bytes; at most " + maxBytes + " are kept");
            }
            long left = timeout.toNanos() - (System.nanoTime() - start);
            AtomicBoolean timedOut = new AtomicBoolean();
            ScheduledFuture<?> deadline = deadlines.schedule(() -> {
                timedOut.set(true);
                try {
                    body.close();
                } catch (IOException e) {
                    // The reading thread sees the stream end or fail either way.
                }
            }, Math.max(left, 0), TimeUnit.NANOSECONDS);
            try {
                MessageDigest sha256 = sha256();
                long size = 0;
                byte[] buffer = new byte[64 * 1024];
                for (int n = body.read(buffer); n != -1; n = body.read(buffer)) {
                    size += n;
                    if (size > maxBytes) {
                        throw new Refused(what + " is larger than " + maxBytes + " bytes, the most that is kept");
                    }
                    sha256.update(buffer, 0, n);
                    sink.write(buffer, 0, n);
                }
                if (timedOut.get()) {
                    throw new HttpTimeoutException("the download took longer than " + timeout);
                }
                if (declared.isPresent() && declared.getAsLong() != size) {
                    throw new IOException("the body ended after " + size + " of " + declared.getAsLong() + " bytes");
                }
                sink.complete();
                return new Downloaded(size, HexFormat.of().formatHex(sha256.digest()));
            } catch (IOException | RuntimeException e) {
                sink.abort(e);
                if (timedOut.get() && !(e instanceof Refused)) {
                    throw new HttpTimeoutException("the download took longer than " + timeout);
                }
                throw e;
            } finally {
                deadline.cancel(false);
            }
        }
    }

    /** An I/O failure in words: its message, or its kind when it has none. */
    public static String describe(IOException e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
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
