package com.vidugateway.adapter.persistence;

import com.vidugateway.application.port.out.ImageBlobs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Image blobs in a local directory ({@code VIDU_DATA_DIR/blobs}), one file per blob at
 * {@code <first two hex digits>/<sha256>}. An upload is written to a temporary file in {@code .incoming/}, forced to
 * disk, and renamed into place atomically when kept, then the directory is forced too: a blob file is always whole,
 * and a crash or a full disk leaves at most a temporary file, which {@link #list()} removes once it is an hour old.
 * Bytes go through small buffers only.
 */
public final class LocalImageBlobs implements ImageBlobs {

    static final String INCOMING = ".incoming";

    /** A temporary file this old belongs to no live upload: its writer was killed (kill -9, power cut). */
    static final Duration ABANDONED_AFTER = Duration.ofHours(1);

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern PREFIX = Pattern.compile("[0-9a-f]{2}");
    private static final int READ_BACK_LIMIT = 1024 * 1024;

    private final Path directory;
    private final Path incoming;
    private final Clock clock;
    private final Disk disk;

    /** Blobs under {@code directory} (created when the first upload starts). */
    public LocalImageBlobs(Path directory) {
        this(directory, Clock.systemUTC(), Disk.LOCAL);
    }

    /** @param disk how an upload's temporary file is opened: the disk, or in tests a device that is always full */
    LocalImageBlobs(Path directory, Clock clock, Disk disk) {
        this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
        this.incoming = this.directory.resolve(INCOMING);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.disk = Objects.requireNonNull(disk, "disk");
    }

    /** Where an upload's bytes go; the one seam tests use to meet a full disk without filling one. */
    interface Disk {
        Disk LOCAL = temporary -> FileChannel.open(temporary, StandardOpenOption.READ, StandardOpenOption.WRITE);

        FileChannel open(Path temporary) throws IOException;
    }

    @Override
    public Upload upload() throws IOException {
        try {
            Files.createDirectories(incoming);
            Path temporary = Files.createTempFile(incoming, "upload-", ".tmp");
            try {
                return new LocalUpload(temporary, disk.open(temporary));
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(temporary);
                throw e;
            }
        } catch (IOException e) {
            throw explained(e, "an image upload could not start");
        }
    }

    @Override
    public InputStream open(String sha256) throws IOException {
        return Files.newInputStream(file(sha256));
    }

    @Override
    public boolean contains(String sha256) {
        return Files.isRegularFile(file(sha256));
    }

    @Override
    public List<Blob> list() throws IOException {
        List<Blob> blobs = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return blobs;
        }
        removeAbandonedUploads();
        try (DirectoryStream<Path> prefixes = Files.newDirectoryStream(directory,
                path -> PREFIX.matcher(path.getFileName().toString()).matches() && Files.isDirectory(path))) {
            for (Path prefix : prefixes) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(prefix)) {
                    for (Path file : files) {
                        String name = file.getFileName().toString();
                        if (!SHA256.matcher(name).matches() || !name.startsWith(prefix.getFileName().toString())) {
                            continue; // not a blob: left alone, never reported
                        }
                        try {
                            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                            blobs.add(new Blob(name, attributes.size(), attributes.lastModifiedTime().toInstant()));
                        } catch (NoSuchFileException removedMeanwhile) {
                            // Another clean-up took it between listing and reading: it is not there.
                        }
                    }
                }
            }
        }
        return blobs;
    }

    @Override
    public void delete(String sha256) throws IOException {
        Files.deleteIfExists(file(sha256));
    }

    @Override
    public boolean deleteIfKeptBefore(String sha256, Instant before) throws IOException {
        Path blob = file(sha256);
        try {
            // Renewed (kept again) since: a submit is about to refer to it.
            if (!Files.getLastModifiedTime(blob).toInstant().isBefore(before)) {
                return false;
            }
        } catch (NoSuchFileException gone) {
            return false;
        }
        return Files.deleteIfExists(blob);
    }

    /** Temporary files an hour old: their uploads were cut off by a killed process (a live one closes its own). */
    private void removeAbandonedUploads() throws IOException {
        if (!Files.isDirectory(incoming)) {
            return;
        }
        Instant before = clock.instant().minus(ABANDONED_AFTER);
        try (DirectoryStream<Path> temporaries = Files.newDirectoryStream(incoming)) {
            for (Path temporary : temporaries) {
                try {
                    if (Files.getLastModifiedTime(temporary).toInstant().isBefore(before)) {
                        Files.deleteIfExists(temporary);
                    }
                } catch (NoSuchFileException goneMeanwhile) {
                    // Kept or closed meanwhile.
                }
            }
        }
    }

    /** The blob's file; a name that is not a lower-case hex SHA-256 never reaches the file system. */
    Path file(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a lower-case hex SHA-256: " + sha256);
        }
        return directory.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    /** An I/O failure said plainly: a full disk is named as such, whatever words the operating system used. */
    private IOException explained(IOException e, String what) {
        if (isDiskFull(e)) {
            return new ImageBlobs.StorageFull(what + ": the disk holding " + directory + " is full (" + e.getMessage()
                    + ")", e);
        }
        return new IOException(what + " in " + directory + ": " + (e.getMessage() == null
                ? e.getClass().getSimpleName() : e.getMessage()), e);
    }

    /** ENOSPC and EDQUOT on Linux and macOS, ERROR_DISK_FULL on Windows. */
    static boolean isDiskFull(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("no space left") || message.contains("disk quota exceeded")
                    || message.contains("not enough space on the disk")) {
                return true;
            }
        }
        return false;
    }

    /** Forces a directory's entries (a rename) to disk: without it a power cut can undo the rename. */
    private static void force(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private final class LocalUpload implements Upload {
        private final Path temporary;
        private final FileChannel channel;
        /** Set once the upload was kept, closed, or failed: its temporary file is gone then. */
        private boolean finished;

        LocalUpload(Path temporary, FileChannel channel) {
            this.temporary = temporary;
            this.channel = channel;
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
            ensureOpen();
            try {
                ByteBuffer chunk = ByteBuffer.wrap(bytes, offset, length);
                while (chunk.hasRemaining()) {
                    channel.write(chunk);
                }
            } catch (IOException e) {
                // Nothing half-written stays: the upload is over, its file removed.
                discard();
                throw explained(e, "an image could not be written");
            }
        }

        @Override
        public synchronized byte[] read(long offset, int count) throws IOException {
            ensureOpen();
            if (offset < 0 || count <= 0) {
                return new byte[0];
            }
            long size = channel.size();
            if (offset >= size) {
                return new byte[0];
            }
            // A header is a few hundred bytes; a caller asking for more gets it in a bounded piece.
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(Math.min(count, READ_BACK_LIMIT), size - offset));
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, offset + buffer.position());
                if (n < 0) {
                    break;
                }
            }
            byte[] bytes = new byte[buffer.position()];
            buffer.flip().get(bytes);
            return bytes;
        }

        @Override
        public synchronized void keep(String sha256) throws IOException {
            ensureOpen();
            Path target = file(sha256);
            try {
                if (Files.exists(target)) {
                    try {
                        // The same image again: stored once, its time renewed so a clean-up does not take it now.
                        Files.setLastModifiedTime(target, FileTime.from(clock.instant()));
                        discard();
                        return;
                    } catch (NoSuchFileException removedMeanwhile) {
                        // A clean-up removed it between the two calls: this upload becomes the blob after all.
                    }
                }
                channel.force(true);
                channel.close();
                Path prefix = target.getParent();
                if (!Files.isDirectory(prefix)) {
                    Files.createDirectories(prefix);
                    force(directory); // the new prefix directory's own entry
                }
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
                finished = true;
                force(prefix);
            } catch (IOException e) {
                discard();
                throw explained(e, "image " + sha256 + " could not be kept");
            }
        }

        @Override
        public synchronized void close() {
            if (!finished) {
                discard();
            }
        }

        private void ensureOpen() {
            if (finished) {
                throw new IllegalStateException("this upload is already kept, closed or failed");
            }
        }

        private void discard() {
            finished = true;
            try {
                channel.close();
            } catch (IOException e) {
                // The file is removed next either way.
            }
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                // Left in .incoming: list() removes it once it is an hour old.
            }
        }
    }
}
