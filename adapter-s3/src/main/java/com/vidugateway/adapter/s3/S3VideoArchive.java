package com.vidugateway.adapter.s3;

import com.vidugateway.application.port.out.VideoArchive;
import com.vidugateway.domain.task.StoredVideo;
import com.vidugateway.domain.task.TaskId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Finished videos in an S3-compatible bucket, one object per task at {@code <prefix>videos/<task id>.mp4}; the
 * object's key is the {@link StoredVideo#location()}.
 *
 * <p>A download goes straight from the provider's connection into the bucket, one part at a time: a video that fits
 * in one part is sent with one PUT, a larger one as a multipart upload whose parts are sent as they fill. So at most
 * one part ({@value #DEFAULT_PART_SIZE} bytes by default) of a video is in memory, and no local disk is needed. Its
 * length and SHA-256 are computed on the way. An object appears under its key only when the PUT or the completion
 * succeeds, and either replaces an earlier copy whole; any failure aborts the multipart upload, so a failed download
 * leaves nothing behind (and no parts on the bill) and an earlier copy untouched.
 *
 * <p>Limits, timeouts and messages are those of the local archive, so the choice of storage changes no behaviour.
 */
public final class S3VideoArchive implements VideoArchive {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** For the whole download, headers and body (the sending to the bucket included). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);
    public static final long DEFAULT_MAX_BYTES = 2L * 1024 * 1024 * 1024;
    /** 8 MiB: S3 refuses parts below 5 MiB (but the last), and 10,000 of these hold 80 GB. */
    static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;
    /** S3's limit on the parts of one object. */
    private static final long MAX_PARTS = 10_000;

    private static final String CONTENT_TYPE = "video/mp4";
    private static final String SUFFIX = ".mp4";

    private final S3Client s3;
    private final String bucket;
    private final String root;
    private final Clock clock;
    private final Duration connectTimeout;
    private final Duration timeout;
    private final long maxBytes;
    private final int partSize;
    /** Built on the first download: a JDK HTTP client sets up TLS, which short CLI commands never need. */
    private HttpClient http;
    /** Ends downloads that outlive their time: closing the body stream unblocks the read. */
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "s3-video-archive-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    /** Videos in {@code bucket} under {@code prefix} (may be empty), with the default limits. */
    public S3VideoArchive(S3Client s3, String bucket, String prefix, Clock clock) {
        this(s3, bucket, prefix, clock, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, DEFAULT_MAX_BYTES);
    }

    /**
     * @param connectTimeout how long to wait for a connection to the provider
     * @param timeout        how long a whole download may take
     * @param maxBytes       the largest video kept; a larger one fails the download
     */
    public S3VideoArchive(S3Client s3, String bucket, String prefix, Clock clock, Duration connectTimeout,
            Duration timeout, long maxBytes) {
        this(s3, bucket, prefix, clock, connectTimeout, timeout, maxBytes, DEFAULT_PART_SIZE);
    }

    /**
     * @param partSize the bytes of a part, and the most held in memory per download: tests go below S3's 5 MiB
     *                 minimum (s3rver has none) to see several parts in a few MB; it grows to fit the largest video
     *                 in S3's 10,000 parts
     */
    S3VideoArchive(S3Client s3, String bucket, String prefix, Clock clock, Duration connectTimeout, Duration timeout,
            long maxBytes, int partSize) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        S3Location location = new S3Location(bucket, prefix);
        this.bucket = location.bucket();
        this.root = location.prefix() + "videos/";
        this.clock = Objects.requireNonNull(clock, "clock");
        this.connectTimeout = positive(connectTimeout, "connectTimeout");
        this.timeout = positive(timeout, "timeout");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("the largest video is 1 byte or more, not " + maxBytes);
        }
        this.maxBytes = maxBytes;
        if (partSize <= 0) {
            throw new IllegalArgumentException("a part is 1 byte or more, not " + partSize);
        }
        long needed = (maxBytes + MAX_PARTS - 1) / MAX_PARTS;
        if (needed > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a video of " + maxBytes + " bytes does not fit in S3's " + MAX_PARTS
                    + " parts of at most 2 GiB held in memory");
        }
        this.partSize = (int) Math.max(partSize, needed);
    }

    /**
     * Videos at {@code s3://bucket[/prefix]} (the value of {@code VIDU_STORAGE}), through a client built from the
     * SDK's standard settings, as {@link S3ImageBlobs#at} builds its own. Call {@link #check()} before serving.
     *
     * @throws IllegalArgumentException a location that is not {@code s3://bucket[/prefix]}, or no region for AWS
     */
    public static S3VideoArchive at(String location, Duration connectTimeout, Duration timeout, long maxBytes) {
        S3Location parsed = S3Location.parse(location);
        return new S3VideoArchive(S3Clients.standard(), parsed.bucket(), parsed.prefix(), Clock.systemUTC(),
                connectTimeout, timeout, maxBytes);
    }

    /** {@link #at(String, Duration, Duration, long)} with the default limits. */
    public static S3VideoArchive at(String location) {
        return at(location, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, DEFAULT_MAX_BYTES);
    }

    /**
     * Whether the bucket is there and these credentials may use it (one HEAD on the bucket): for start-up.
     *
     * @throws IOException one line naming the bucket, the endpoint and the setting to fix
     */
    public void check() throws IOException {
        try {
            s3.headBucket(request -> request.bucket(bucket));
        } catch (SdkException e) {
            throw new IOException(S3Failures.explain(s3, bucket, e).line("video storage s3://" + bucket), e);
        }
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

    @Override
    public StoredVideo keep(TaskId task, URI source) throws ArchiveFailure {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(source, "source");
        String what = "the video of task " + task;
        String scheme = source.getScheme() == null ? "" : source.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || source.getHost() == null) {
            throw new ArchiveFailure(what + " was not downloaded: only http(s) URLs with a host are fetched, not '"
                    + (scheme.isEmpty() ? "a URL without a scheme" : scheme + ":") + "'", null);
        }
        String from = " from " + source.getHost();
        String key = root + task.value() + SUFFIX;
        try {
            Downloaded downloaded = download(source, key, what + from);
            return new StoredVideo(key, downloaded.size(), downloaded.sha256(), clock.instant());
        } catch (HttpConnectTimeoutException e) {
            throw new ArchiveFailure(what + from + " was not downloaded: no connection within "
                    + connectTimeout.toSeconds() + " s", e);
        } catch (HttpTimeoutException e) {
            throw new ArchiveFailure(what + from + " did not arrive within " + timeout.toSeconds() + " s", e);
        } catch (Refused e) {
            throw new ArchiveFailure(e.getMessage(), e);
        } catch (IOException e) {
            throw new ArchiveFailure(what + from + " could not be downloaded or written: " + describe(e), e);
        } catch (SdkException e) {
            throw new ArchiveFailure(S3Failures.explain(s3, bucket, e).line(what + from + " could not be written to "
                    + "s3://" + bucket + "/" + key), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArchiveFailure(what + from + " was not downloaded: interrupted", e);
        }
    }

    private record Downloaded(long size, String sha256) {}

    /** A download the server answered or sized unacceptably; the message says why. */
    private static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    private Downloaded download(URI source, String key, String what) throws IOException, InterruptedException {
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
            Streamed upload = new Streamed(key);
            try {
                Downloaded downloaded = upload.send(body, what, declared);
                if (timedOut.get()) {
                    throw new HttpTimeoutException("the download took longer than " + timeout);
                }
                upload.complete();
                return downloaded;
            } catch (IOException | RuntimeException e) {
                upload.abort(e);
                if (timedOut.get() && !(e instanceof Refused)) {
                    throw new HttpTimeoutException("the download took longer than " + timeout);
                }
                throw e;
            } finally {
                deadline.cancel(false);
            }
        }
    }

    /**
     * One object sent as it is read: a buffer of one part fills from the body; a full one becomes the next part of a
     * multipart upload (started by the first), and what is left at the end is either the last part or, for a video
     * that never filled one, the whole object in one PUT.
     */
    private final class Streamed {
        private final String key;
        private final byte[] part = new byte[partSize];
        private int filled;
        private String uploadId;
        private final List<CompletedPart> parts = new ArrayList<>();

        Streamed(String key) {
            this.key = key;
        }

        Downloaded send(InputStream body, String what, OptionalLong declared) throws IOException {
            MessageDigest sha256 = sha256();
            long size = 0;
            for (int n = body.read(part, filled, part.length - filled); n != -1;
                    n = body.read(part, filled, part.length - filled)) {
                size += n;
                if (size > maxBytes) {
                    throw new Refused(what + " is larger than " + maxBytes + " bytes, the most that is kept");
                }
                sha256.update(part, filled, n);
                filled += n;
                if (filled == part.length) {
                    sendPart();
                }
            }
            if (declared.isPresent() && declared.getAsLong() != size) {
                throw new IOException("the body ended after " + size + " of " + declared.getAsLong() + " bytes");
            }
            return new Downloaded(size, HexFormat.of().formatHex(sha256.digest()));
        }

        /** Makes the object visible under its key: the one PUT, or the last part and the completion. */
        void complete() {
            if (uploadId == null) {
                s3.putObject(request -> request.bucket(bucket).key(key).contentType(CONTENT_TYPE)
                        .contentLength((long) filled), buffered());
                return;
            }
            if (filled > 0) {
                sendPart();
            }
            s3.completeMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(upload -> upload.parts(parts)));
        }

        private void sendPart() {
            if (uploadId == null) {
                uploadId = s3.createMultipartUpload(request -> request.bucket(bucket).key(key)
                        .contentType(CONTENT_TYPE)).uploadId();
            }
            int number = parts.size() + 1;
            long length = filled;
            String etag = s3.uploadPart(request -> request.bucket(bucket).key(key).uploadId(uploadId)
                    .partNumber(number).contentLength(length), buffered()).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            filled = 0;
        }

        /** The buffer's filled bytes, re-readable (the SDK may retry a request), not copied. */
        private RequestBody buffered() {
            int length = filled;
            return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(part, 0, length), length,
                    CONTENT_TYPE);
        }

        /** The parts sent so far are dropped; the failure that led here is what the caller reports. */
        void abort(Exception failure) {
            if (uploadId == null) {
                return;
            }
            try {
                s3.abortMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId));
            } catch (SdkException abortFailed) {
                // The object never appears either way; a lifecycle rule on the bucket is the last resort for parts.
                failure.addSuppressed(abortFailed);
            }
        }
    }

    @Override
    public Optional<VideoContent> read(StoredVideo video) {
        String key = key(video.location());
        try {
            HeadObjectResponse head = s3.headObject(request -> request.bucket(bucket).key(key));
            return Optional.of(new ObjectContent(key, head.contentLength()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) { // a HEAD has no body, so no error code to tell NoSuchKey by
                return Optional.empty();
            }
            throw new UncheckedIOException(S3Failures.failure(s3, bucket, "the kept video " + key
                    + " cannot be read", e));
        } catch (SdkException e) {
            throw new UncheckedIOException(S3Failures.failure(s3, bucket, "the kept video " + key
                    + " cannot be read", e));
        }
    }

    @Override
    public void delete(StoredVideo video) throws ArchiveFailure {
        String key = key(video.location());
        try {
            s3.deleteObject(request -> request.bucket(bucket).key(key)); // S3 answers 204 for a missing key too
        } catch (SdkException e) {
            throw new ArchiveFailure(S3Failures.explain(s3, bucket, e).line("the kept video " + key
                    + " could not be removed"), e);
        }
    }

    /**
     * The key of a kept video: a plain file name under this archive's {@code videos/}. Anything else (another prefix,
     * a sub-folder, {@code ..}) is refused, as the local archive refuses a path outside its directory.
     *
     * @throws IllegalArgumentException the location is not a video of this archive
     */
    private String key(String location) {
        String name = location.startsWith(root) ? location.substring(root.length()) : null;
        if (name == null || name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals(".")
                || name.equals("..") || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("'" + location + "' is not a video of this archive: a location is a"
                    + " key under " + root);
        }
        return location;
    }

    /** A kept object; each range is one ranged GET, streamed from the connection as the caller reads. */
    private final class ObjectContent implements VideoContent {
        private final String key;
        private final long size;

        ObjectContent(String key, long size) {
            this.key = key;
            this.size = size;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public InputStream open(long offset, long length) throws IOException {
            if (offset < 0 || length < 0 || offset > size - length) {
                throw new IllegalArgumentException("bytes " + offset + "+" + length + " are not within the "
                        + size + " bytes of the video");
            }
            if (length == 0) {
                return InputStream.nullInputStream(); // a Range header cannot say "no bytes"
            }
            String range = "bytes=" + offset + "-" + (offset + length - 1);
            try {
                return s3.getObject(request -> request.bucket(bucket).key(key).range(range));
            } catch (NoSuchKeyException e) {
                NoSuchFileException missing = new NoSuchFileException(key, null, "the kept video is gone");
                missing.initCause(e);
                throw missing;
            } catch (SdkException e) {
                throw S3Failures.failure(s3, bucket, "the kept video " + key + " cannot be read", e);
            }
        }
    }

    /** What went wrong, in the exception's words; its kind where it has none ("ConnectException"). */
    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
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
