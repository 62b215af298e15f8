package com.vidugateway.adapter.s3;

import com.vidugateway.application.port.out.ImageBlobs;
import com.vidugateway.application.port.out.StagingDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Image blobs in an S3-compatible bucket, one object per blob at {@code <prefix>blobs/<first two hex digits>/<sha256>}.
 *
 * <p>An upload is written to a local temporary file first: its header can be read back while it arrives, and a
 * cut-off upload never reaches the bucket. Keeping it asks the bucket whether the blob is there (HEAD); if not, the
 * file is sent (one PUT, or a multipart upload above {@value #MULTIPART_THRESHOLD} bytes), streamed from disk.
 *
 * <p>A blob's time is when it was last kept. Keeping the same image again does not send it: the object is copied onto
 * itself with its {@value #KEPT_AT} metadata set to now (a server-side copy of one image), which renews it on every
 * S3-compatible store whether or not that store moves Last-Modified on a copy. Times are cut to whole seconds, what
 * HEAD's Last-Modified carries.
 */
public final class S3ImageBlobs implements ImageBlobs {

    /** Above this an object is sent in parts (S3 allows 5 GiB in one PUT, but a failed part is cheaper to resend). */
    static final long MULTIPART_THRESHOLD = 16L * 1024 * 1024;
    static final long PART_SIZE = 8L * 1024 * 1024;


    /** User metadata written with every blob: when this gateway kept it (also what makes a renewing copy a change). */
    static final String KEPT_AT = "kept-at";

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final String CONTENT_TYPE = "application/octet-stream";

    private final S3Client s3;
    private final String bucket;
    private final String root;
    private final StagingDirectory incoming;
    private final Clock clock;

    /**
     * Blobs in {@code bucket} under {@code prefix} (may be empty), with uploads on their way in kept in the system's
     * temporary directory.
     */
    public S3ImageBlobs(S3Client s3, String bucket, String prefix, Clock clock) {
        this(s3, bucket, prefix, clock, Path.of(System.getProperty("java.io.tmpdir"), "vidu-s3-uploads"));
    }

    /** @param incoming the local directory for uploads not yet kept (created when the first one starts) */
    public S3ImageBlobs(S3Client s3, String bucket, String prefix, Clock clock, Path incoming) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        S3Location location = new S3Location(bucket, prefix);
        this.bucket = location.bucket();
        this.root = location.prefix() + "blobs/";
        this.clock = Objects.requireNonNull(clock, "clock");
        this.incoming = new StagingDirectory(Objects.requireNonNull(incoming, "incoming").toAbsolutePath().normalize(),
                this.clock, StagingDirectory.Disk.LOCAL);
    }

    @Override
    public Upload upload() throws IOException {
        return new S3Upload();
    }

    @Override
    public InputStream open(String sha256) throws IOException {
        String key = key(sha256);
        try {
            // The SDK's response stream reads from the connection as the caller reads: nothing is buffered whole.
            return S3Body.whole(s3.getObject(request -> request.bucket(bucket).key(key)), "image " + sha256);
        } catch (NoSuchKeyException e) {
            throw missing(key, e);
        } catch (SdkException e) {
            throw S3Failures.failure(s3, bucket, "image " + sha256 + " could not be read", e);
        }
    }

    @Override
    public boolean contains(String sha256) {
        try {
            return head(key(sha256), "image " + sha256 + " could not be looked up") != null;
        } catch (IOException e) {
            // An outage is not an answer: saying "no" would send the image again into the same outage. The cause is
            // a Storage.Unavailable when the bucket cannot be used now.
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /**
     * One ListObjectsV2 page per thousand blobs, no request per blob: a blob's time here is its Last-Modified, which
     * on a store that does not move it on a renewing copy can be older than its last renewal. That errs on the side
     * housekeeping re-checks: {@link #deleteIfKeptBefore} reads the exact time before it removes anything.
     */
    @Override
    public List<Blob> list() throws IOException {
        incoming.removeAbandoned();
        List<Blob> blobs = new ArrayList<>();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(root))
                    .contents()) {
                String sha256 = sha256Of(object.key());
                if (sha256 != null) {
                    blobs.add(new Blob(sha256, object.size(), keptAt(object.lastModified())));
                }
            }
        } catch (SdkException e) {
            throw S3Failures.failure(s3, bucket, "image blobs could not be listed", e);
        }
        return blobs;
    }

    @Override
    public void delete(String sha256) throws IOException {
        String key = key(sha256);
        try {
            s3.deleteObject(request -> request.bucket(bucket).key(key)); // S3 answers 204 for a missing key too
        } catch (SdkException e) {
            throw S3Failures.failure(s3, bucket, "image " + sha256 + " could not be removed", e);
        }
    }

    /**
     * Reads the blob's time right before removing it. S3 has no "delete if not modified since" that every compatible
     * store honours, so a renewal landing between the HEAD and the DELETE (a few milliseconds) is lost; housekeeping
     * cut-offs are hours in the past, so that renewal would have to be hours late to matter.
     */
    @Override
    public boolean deleteIfKeptBefore(String sha256, Instant before) throws IOException {
        String key = key(sha256);
        HeadObjectResponse head = head(key, "image " + sha256 + " could not be looked up");
        if (head == null || !keptAt(head).isBefore(before)) {
            return false;
        }
        delete(sha256);
        return true;
    }

    /**
     * The object's metadata, or null when it is not there. A HEAD has no body, so a missing bucket looks like a missing
     * key here: {@link S3Storage#check()} finds that at start, and a keep into it fails naming the bucket.
     */
    private HeadObjectResponse head(String key, String what) throws IOException {
        try {
            return s3.headObject(request -> request.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            return null;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return null;
            }
            throw S3Failures.failure(s3, bucket, what, e);
        } catch (SdkException e) {
            throw S3Failures.failure(s3, bucket, what, e);
        }
    }

    /**
     * When the blob was last kept: its Last-Modified or the time in its {@value #KEPT_AT} metadata, whichever is later.
     * A renewal copies the object onto itself with new metadata; AWS, MinIO and Ceph move Last-Modified then, but not
     * every S3-compatible store does (s3rver does not), while every one keeps the new metadata.
     */
    private static Instant keptAt(HeadObjectResponse head) {
        Instant keptAt = head.lastModified();
        String metadata = head.metadata().get(KEPT_AT);
        if (metadata != null) {
            try {
                Instant renewed = Instant.parse(metadata);
                keptAt = renewed.isAfter(keptAt) ? renewed : keptAt;
            } catch (java.time.format.DateTimeParseException foreign) {
                // Not written by this gateway: Last-Modified alone.
            }
        }
        return keptAt(keptAt);
    }

    /** Second precision: the listing may carry milliseconds, HEAD's Last-Modified never does. */
    private static Instant keptAt(Instant lastModified) {
        return lastModified.truncatedTo(ChronoUnit.SECONDS);
    }

    /** The blob's key; a name that is not a lower-case hex SHA-256 never reaches the bucket. */
    String key(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a lower-case hex SHA-256: " + sha256);
        }
        return root + sha256.substring(0, 2) + "/" + sha256;
    }

    /** The SHA-256 of a blob's key, or null for any other object under the prefix (left alone, never reported). */
    private String sha256Of(String key) {
        if (!key.startsWith(root)) {
            return null;
        }
        String rest = key.substring(root.length());
        if (rest.length() != 67 || rest.charAt(2) != '/') {
            return null;
        }
        String sha256 = rest.substring(3);
        return SHA256.matcher(sha256).matches() && sha256.startsWith(rest.substring(0, 2)) ? sha256 : null;
    }

    private static NoSuchFileException missing(String key, Exception cause) {
        NoSuchFileException missing = new NoSuchFileException(key, null, "no such image blob");
        missing.initCause(cause);
        return missing;
    }

    /** Sent from its temporary file when it is not in the bucket yet; renewed in place when it is. */
    private final class S3Upload extends StagingDirectory.StagedUpload {

        S3Upload() throws IOException {
            super(incoming);
        }

        @Override
        protected boolean store(String sha256, Path temporary, long size) throws IOException {
            String key = key(sha256);
            try {
                if (head(key, "image " + sha256 + " could not be kept") != null && renewed(key)) {
                    return false;
                }
                Map<String, String> metadata = Map.of(KEPT_AT, clock.instant().toString());
                if (size <= MULTIPART_THRESHOLD) {
                    s3.putObject(request -> request.bucket(bucket).key(key).contentType(CONTENT_TYPE)
                            .contentLength(size).metadata(metadata), RequestBody.fromFile(temporary));
                } else {
                    new MultipartUpload(s3, bucket, key, CONTENT_TYPE, metadata).send(temporary, size, PART_SIZE);
                }
                return false; // sent as a copy: the temporary file goes
            } catch (SdkException e) {
                throw S3Failures.failure(s3, bucket, "image " + sha256 + " could not be kept", e);
            } catch (UncheckedIOException e) {
                throw incoming.explained(e.getCause(), "image " + sha256 + " could not be kept");
            }
        }

        /**
         * The same image again: stored once, its time renewed by copying it onto itself with new metadata, so a
         * clean-up does not take it now. False when a clean-up removed it between the HEAD and the copy: this upload
         * becomes the blob after all.
         */
        private boolean renewed(String key) {
            try {
                s3.copyObject(request -> request.sourceBucket(bucket).sourceKey(key)
                        .destinationBucket(bucket).destinationKey(key)
                        .metadataDirective(MetadataDirective.REPLACE).contentType(CONTENT_TYPE)
                        .metadata(Map.of(KEPT_AT, clock.instant().toString())));
                return true;
            } catch (NoSuchKeyException removedMeanwhile) {
                return false;
            }
        }
    }
}
