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

    /** Removes a kept video (retention); nothing happens when it is already gone. */
    void delete(StoredVideo video) throws ArchiveFailure;

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
