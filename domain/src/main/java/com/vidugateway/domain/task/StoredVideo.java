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
 */
public record StoredVideo(String location, long sizeBytes, String sha256, Instant storedAt) {

    public StoredVideo {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(storedAt, "storedAt");
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("a video has a size of 0 bytes or more");
        }
    }
}
