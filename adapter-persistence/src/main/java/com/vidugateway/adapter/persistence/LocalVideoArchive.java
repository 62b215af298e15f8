package com.vidugateway.adapter.persistence;

import com.vidugateway.application.port.out.VideoArchive;
import com.vidugateway.application.port.out.VideoDownload;
import com.vidugateway.domain.task.StoredVideo;
import com.vidugateway.domain.task.TaskId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Finished videos in a local directory, one file per task ({@code <task id>.mp4}), its poster beside it
 * ({@code <task id>.poster.jpg}) once one is made. A download streams
 * straight to a temporary file in the same directory while its SHA-256 and length are computed, and is
 * moved into place atomically once complete: a file named for a task is always a whole video, and a
 * failed download leaves nothing behind.
 */
public final class LocalVideoArchive implements VideoArchive {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = VideoDownload.DEFAULT_CONNECT_TIMEOUT;
    /** For the whole download, headers and body. */
    public static final Duration DEFAULT_TIMEOUT = VideoDownload.DEFAULT_TIMEOUT;
    public static final long DEFAULT_MAX_BYTES = VideoDownload.DEFAULT_MAX_BYTES;

    private static final String SUFFIX = ".mp4";
    private static final String PARTIAL_SUFFIX = ".part";

    private final Path directory;
    private final Clock clock;
    private final VideoDownload download;

    /**
     * Videos under {@code directory} (created when the first one is kept), fetched by {@code download} (its address
     * rules and limits).
     */
    public LocalVideoArchive(Path directory, Clock clock, VideoDownload download) {
        this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.download = Objects.requireNonNull(download, "download");
    }

    @Override
    public StoredVideo keep(TaskId task, URI source) throws ArchiveFailure {
        String name = task.value() + SUFFIX;
        Path partial;
        try {
            Files.createDirectories(directory);
            partial = Files.createTempFile(directory, task.value() + ".", PARTIAL_SUFFIX);
        } catch (IOException e) {
            throw new ArchiveFailure("the video of task " + task + " could not be written: "
                    + VideoDownload.describe(e), e);
        }
        try (FileChannel out = FileChannel.open(partial, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            VideoDownload.Downloaded downloaded = download.fetch(task, source, new VideoDownload.Sink() {
                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    ByteBuffer chunk = ByteBuffer.wrap(bytes, offset, length);
                    while (chunk.hasRemaining()) {
                        out.write(chunk);
                    }
                }

                @Override
                public void complete() throws IOException {
                    out.force(true);
                    Files.move(partial, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                }

                @Override
                public void abort(Exception failure) {
                    // The partial file goes below, whatever happened.
                }
            });
            return new StoredVideo(name, downloaded.size(), downloaded.sha256(), clock.instant());
        } catch (IOException e) {
            throw new ArchiveFailure("the video of task " + task + " could not be written: "
                    + VideoDownload.describe(e), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // Nothing more to do: a stray .part file is never read as a video.
            }
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
        Path poster = resolve(VideoArchive.posterLocation(video.location()));
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(poster);
        } catch (IOException e) {
            throw new ArchiveFailure("the kept video " + video.location() + " could not be removed: " + VideoDownload.describe(e), e);
        }
    }

    /** Written to a temporary file in the directory, then moved into place: a poster file is always a whole one. */
    @Override
    public void keepPoster(StoredVideo video, byte[] jpeg) throws ArchiveFailure {
        resolve(video.location());
        String name = VideoArchive.posterLocation(video.location());
        Path target = resolve(name);
        Path partial = null;
        try {
            Files.createDirectories(directory);
            partial = Files.createTempFile(directory, name + ".", PARTIAL_SUFFIX);
            Files.write(partial, jpeg, StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ArchiveFailure("the poster " + name + " could not be written: " + VideoDownload.describe(e), e);
        } finally {
            if (partial != null) {
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException e) {
                    // A stray .part file is never read as a poster.
                }
            }
        }
    }

    @Override
    public Optional<byte[]> poster(StoredVideo video) {
        resolve(video.location());
        Path file = resolve(VideoArchive.posterLocation(video.location()));
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("the poster of " + video.location() + " cannot be read", e);
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

}
