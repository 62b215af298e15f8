package com.vidugateway.adapter.s3;

import com.vidugateway.application.port.out.VideoArchive;
import com.vidugateway.application.port.out.VideoDownload;
import com.vidugateway.domain.task.StoredVideo;
import com.vidugateway.domain.task.TaskId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Finished videos in an S3-compatible bucket, one object per task at {@code <prefix>videos/<task id>.mp4}; the
 * object's key is the {@link StoredVideo#location()}. A video's poster, once made, is beside it at
 * {@code <prefix>videos/<task id>.poster.jpg}.
 *
 * <p>A download goes straight from the provider's connection into the bucket, one part at a time: a video that fits
 * in one part is sent with one PUT, a larger one as a multipart upload whose parts are sent as they fill. So at most
 * one part ({@value #DEFAULT_PART_SIZE} bytes by default) of a video is in memory, and no local disk is needed. Its
 * length and SHA-256 are computed on the way. An object appears under its key only when the PUT or the completion
 * succeeds, and either replaces an earlier copy whole; any failure aborts the multipart upload, so a failed download
 * leaves nothing behind (and no parts on the bill) and an earlier copy untouched.
 *
 * <p>Limits, timeouts and messages are those of the local archive, so the choice of storage changes no behaviour.
 */
public final class S3VideoArchive implements VideoArchive {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = VideoDownload.DEFAULT_CONNECT_TIMEOUT;
    /** For the whole download, headers and body (the sending to the bucket included). */
    public static final Duration DEFAULT_TIMEOUT = VideoDownload.DEFAULT_TIMEOUT;
    public static final long DEFAULT_MAX_BYTES = VideoDownload.DEFAULT_MAX_BYTES;
    /** 8 MiB: S3 refuses parts below 5 MiB (but the last), and 10,000 of these hold 80 GB. */
    static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;
    /** S3's limit on the parts of one object. */
    private static final long MAX_PARTS = 10_000;

    private static final String CONTENT_TYPE = "video/mp4";
    private static final String POSTER_TYPE = "image/jpeg";
    private static final String SUFFIX = ".mp4";

    private final S3Client s3;
    private final String bucket;
    private final String root;
    private final Clock clock;
    private final VideoDownload download;
    private final int partSize;

    /**
     * Videos in {@code bucket} under {@code prefix} (may be empty), fetched by {@code download} (its address rules and
     * limits).
     */
    public S3VideoArchive(S3Client s3, String bucket, String prefix, Clock clock, VideoDownload download) {
        this(s3, bucket, prefix, clock, download, DEFAULT_PART_SIZE);
    }

    /**
     * @param partSize the bytes of a part, and the most held in memory per download: tests go below S3's 5 MiB
     *                 minimum (s3rver has none) to see several parts in a few MB; it grows to fit the largest video
     *                 in S3's 10,000 parts
     */
    S3VideoArchive(S3Client s3, String bucket, String prefix, Clock clock, VideoDownload download, int partSize) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        S3Location location = new S3Location(bucket, prefix);
        this.bucket = location.bucket();
        this.root = location.prefix() + "videos/";
        this.clock = Objects.requireNonNull(clock, "clock");
        this.download = Objects.requireNonNull(download, "download");
        long maxBytes = download.maxBytes();
        if (partSize <= 0) {
            throw new IllegalArgumentException("a part is 1 byte or more, not " + partSize);
        }
        long needed = (maxBytes + MAX_PARTS - 1) / MAX_PARTS;
        if (needed > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a video of " + maxBytes + " bytes does not fit in S3's " + MAX_PARTS
                    + " parts of at most 2 GiB held in memory");
        }
        this.partSize = (int) Math.max(partSize, needed);
    }

    @Override
    public StoredVideo keep(TaskId task, URI source) throws ArchiveFailure {
        String key = root + task.value() + SUFFIX;
        try {
            VideoDownload.Downloaded downloaded = download.fetch(task, source, new Streamed(key));
            return new StoredVideo(key, downloaded.size(), downloaded.sha256(), clock.instant());
        } catch (SdkException e) {
            String what = "the video of task " + task + " from " + source.getHost() + " could not be written to s3://"
                    + bucket + "/" + key;
            throw new ArchiveFailure(S3Failures.explain(s3, bucket, e).line(what),
                    S3Failures.cause(s3, bucket, what, e));
        }
    }

    /**
     * One object sent as it is read: a buffer of one part fills from the body; a full one becomes the next part of a
     * multipart upload (started by the first), and what is left at the end is either the last part or, for a video
     * that never filled one, the whole object in one PUT.
     */
    private final class Streamed implements VideoDownload.Sink {
        private final String key;
        private final byte[] part = new byte[partSize];
        private int filled;
        private String uploadId;
        private final List<CompletedPart> parts = new ArrayList<>();

        Streamed(String key) {
            this.key = key;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            for (int at = offset; at < offset + length; ) {
                int n = Math.min(part.length - filled, offset + length - at);
                System.arraycopy(bytes, at, part, filled, n);
                filled += n;
                at += n;
                if (filled == part.length) {
                    sendPart();
                }
            }
        }

        /** Makes the object visible under its key: the one PUT, or the last part and the completion. */
        @Override
        public void complete() {
            if (uploadId == null) {
                s3.putObject(request -> request.bucket(bucket).key(key).contentType(CONTENT_TYPE)
                        .contentLength((long) filled), buffered());
                return;
            }
            if (filled > 0) {
                sendPart();
            }
            s3.completeMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(upload -> upload.parts(parts)));
        }

        private void sendPart() {
            if (uploadId == null) {
                uploadId = s3.createMultipartUpload(request -> request.bucket(bucket).key(key)
                        .contentType(CONTENT_TYPE)).uploadId();
            }
            int number = parts.size() + 1;
            long length = filled;
            String etag = s3.uploadPart(request -> request.bucket(bucket).key(key).uploadId(uploadId)
                    .partNumber(number).contentLength(length), buffered()).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            filled = 0;
        }

        /** The buffer's filled bytes, re-readable (the SDK may retry a request), not copied. */
        private RequestBody buffered() {
            int length = filled;
            return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(part, 0, length), length,
                    CONTENT_TYPE);
        }

        /** The parts sent so far are dropped; the failure that led here is what the caller reports. */
        @Override
        public void abort(Exception failure) {
            if (uploadId == null) {
                return;
            }
            try {
                s3.abortMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId));
            } catch (SdkException abortFailed) {
                // The object never appears either way; a lifecycle rule on the bucket is the last resort for parts.
                failure.addSuppressed(abortFailed);
            }
        }
    }

    @Override
    public Optional<VideoContent> read(StoredVideo video) {
        String key = key(video.location());
        try {
            HeadObjectResponse head = s3.headObject(request -> request.bucket(bucket).key(key));
            return Optional.of(new ObjectContent(key, head.contentLength()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) { // a HEAD has no body, so no error code to tell NoSuchKey by
                return Optional.empty();
            }
            throw unreadable(key, e);
        } catch (SdkException e) {
            throw unreadable(key, e);
        }
    }

    /** Unchecked, as {@link #read} has to be; its cause a {@link com.vidugateway.application.port.out.Storage.Unavailable}. */
    private UncheckedIOException unreadable(String key, SdkException e) {
        IOException failure = S3Failures.failure(s3, bucket, "the kept video " + key + " cannot be read", e);
        return new UncheckedIOException(failure.getMessage(), failure);
    }

    @Override
    public void delete(StoredVideo video) throws ArchiveFailure {
        String key = key(video.location());
        String poster = VideoArchive.posterLocation(key);
        try {
            s3.deleteObject(request -> request.bucket(bucket).key(key)); // S3 answers 204 for a missing key too
            s3.deleteObject(request -> request.bucket(bucket).key(poster));
        } catch (SdkException e) {
            String what = "the kept video " + key + " could not be removed";
            throw new ArchiveFailure(S3Failures.explain(s3, bucket, e).line(what),
                    S3Failures.cause(s3, bucket, what, e));
        }
    }

    /** One PUT: the object appears whole under its key, or not at all. */
    @Override
    public void keepPoster(StoredVideo video, byte[] jpeg) throws ArchiveFailure {
        String key = VideoArchive.posterLocation(key(video.location()));
        try {
            s3.putObject(request -> request.bucket(bucket).key(key).contentType(POSTER_TYPE)
                    .contentLength((long) jpeg.length), RequestBody.fromBytes(jpeg));
        } catch (SdkException e) {
            String what = "the poster " + key + " could not be written";
            throw new ArchiveFailure(S3Failures.explain(s3, bucket, e).line(what), S3Failures.cause(s3, bucket, what, e));
        }
    }

    @Override
    public Optional<byte[]> poster(StoredVideo video) {
        String key = VideoArchive.posterLocation(key(video.location()));
        try {
            return Optional.of(s3.getObjectAsBytes(request -> request.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw unreadable(key, e);
        } catch (SdkException e) {
            throw unreadable(key, e);
        }
    }

    /**
     * The key of a kept video: a plain file name under this archive's {@code videos/}. Anything else (another prefix,
     * a sub-folder, {@code ..}) is refused, as the local archive refuses a path outside its directory.
     *
     * @throws IllegalArgumentException the location is not a video of this archive
     */
    private String key(String location) {
        String name = location.startsWith(root) ? location.substring(root.length()) : null;
        if (name == null || name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals(".")
                || name.equals("..") || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("'" + location + "' is not a video of this archive: a location is a"
                    + " key under " + root);
        }
        return location;
    }

    /** A kept object; each range is one ranged GET, streamed from the connection as the caller reads. */
    private final class ObjectContent implements VideoContent {
        private final String key;
        private final long size;

        ObjectContent(String key, long size) {
            this.key = key;
            this.size = size;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public InputStream open(long offset, long length) throws IOException {
            if (offset < 0 || length < 0 || offset > size - length) {
                throw new IllegalArgumentException("bytes " + offset + "+" + length + " are not within the "
                        + size + " bytes of the video");
            }
            if (length == 0) {
                return InputStream.nullInputStream(); // a Range header cannot say "no bytes"
            }
            String range = "bytes=" + offset + "-" + (offset + length - 1);
            try {
                return S3Body.range(s3.getObject(request -> request.bucket(bucket).key(key).range(range)), offset,
                        length, "the kept video " + key);
            } catch (NoSuchKeyException e) {
                NoSuchFileException missing = new NoSuchFileException(key, null, "the kept video is gone");
                missing.initCause(e);
                throw missing;
            } catch (SdkException e) {
                throw S3Failures.failure(s3, bucket, "the kept video " + key + " cannot be read", e);
            }
        }
    }

}
