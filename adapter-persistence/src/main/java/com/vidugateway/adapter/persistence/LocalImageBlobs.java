package com.vidugateway.adapter.persistence;

import com.vidugateway.application.port.out.ImageBlobs;
import com.vidugateway.application.support.StagingDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    static final Duration ABANDONED_AFTER = StagingDirectory.ABANDONED_AFTER;

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern PREFIX = Pattern.compile("[0-9a-f]{2}");

    private final Path directory;
    private final StagingDirectory incoming;

    /** Blobs under {@code directory} (created when the first upload starts). */
    public LocalImageBlobs(Path directory) {
        this(directory, Clock.systemUTC(), StagingDirectory.Disk.LOCAL);
    }

    /** @param disk how an upload's temporary file is opened: the disk, or in tests a device that is always full */
    LocalImageBlobs(Path directory, Clock clock, StagingDirectory.Disk disk) {
        this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
        this.incoming = new StagingDirectory(this.directory.resolve(INCOMING), this.directory,
                Objects.requireNonNull(clock, "clock"),
                Objects.requireNonNull(disk, "disk"));
    }

    @Override
    public Upload upload() throws IOException {
        return new LocalUpload();
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
        incoming.removeAbandoned();
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
                            blobs.add(new Blob(name, Files.size(file)));
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

    /** The blob's file; a name that is not a lower-case hex SHA-256 never reaches the file system. */
    Path file(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a lower-case hex SHA-256: " + sha256);
        }
        return directory.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    /** A failure of the blob directory itself, said as the staging directory says its own (a full disk named). */
    private IOException explained(IOException e, String what) {
        return StagingDirectory.explained(directory, e, what);
    }

    /** Forces a directory's entries (a rename) to disk: without it a power cut can undo the rename. */
    private static void force(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Kept by an atomic rename of its temporary file into place (same file system: both under the directory). */
    private final class LocalUpload extends StagingDirectory.StagedUpload {

        LocalUpload() throws IOException {
            super(incoming);
        }

        @Override
        protected boolean store(String sha256, Path temporary, long size) throws IOException {
            Path target = file(sha256);
            try {
                if (Files.isRegularFile(target)) {
                    // The same image again: stored once. (Asked after the submit marked it: no sweep removes it now.)
                    return false;
                }
                Path prefix = target.getParent();
                if (!Files.isDirectory(prefix)) {
                    Files.createDirectories(prefix);
                    force(directory); // the new prefix directory's own entry
                }
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
                force(prefix);
                return true;
            } catch (IOException e) {
                throw explained(e, "image " + sha256 + " could not be kept");
            }
        }
    }
}
