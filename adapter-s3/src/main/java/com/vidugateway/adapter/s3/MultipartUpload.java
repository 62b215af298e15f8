package com.vidugateway.adapter.s3;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * One object sent in parts, each streamed from its slice of a local file (re-openable, so the SDK can retry a part or
 * hash it before sending). A failure aborts the upload, so no parts linger in the bucket (and its bill).
 */
final class MultipartUpload {

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final String contentType;
    private final Map<String, String> metadata;

    MultipartUpload(S3Client s3, String bucket, String key, String contentType, Map<String, String> metadata) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.contentType = contentType;
        this.metadata = metadata;
    }

    void send(Path file, long size, long partSize) {
        String uploadId = s3.createMultipartUpload(request -> request.bucket(bucket).key(key)
                .contentType(contentType).metadata(metadata)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int number = 1;
            for (long offset = 0; offset < size; offset += partSize, number++) {
                long from = offset;
                long length = Math.min(partSize, size - offset);
                int partNumber = number;
                RequestBody body = RequestBody.fromContentProvider(() -> slice(file, from, length), length,
                        contentType);
                String etag = s3.uploadPart(request -> request.bucket(bucket).key(key).uploadId(uploadId)
                        .partNumber(partNumber).contentLength(length), body).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
            }
            s3.completeMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(upload -> upload.parts(parts)));
        } catch (SdkException | UncheckedIOException e) {
            try {
                s3.abortMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId));
            } catch (SdkException abortFailed) {
                e.addSuppressed(abortFailed); // a lifecycle rule on the bucket is the last resort for its parts
            }
            throw e;
        }
    }

    /** {@code length} bytes of {@code file} from {@code offset}, as a stream that ends there. */
    static InputStream slice(Path file, long offset, long length) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ).position(offset);
            return new Slice(Channels.newInputStream(channel), length);
        } catch (IOException e) {
            throw new UncheckedIOException("a part of " + file + " could not be read", e);
        }
    }

    private static final class Slice extends FilterInputStream {
        private long left;

        Slice(InputStream in, long length) {
            super(in);
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(bytes, offset, (int) Math.min(length, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, left));
            left -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), left);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
