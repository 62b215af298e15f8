package com.vidugateway.adapter.persistence;

import com.vidugateway.application.port.out.ImageBlobs;
import com.vidugateway.application.support.StagingDirectory;
import com.vidugateway.application.port.out.Storage;
import com.vidugateway.application.port.out.VideoArchive;
import com.vidugateway.application.port.out.VideoDownload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Images and videos in local directories: {@link LocalImageBlobs} and {@link LocalVideoArchive}, by default
 * {@code blobs/} and {@code videos/} of the data directory. One machine's storage: several gateway instances share it
 * only when they share the directory.
 */
public final class LocalStorage implements Storage {

    private final Path blobs;
    private final Path videos;
    private final LocalImageBlobs images;
    private final LocalVideoArchive archive;

    /**
     * Images in {@code blobs}, videos in {@code videos} (each created when first needed), the videos fetched by
     * {@code download}.
     */
    public LocalStorage(Path blobs, Path videos, Clock clock, VideoDownload download) {
        this.blobs = Objects.requireNonNull(blobs, "blobs").toAbsolutePath().normalize();
        this.videos = Objects.requireNonNull(videos, "videos").toAbsolutePath().normalize();
        this.images = new LocalImageBlobs(this.blobs);
        this.archive = new LocalVideoArchive(this.videos, clock, download);
    }

    /** {@code blobs/} and {@code videos/} of {@code dataDirectory}. */
    public static LocalStorage in(Path dataDirectory, Clock clock, VideoDownload download) {
        return new LocalStorage(dataDirectory.resolve("blobs"), dataDirectory.resolve("videos"), clock, download);
    }

    @Override
    public ImageBlobs images() {
        return images;
    }

    @Override
    public VideoArchive videos() {
        return archive;
    }

    /**
     * Each directory is made when missing, and a file is created in it and removed again: a directory that is a file,
     * cannot be made, or cannot be written to is named.
     */
    @Override
    public void check() throws IOException {
        writable(blobs, "image");
        writable(videos, "video");
    }

    private static void writable(Path directory, String what) throws IOException {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new IOException(what + " storage " + directory + " is not a directory");
        }
        try {
            Files.createDirectories(directory);
            Path probe = Files.createTempFile(directory, ".check-", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            if (StagingDirectory.isDiskFull(e)) {
                throw StagingDirectory.explained(directory, e, what + " storage cannot be written");
            }
            throw new IOException(what + " storage " + directory + " cannot be written ("
                    + e.getClass().getSimpleName() + ": " + VideoDownload.describe(e) + ")", e);
        }
    }

    @Override
    public String describe() {
        return blobs.getParent() != null && blobs.getParent().equals(videos.getParent())
                ? "the directory " + blobs.getParent() + " (" + blobs.getFileName() + "/, " + videos.getFileName() + "/)"
                : "the directories " + blobs + " and " + videos;
    }

    @Override
    public String toString() {
        return "LocalStorage[" + describe() + "]";
    }
}
