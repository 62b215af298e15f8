package com.vidugateway.application.port.out;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Where inline reference images are kept, by content address (the SHA-256 of their bytes): a directory by default.
 * Bytes are streamed in and out, never held whole; a task refers to a blob by its hash. An upload is written to a
 * temporary place first and becomes a blob only when kept, atomically, so a cut-off upload never leaves half a blob.
 *
 * <p>One facet of a {@link Storage}. A storage that cannot be used now fails every call with a
 * {@link Storage.Unavailable} ({@link #contains}: as the cause of an {@link java.io.UncheckedIOException}).
 */
public interface ImageBlobs {

    /** Starts taking one image's bytes. */
    Upload upload() throws IOException;

    /**
     * A kept blob's bytes; the caller closes the stream.
     *
     * @throws java.nio.file.NoSuchFileException when there is no such blob (never kept, or removed)
     */
    InputStream open(String sha256) throws IOException;

    /** @throws java.io.UncheckedIOException the store cannot be asked now (an outage is not a "no") */
    boolean contains(String sha256);

    /** Every kept blob, for housekeeping. */
    List<Blob> list() throws IOException;

    /**
     * Removes a blob; nothing happens when it is not there. Housekeeping calls it only from
     * {@link ImageBlobMarks#sweep}, with the blob's mark locked: the store's own times decide nothing.
     */
    void delete(String sha256) throws IOException;

    /** The store has no room for an image (a full disk, a quota): the client can only try again later. */
    final class StorageFull extends IOException {
        public StorageFull(String message, Throwable cause) {
            super(message, cause);
        }

        /** Whether {@code failure}, or what caused it, is a full store. */
        public static boolean causedBy(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof StorageFull) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A kept blob: its hash and size. When it was last kept is {@link ImageBlobMarks}' to say, not the store's. */
    record Blob(String sha256, long size) {}

    /** One image's bytes on their way in. Closing it without {@link #keep} removes what was written. */
    interface Upload extends AutoCloseable {

        void write(byte[] bytes, int offset, int length) throws IOException;

        /** The upload as a stream to write to (a decoder's sink); closing the stream leaves the upload open. */
        default java.io.OutputStream output() {
            Upload upload = this;
            return new java.io.OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    upload.write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    upload.write(bytes, offset, length);
                }
            };
        }

        /** Reads back what was written so far (an image's header). */
        byte[] read(long offset, int count) throws IOException;

        /**
         * Makes the upload the blob {@code sha256} (written to disk, then renamed into place). When that blob is
         * already there the upload is dropped: the same image is stored once. Whether it is there is asked now, so a
         * keep after the blob's {@link ImageBlobMarks#mark mark} stores the bytes again when a sweep removed them.
         */
        void keep(String sha256) throws IOException;

        @Override
        void close();
    }
}
