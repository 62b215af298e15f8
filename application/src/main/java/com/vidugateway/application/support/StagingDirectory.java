package com.vidugateway.application.support;

import com.vidugateway.application.port.out.ImageBlobs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Where {@link ImageBlobs} implementations stage an upload before it is kept: a temporary file in a directory of
 * their own, so that the header can be read back and an upload cut off never reaches the store. Each store says only
 * how a whole upload is kept ({@link StagedUpload#store}); writing, reading back, discarding, naming a full disk and
 * removing what a killed process left are the same for all.
 */
public final class StagingDirectory {

    /** A temporary file this old was left by a process that died mid-upload (a live one closes its own). */
    public static final Duration ABANDONED_AFTER = Duration.ofHours(1);

    /** A header is a few hundred bytes; a caller asking for more gets it in a bounded piece. */
    private static final int READ_BACK_LIMIT = 1024 * 1024;

    /** Where an upload's bytes go; the one seam tests use to meet a full disk without filling one. */
    public interface Disk {
        Disk LOCAL = temporary -> FileChannel.open(temporary, StandardOpenOption.READ, StandardOpenOption.WRITE);

        FileChannel open(Path temporary) throws IOException;
    }

    private final Path directory;
    private final Path named;
    private final Clock clock;
    private final Disk disk;

    public StagingDirectory(Path directory, Clock clock, Disk disk) {
        this(directory, directory, clock, disk);
    }

    /** @param named the directory that messages name (a store staging inside its own directory names that one) */
    public StagingDirectory(Path directory, Path named, Clock clock, Disk disk) {
        this.directory = directory;
        this.named = named;
        this.clock = clock;
        this.disk = disk;
    }

    public Path directory() {
        return directory;
    }

    /** A new temporary file and its channel, for {@code StagedUpload}'s constructor. */
    public record Staged(Path temporary, FileChannel channel) {}

    public Staged stage() throws IOException {
        try {
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, "upload-", ".tmp");
            try {
                return new Staged(temporary, disk.open(temporary));
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(temporary);
                throw e;
            }
        } catch (IOException e) {
            throw explained(e, "an image upload could not start");
        }
    }

    /** Removes temporary files {@link #ABANDONED_AFTER} old. */
    public void removeAbandoned() throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        Instant before = clock.instant().minus(ABANDONED_AFTER);
        try (DirectoryStream<Path> temporaries = Files.newDirectoryStream(directory, "upload-*.tmp")) {
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

    /** A failure in this directory, said plainly ({@link #explained(Path, IOException, String)}). */
    public IOException explained(IOException e, String what) {
        return explained(named, e, what);
    }

    /**
     * An I/O failure in {@code where} said plainly: a full disk is named as such ({@link ImageBlobs.StorageFull}),
     * whatever words the operating system used.
     */
    public static IOException explained(Path where, IOException e, String what) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (isDiskFull(e)) {
            return new ImageBlobs.StorageFull(what + ": the disk holding " + where + " is full (" + message + ")", e);
        }
        return new IOException(what + " in " + where + ": " + message, e);
    }

    /** ENOSPC and EDQUOT on Linux and macOS, ERROR_DISK_FULL on Windows. */
    public static boolean isDiskFull(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("no space left") || message.contains("disk quota exceeded")
                    || message.contains("not enough space on the disk")) {
                return true;
            }
        }
        return false;
    }

    /** An upload in a staged temporary file; the store decides how a whole one is kept. */
    public abstract static class StagedUpload implements ImageBlobs.Upload {
        private final StagingDirectory staging;
        private final Path temporary;
        private final FileChannel channel;
        /** Set once the upload was kept, closed, or failed: its temporary file is gone then. */
        private boolean finished;

        protected StagedUpload(StagingDirectory staging) throws IOException {
            Staged staged = staging.stage();
            this.staging = staging;
            this.temporary = staged.temporary();
            this.channel = staged.channel();
        }

        /**
         * Keeps the whole upload as blob {@code sha256}: its bytes are in {@code temporary} (written to disk, closed).
         * A failure says what failed in the store's own words.
         *
         * @return true when the temporary file was moved into the store; false to have it removed here
         */
        protected abstract boolean store(String sha256, Path temporary, long size) throws IOException;

        @Override
        public final synchronized void write(byte[] bytes, int offset, int length) throws IOException {
            ensureOpen();
            try {
                ByteBuffer chunk = ByteBuffer.wrap(bytes, offset, length);
                while (chunk.hasRemaining()) {
                    channel.write(chunk);
                }
            } catch (IOException e) {
                // Nothing half-written stays: the upload is over, its file removed.
                discard();
                throw staging.explained(e, "an image could not be written");
            }
        }

        @Override
        public final synchronized byte[] read(long offset, int count) throws IOException {
            ensureOpen();
            if (offset < 0 || count <= 0) {
                return new byte[0];
            }
            long size = channel.size();
            if (offset >= size) {
                return new byte[0];
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(Math.min(count, READ_BACK_LIMIT), size - offset));
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + buffer.position()) < 0) {
                    break;
                }
            }
            byte[] read = new byte[buffer.position()];
            buffer.flip().get(read);
            return read;
        }

        @Override
        public final synchronized void keep(String sha256) throws IOException {
            ensureOpen();
            long size;
            try {
                channel.force(true);
                size = channel.size();
                channel.close();
            } catch (IOException e) {
                discard();
                throw staging.explained(e, "image " + sha256 + " could not be kept");
            }
            boolean moved = false;
            try {
                moved = store(sha256, temporary, size);
            } finally {
                if (moved) {
                    finished = true;
                } else {
                    discard(); // found already there, or failed: the temporary file goes either way
                }
            }
        }

        @Override
        public final synchronized void close() {
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
                // Left in the staging directory: removeAbandoned() takes it once it is an hour old.
            }
        }
    }
}
