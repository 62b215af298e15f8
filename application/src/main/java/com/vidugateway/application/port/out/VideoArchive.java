package com.vidugateway.application.port.out;

import com.vidugateway.domain.task.StoredVideo;
import com.vidugateway.domain.task.TaskId;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;

/**
 * The gateway's own copies of finished videos (a local directory by default; an object store could be
 * another implementation). Copies are streamed, never held whole in memory.
 */
public interface VideoArchive {

    /**
     * Downloads the video at {@code source} and keeps it for {@code task}.
     *
     * @throws ArchiveFailure the download or the write failed; nothing half-written is kept
     */
    StoredVideo keep(TaskId task, URI source) throws ArchiveFailure;

    /** The kept video; empty when it is not (or no longer) there. */
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
