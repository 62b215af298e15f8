package com.vidugateway.domain.task;

import java.time.Instant;
import java.util.Objects;

/**
 * The gateway's own copy of a finished video: the provider's URLs expire, this does not.
 *
 * @param location  where the archive keeps it (a key the archive understands, not a URL)
 * @param sizeBytes its length
 * @param sha256    its SHA-256, hex
 * @param storedAt  when the copy was completed
 * @param removedAt when retention removed the copy; null while it is kept
 */
public record StoredVideo(String location, long sizeBytes, String sha256, Instant storedAt, Instant removedAt) {

    public StoredVideo(String location, long sizeBytes, String sha256, Instant storedAt) {
        this(location, sizeBytes, sha256, storedAt, null);
    }

    public StoredVideo {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(storedAt, "storedAt");
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("a video has a size of 0 bytes or more");
        }
    }

    /** The same video, removed at {@code at}. */
    public StoredVideo removed(Instant at) {
        return new StoredVideo(location, sizeBytes, sha256, storedAt, Objects.requireNonNull(at, "at"));
    }
}
