package com.vidugateway.application.port.out;

import com.vidugateway.domain.task.TaskId;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * How every {@link VideoArchive} fetches a provider's video: an http(s) GET with a connect timeout and a deadline for
 * the whole download, a size limit checked on Content-Length and again while reading, the SHA-256 computed on the
 * way, and the bytes handed to the archive's {@link Sink} as they arrive — never the whole video in memory. Every hop
 * (the URL and each redirect) goes only where {@link com.vidugateway.application.support.DestinationPolicy} allows, to the very addresses it checked.
 * Every way it can fail is an {@link VideoArchive.ArchiveFailure} that says why, the same whatever the archive.
 */
public interface VideoDownload {

    Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** For the whole download, headers and body, redirects included. */
    Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);
    long DEFAULT_MAX_BYTES = 2L * 1024 * 1024 * 1024;

    /** Where the bytes go: the archive's own storage. */
    interface Sink {
        /** The next bytes of the video. */
        void write(byte[] bytes, int offset, int length) throws IOException;

        /** The whole video arrived (its length checked): make it the task's video. */
        void complete() throws IOException;

        /** The download failed: drop what was written; {@code failure} is what the caller reports. */
        void abort(Exception failure);
    }

    record Downloaded(long size, String sha256) {}

    /** The largest video kept; a larger one fails the download. */
    long maxBytes();

    /**
     * Fetches the video of {@code task} at {@code source} into {@code sink}. A failure of the sink that is not an
     * {@link IOException} (a storage client's own exception) is passed on as it is, after {@link Sink#abort}.
     */
    Downloaded fetch(TaskId task, URI source, Sink sink) throws VideoArchive.ArchiveFailure;

    /** An I/O failure in words: its message, or its kind when it has none. */
    static String describe(IOException e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }
}
