package com.vidugateway.application.port.out;

import java.io.IOException;

/**
 * Where the gateway keeps the bytes it holds: the inline reference images ({@link #images()}) and its copies of
 * finished videos ({@link #videos()}), in one place — a local directory, or an S3-compatible bucket that several
 * gateway instances share. The services use the two facets; start-up uses {@link #check()}.
 *
 * <p>When the storage cannot be used at run time (an object store unreachable, failing, throttling, or no longer
 * accepting the gateway's credentials), the facets fail with an {@link Unavailable}: thrown as it is where a method
 * throws {@link IOException}, and as the cause of an {@link java.io.UncheckedIOException} or of a
 * {@link VideoArchive.ArchiveFailure} elsewhere. {@link Unavailable#causedBy} finds it in any of them.
 */
public interface Storage extends AutoCloseable {

    ImageBlobs images();

    VideoArchive videos();

    /**
     * Whether the storage can be used, answered within a few seconds: for start-up, so a bad setting stops the gateway
     * before it accepts anything. The message of a failure is one line that names what to fix, and never carries a
     * secret.
     *
     * @throws Unavailable the storage did not answer, or failed, in time (unreachable endpoint, timeout, 5xx,
     *                     throttling): the setting may be right and a later start may pass
     * @throws IOException the storage cannot be used as configured (no such bucket, credentials refused, another
     *                     region, a directory that is not one or cannot be written)
     */
    void check() throws IOException;

    /** Where the bytes are, for people: a directory, or {@code s3://bucket/prefix at <endpoint>}. No secret. */
    String describe();

    /** Lets go of connections and threads; the default has none. */
    @Override
    default void close() {}

    /**
     * The storage cannot be used now — unreachable, failing, throttling, or refusing the gateway's credentials — and
     * nothing was kept by the failed call: the caller may try again later (a REST client gets 503 with Retry-After).
     * The message is one line, safe to log; it names no secret.
     */
    final class Unavailable extends IOException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }

        /** Whether {@code failure}, or what caused it, is an unavailable storage. */
        public static boolean causedBy(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof Unavailable) {
                    return true;
                }
                if (cause.getCause() == cause) {
                    break;
                }
            }
            return false;
        }
    }
}
