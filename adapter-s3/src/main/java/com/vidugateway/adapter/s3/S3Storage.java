package com.vidugateway.adapter.s3;

import com.vidugateway.application.port.out.ImageBlobs;
import com.vidugateway.application.port.out.Storage;
import com.vidugateway.application.port.out.VideoArchive;
import com.vidugateway.application.port.out.VideoDownload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Images and videos in one S3-compatible bucket, under one prefix: {@code <prefix>blobs/…} ({@link S3ImageBlobs})
 * and {@code <prefix>videos/…} ({@link S3VideoArchive}), shared by every gateway instance that is given the same
 * {@code s3://bucket[/prefix]}.
 *
 * <p>Nothing is kept on the local disk. An image upload is staged in a temporary file in the {@code staging}
 * directory (its header is read back while it arrives, and a cut-off upload never reaches the bucket) and that file
 * is removed once the image is in the bucket or the upload failed; files a killed process left there are removed
 * after an hour. A video goes from the provider's connection to the bucket through one part in memory.
 */
public final class S3Storage implements Storage {

    /** How long {@link #check()} waits for the bucket's answer, retries included. */
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);

    private final S3Client s3;
    private final S3Location location;
    private final String endpoint;
    private final Path staging;
    private final S3ImageBlobs images;
    private final S3VideoArchive videos;
    private final boolean ownsClient;

    /**
     * The storage in {@code bucket} under {@code prefix} (may be empty) through {@code s3}, which stays the caller's
     * to close; videos fetched by {@code download}.
     */
    public S3Storage(S3Client s3, String bucket, String prefix, Clock clock, Path staging, VideoDownload download) {
        this(s3, new S3Location(bucket, prefix), S3Clients.endpoint(s3), clock, staging, download,
                S3VideoArchive.DEFAULT_PART_SIZE, false);
    }

    S3Storage(S3Client s3, S3Location location, String endpoint, Clock clock, Path staging, VideoDownload download,
              int partSize, boolean ownsClient) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.location = Objects.requireNonNull(location, "location");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.staging = Objects.requireNonNull(staging, "staging").toAbsolutePath().normalize();
        this.images = new S3ImageBlobs(s3, location.bucket(), location.prefix(), clock, this.staging);
        this.videos = new S3VideoArchive(s3, location.bucket(), location.prefix(), clock, download, partSize);
        this.ownsClient = ownsClient;
    }

    /**
     * The storage at {@code s3://bucket[/prefix]} (the value of {@code VIDU_STORAGE}), through a client built from
     * the SDK's standard settings: {@code AWS_ENDPOINT_URL} (path-style addressing when it is set),
     * {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY} or any other source of the SDK's default credentials,
     * {@code AWS_REGION}. Nothing is sent yet: call {@link #check()} before serving. Closing it closes the client.
     *
     * @param staging  the local directory for image uploads on their way to the bucket
     * @param download how videos are fetched from the provider
     * @throws IllegalArgumentException a location that is not {@code s3://bucket[/prefix]}, or no region for AWS S3;
     *                                  the message says which, in one line
     */
    public static S3Storage at(String location, Path staging, Clock clock, VideoDownload download) {
        S3Location parsed = S3Location.parse(location);
        S3Clients.Standard standard = S3Clients.standard();
        return new S3Storage(standard.client(), parsed, standard.endpoint(), clock, staging, download,
                S3VideoArchive.DEFAULT_PART_SIZE, true);
    }

    @Override
    public ImageBlobs images() {
        return images;
    }

    @Override
    public VideoArchive videos() {
        return videos;
    }

    /**
     * One HEAD on the bucket, answered within {@link #CHECK_TIMEOUT} (and a second) whatever the SDK's retries and
     * timeouts would do, and a file created and removed in the staging directory.
     */
    @Override
    public void check() throws IOException {
        String bucket = location.bucket();
        CompletableFuture<Void> head = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                s3.headBucket(request -> request.bucket(bucket)
                        .overrideConfiguration(override -> override.apiCallTimeout(CHECK_TIMEOUT)));
                head.complete(null);
            } catch (Throwable e) {
                head.completeExceptionally(e);
            }
        }, "s3-storage-check");
        thread.setDaemon(true);
        thread.start();
        try {
            head.get(CHECK_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            thread.interrupt();
            throw new Storage.Unavailable("the object store at " + endpoint + " did not answer within "
                    + CHECK_TIMEOUT.toSeconds() + " s for bucket '" + bucket + "'", e);
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
            throw new IOException("the check of " + this + " was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SdkException failure) {
                S3Failures.Explanation explanation = S3Failures.explain(endpoint, bucket, failure);
                String line = explanation.reasonAndSetting();
                throw explanation.kind().transientFailure ? new Storage.Unavailable(line, failure)
                        : new IOException(line, failure);
            }
            throw new IOException("the check of bucket '" + bucket + "' at " + endpoint + " failed ("
                    + S3Failures.rootMessage(e.getCause()) + ")", e.getCause());
        }
        stagingWritable();
    }

    private void stagingWritable() throws IOException {
        try {
            Files.createDirectories(staging);
            Files.delete(Files.createTempFile(staging, ".check-", ".tmp"));
        } catch (IOException e) {
            throw new IOException("the staging directory for image uploads " + staging + " cannot be written ("
                    + e.getClass().getSimpleName() + ": " + VideoDownload.describe(e) + ")", e);
        }
    }

    /** {@code s3://bucket/prefix at <endpoint>}. */
    @Override
    public String describe() {
        return location + " at " + endpoint;
    }

    /** The staging directory of image uploads. */
    public Path staging() {
        return staging;
    }

    @Override
    public void close() {
        if (ownsClient) {
            s3.close();
        }
    }

    @Override
    public String toString() {
        return "S3Storage[" + describe() + "]";
    }
}
