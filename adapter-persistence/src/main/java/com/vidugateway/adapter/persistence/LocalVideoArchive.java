package com.vidugateway.adapter.persistence;

import com.vidugateway.application.port.out.VideoArchive;
import com.vidugateway.domain.task.StoredVideo;
import com.vidugateway.domain.task.TaskId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Finished videos in a local directory, one file per task ({@code <task id>.mp4}). A download streams
 * straight to a temporary file in the same directory while its SHA-256 and length are computed, and is
 * moved into place atomically once complete: a file named for a task is always a whole video, and a
 * failed download leaves nothing behind.
 */
public final class LocalVideoArchive implements VideoArchive {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** For the whole download, headers and body. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);
    public static final long DEFAULT_MAX_BYTES = 2L * 1024 * 1024 * 1024;

    private static final String SUFFIX = ".mp4";
    private static final String PARTIAL_SUFFIX = ".part";

    private final Path directory;
    private final Clock clock;
    private final Duration connectTimeout;
    private final Duration timeout;
    private final long maxBytes;
    /** Built on the first download: a JDK HTTP client sets up TLS, which short CLI commands never need. */
    private HttpClient http;
    /** Ends downloads that outlive their time: closing the body stream unblocks the read. */
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "video-archive-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    /** Videos under {@code directory} (created when the first one is kept), with the default limits. */
    public LocalVideoArchive(Path directory, Clock clock) {
        this(directory, clock, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, DEFAULT_MAX_BYTES);
    }

    /**
     * @param connectTimeout how long to wait for a connection
     * @param timeout        how long a whole download may take
     * @param maxBytes       the largest video kept; a larger one fails the download
     */
    public LocalVideoArchive(Path directory, Clock clock, Duration connectTimeout, Duration timeout, long maxBytes) {
        this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.connectTimeout = positive(connectTimeout, "connectTimeout");
        this.timeout = positive(timeout, "timeout");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("the largest video is 1 byte or more, not " + maxBytes);
        }
        this.maxBytes = maxBytes;
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
        String name = task.value() + SUFFIX;
        Path partial = null;
        try {
            Files.createDirectories(directory);
            partial = Files.createTempFile(directory, task.value() + ".", PARTIAL_SUFFIX);
            Downloaded downloaded = download(source, partial, what + from);
            Files.move(partial, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            partial = null;
            return new StoredVideo(name, downloaded.size(), downloaded.sha256(), clock.instant());
        } catch (HttpConnectTimeoutException e) {
            throw new ArchiveFailure(what + from + " was not downloaded: no connection within "
                    + connectTimeout.toSeconds() + " s", e);
        } catch (HttpTimeoutException e) {
            throw new ArchiveFailure(what + from + " did not arrive within " + timeout.toSeconds() + " s", e);
        } catch (Refused e) {
            throw new ArchiveFailure(e.getMessage(), e);
        } catch (IOException e) {
            throw new ArchiveFailure(what + from + " could not be downloaded or written: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArchiveFailure(what + from + " was not downloaded: interrupted", e);
        } finally {
            if (partial != null) {
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException e) {
                    // Nothing more to do: a stray .part file is never read as a video.
                }
            }
        }
    }

    private record Downloaded(long size, String sha256) {}

    /** A download the server answered or sized unacceptably; the message says why. */
    private static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    private Downloaded download(URI source, Path partial, String what) throws IOException, InterruptedException {
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
            MessageDigest sha256 = sha256();
            long size = 0;
            try (FileChannel out = FileChannel.open(partial, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n = body.read(buffer); n != -1; n = body.read(buffer)) {
                    size += n;
                    if (size > maxBytes) {
                        throw new Refused(what + " is larger than " + maxBytes + " bytes, the most that is kept");
                    }
                    sha256.update(buffer, 0, n);
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                    while (chunk.hasRemaining()) {
                        out.write(chunk);
                    }
                }
                out.force(true);
            } catch (IOException e) {
                if (timedOut.get()) {
                    throw new HttpTimeoutException("the download took longer than " + timeout);
                }
                throw e;
            } finally {
                deadline.cancel(false);
            }
            if (timedOut.get()) {
                throw new HttpTimeoutException("the download took longer than " + timeout);
            }
            if (declared.isPresent() && declared.getAsLong() != size) {
                throw new IOException("the body ended after " + size + " of " + declared.getAsLong() + " bytes");
            }
            return new Downloaded(size, HexFormat.of().formatHex(sha256.digest()));
        }
    }

    @Override
    public Optional<VideoContent> read(StoredVideo video) {
        Path file = resolve(video.location());
        try {
            long size = Files.size(file);
            return Optional.of(new FileContent(file, size));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("the kept video " + video.location() + " cannot be read", e);
        }
    }

    @Override
    public void delete(StoredVideo video) throws ArchiveFailure {
        Path file = resolve(video.location());
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new ArchiveFailure("the kept video " + video.location() + " could not be removed: " + describe(e), e);
        }
    }

    /**
     * The file of a kept video: a plain file name in the directory. Anything that could reach outside it
     * (a path, {@code ..}, an absolute path) is refused.
     *
     * @throws IllegalArgumentException the location is not a file name in the directory
     */
    private Path resolve(String location) {
        if (location.isEmpty() || location.contains("/") || location.contains("\\") || location.equals(".")
                || location.equals("..") || location.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("'" + location + "' is not a video of this archive: a location is a"
                    + " file name in its directory");
        }
        Path file = directory.resolve(location).normalize();
        if (!file.getParent().equals(directory)) {
            throw new IllegalArgumentException("'" + location + "' is not a video of this archive");
        }
        return file;
    }

    private record FileContent(Path file, long size) implements VideoContent {
        @Override
        public InputStream open(long offset, long length) throws IOException {
            if (offset < 0 || length < 0 || offset > size - length) {
                throw new IllegalArgumentException("bytes " + offset + "+" + length + " are not within the "
                        + size + " bytes of the video");
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            try {
                channel.position(offset);
                return new Bounded(Channels.newInputStream(channel), length);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }
    }

    /** At most {@code left} bytes of a stream; closing it closes the stream. */
    private static final class Bounded extends InputStream {
        private final InputStream in;
        private long left;

        Bounded(InputStream in, long left) {
            this.in = in;
            this.left = left;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (left <= 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(Math.min(Math.max(n, 0), left));
            left -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), left);
        }

        @Override
        public void close() throws IOException {
            in.close();
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
