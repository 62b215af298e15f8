package com.vidugateway.domain.image;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where an inline image's bytes are kept: its content address (the SHA-256 of the decoded bytes, lower-case
 * hex) and its size. A task refers to images by this; the bytes live in a blob store, never in the task.
 */
public record ImageBlob(String sha256, long size) {

    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

    public ImageBlob {
        Objects.requireNonNull(sha256, "sha256");
        if (!HEX_SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a lower-case hex SHA-256: " + sha256);
        }
        if (size < 0) {
            throw new IllegalArgumentException("a size is 0 or more");
        }
    }
}
