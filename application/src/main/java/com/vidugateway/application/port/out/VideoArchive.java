package com.vidugateway.application.port.out;

import com.vidugateway.domain.task.StoredVideo;
import com.vidugateway.domain.task.TaskId;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;

/**
 * The gateway's own copies of finished videos (a local directory by default, or an S3-compatible bucket): one facet
 * of a {@link Storage}. Copies are streamed, never held whole in memory. A storage that cannot be used now fails with
 * a {@link Storage.Unavailable}: the cause of an {@link ArchiveFailure} from {@link #keep} and {@link #delete}, of an
 * {@link java.io.UncheckedIOException} from {@link #read}, thrown as it is by {@link VideoContent#open}.
 */
public interface VideoArchive {

    /**
     * Downloads the video at {@code source} and keeps it for {@code task}.
     *
     * @throws ArchiveFailure the download or the write failed; nothing half-written is kept
     */
    StoredVideo keep(TaskId task, URI source) throws ArchiveFailure;

    /**
     * The kept video; empty when it is not (or no longer) there.
     *
     * @throws java.io.UncheckedIOException the archive cannot be read now (an outage is not "no such video")
     */
    Optional<VideoContent> read(StoredVideo video);

    /** Removes a kept video (retention), and its poster; nothing happens when they are already gone. */
    void delete(StoredVideo video) throws ArchiveFailure;

    /**
     * Keeps {@code jpeg} as the poster of {@code video}, beside it at {@link #posterLocation}; an earlier poster is
     * replaced whole, and a failed write leaves none half-written.
     *
     * @throws ArchiveFailure the write failed
     * @throws IllegalArgumentException the video's location is not one of this archive
     */
    void keepPoster(StoredVideo video, byte[] jpeg) throws ArchiveFailure;

    /**
     * The poster kept beside {@code video}; empty when none is (not made yet, or removed with the video).
     *
     * @throws java.io.UncheckedIOException the archive cannot be read now
     * @throws IllegalArgumentException the video's location is not one of this archive
     */
    Optional<byte[]> poster(StoredVideo video);

    /**
     * Where the poster of the video at {@code videoLocation} is kept: beside it, {@code <name>.poster.jpg} for
     * {@code <name>.mp4}. Derived, so no task record changes when a poster is made.
     */
    static String posterLocation(String videoLocation) {
        String name = videoLocation.endsWith(".mp4")
                ? videoLocation.substring(0, videoLocation.length() - ".mp4".length()) : videoLocation;
        return name + ".poster.jpg";
    }

    /** A kept video's bytes, readable in ranges (HTTP Range requests, resumable downloads). */
    interface VideoContent {
        long size();

        /** {@code length} bytes from {@code offset}; the caller closes the stream. */
        InputStream open(long offset, long length) throws IOException;
    }

    /** Why a video could not be kept; the message is safe to show. */
    final class ArchiveFailure extends Exception {
        public ArchiveFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
