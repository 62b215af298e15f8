package com.vidugateway.adapter.s3;

import com.vidugateway.application.port.out.ImageBlobs;
import com.vidugateway.application.support.StagingDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
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
 * <p>Keeping the same image again sends nothing: the HEAD finds it. When a blob was last kept is not the bucket's to
 * say (its Last-Modified has whole seconds, and a store's clock is not the database's): the task database's marks
 * ({@link com.vidugateway.application.port.out.ImageBlobMarks}) say it, and housekeeping deletes a blob only with its
 * mark locked.
 */
public final class S3ImageBlobs implements ImageBlobs {

    /** Above this an object is sent in parts (S3 allows 5 GiB in one PUT, but a failed part is cheaper to resend). */
    static final long MULTIPART_THRESHOLD = 16L * 1024 * 1024;
    static final long PART_SIZE = 8L * 1024 * 1024;

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

    /** One ListObjectsV2 page per thousand blobs, no request per blob. */
    @Override
    public List<Blob> list() throws IOException {
        incoming.removeAbandoned();
        List<Blob> blobs = new ArrayList<>();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(root))
                    .contents()) {
                String sha256 = sha256Of(object.key());
                if (sha256 != null) {
                    blobs.add(new Blob(sha256, object.size()));
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

    /** Sent from its temporary file when it is not in the bucket; dropped when it is. */
    private final class S3Upload extends StagingDirectory.StagedUpload {

        S3Upload() throws IOException {
            super(incoming);
        }

        @Override
        protected boolean store(String sha256, Path temporary, long size) throws IOException {
            String key = key(sha256);
            try {
                // Asked after the submit marked the blob: a sweep that removed it before is over, none removes it now.
                if (head(key, "image " + sha256 + " could not be kept") != null) {
                    return false; // the same image again: stored once
                }
                if (size <= MULTIPART_THRESHOLD) {
                    s3.putObject(request -> request.bucket(bucket).key(key).contentType(CONTENT_TYPE)
                            .contentLength(size), RequestBody.fromFile(temporary));
                } else {
                    new MultipartUpload(s3, bucket, key, CONTENT_TYPE, Map.of()).send(temporary, size, PART_SIZE);
                }
                return false; // sent as a copy: the temporary file goes
            } catch (SdkException e) {
                throw S3Failures.failure(s3, bucket, "image " + sha256 + " could not be kept", e);
            } catch (UncheckedIOException e) {
                throw incoming.explained(e.getCause(), "image " + sha256 + " could not be kept");
            }
        }
    }
}
