package com.vidugateway.adapter.s3;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the gateway keeps its objects: a bucket and a key prefix, written {@code s3://bucket[/prefix]} (the value of
 * {@code VIDU_STORAGE}). The prefix is kept with a trailing slash, or empty, so keys are {@code prefix + "blobs/…"}.
 */
record S3Location(String bucket, String prefix) {

    /** S3's bucket rules, loosely: what no S3-compatible store would accept is refused here, with the setting named. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.\\-_]{1,61}[a-z0-9]");

    S3Location {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
        if (!BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("not an S3 bucket name: '" + bucket + "'");
        }
        String trimmed = prefix.replaceAll("^/+|/+$", "");
        prefix = trimmed.isEmpty() ? "" : trimmed + "/";
    }

    /** Parses {@code s3://bucket[/prefix]}; the message of a bad one names what was expected. */
    static S3Location parse(String location) {
        if (location == null || !location.startsWith("s3://")) {
            throw new IllegalArgumentException("expected s3://bucket[/prefix], got '" + location + "'");
        }
        String rest = location.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("'" + location + "' names no bucket: expected s3://bucket[/prefix]");
        }
        try {
            return new S3Location(bucket, prefix);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " in '" + location + "'", e);
        }
    }

    @Override
    public String toString() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix.substring(0, prefix.length() - 1));
    }
}
