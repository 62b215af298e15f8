package com.vidugateway.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ImageBlobs} does, in memory or on disk: a kept blob reads back byte for byte, the same content is
 * stored once, an upload that is not kept leaves nothing, and what was written can be read back before it is kept.
 */
public abstract class ImageBlobsContract {

    /** An empty store. */
    protected abstract ImageBlobs blobs();

    /** Checks that nothing of the uploads not kept is left anywhere (a directory also has no temporary file). */
    protected void assertNothingLeftBehind() throws IOException {
        assertThat(blobs().list()).isEmpty();
    }

    /** Bytes that differ from seed to seed, longer than any buffer an implementation would use. */
    protected static byte[] image(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    protected static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code bytes} in uneven chunks, as a decoder does, and keeps them. */
    protected String keep(byte[] bytes) throws IOException {
        String sha256 = sha256(bytes);
        try (ImageBlobs.Upload upload = blobs().upload()) {
            write(upload, bytes);
            upload.keep(sha256);
        }
        return sha256;
    }

    protected static void write(ImageBlobs.Upload upload, byte[] bytes) throws IOException {
        int offset = 0;
        for (int chunk = 1; offset < bytes.length; chunk = chunk * 3 + 7) {
            int n = Math.min(chunk, bytes.length - offset);
            upload.write(bytes, offset, n);
            offset += n;
        }
    }

    private byte[] read(String sha256) throws IOException {
        try (InputStream in = blobs().open(sha256)) {
            return in.readAllBytes();
        }
    }

    @Test
    void a_kept_blob_reads_back_byte_for_byte() throws IOException {
        byte[] bytes = image(300_001, 1);

        String sha256 = keep(bytes);

        assertThat(blobs().contains(sha256)).isTrue();
        assertThat(read(sha256)).isEqualTo(bytes);
    }

    @Test
    void the_same_content_kept_twice_is_stored_once() throws IOException {
        byte[] bytes = image(10_000, 2);
        String sha256 = keep(bytes);

        assertThat(keep(bytes)).isEqualTo(sha256);

        assertThat(blobs().list()).singleElement().satisfies(blob -> {
            assertThat(blob.sha256()).isEqualTo(sha256);
            assertThat(blob.size()).isEqualTo(bytes.length);
        });
        assertThat(read(sha256)).isEqualTo(bytes);
    }

    @Test
    void an_upload_closed_without_keep_leaves_nothing() throws IOException {
        byte[] bytes = image(70_000, 3);
        try (ImageBlobs.Upload upload = blobs().upload()) {
            write(upload, bytes);
        }

        assertThat(blobs().contains(sha256(bytes))).isFalse();
        assertNothingLeftBehind();
    }

    @Test
    void an_empty_upload_closed_leaves_nothing() throws IOException {
        blobs().upload().close();

        assertNothingLeftBehind();
    }

    @Test
    void what_was_written_reads_back_before_it_is_kept() throws IOException {
        byte[] bytes = image(50_000, 4);
        try (ImageBlobs.Upload upload = blobs().upload()) {
            upload.write(bytes, 0, 20);
            assertThat(upload.read(0, 32)).as("only what was written so far").isEqualTo(slice(bytes, 0, 20));

            write(upload, slice(bytes, 20, bytes.length));

            assertThat(upload.read(0, 32)).isEqualTo(slice(bytes, 0, 32));
            assertThat(upload.read(40_000, 100)).isEqualTo(slice(bytes, 40_000, 40_100));
            assertThat(upload.read(49_990, 100)).as("up to the end").isEqualTo(slice(bytes, 49_990, 50_000));
            assertThat(upload.read(50_000, 10)).isEmpty();
        }
    }

    @Test
    void blobs_are_listed_with_their_size_and_a_deleted_one_is_gone() throws IOException {
        byte[] small = image(1_000, 5);
        byte[] large = image(200_000, 6);
        String smallSha = keep(small);
        String largeSha = keep(large);

        assertThat(blobs().list()).extracting(ImageBlobs.Blob::sha256, ImageBlobs.Blob::size)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(smallSha, 1_000L),
                        org.assertj.core.groups.Tuple.tuple(largeSha, 200_000L));

        blobs().delete(smallSha);

        assertThat(blobs().list()).extracting(ImageBlobs.Blob::sha256).containsExactly(largeSha);
        assertThat(blobs().contains(smallSha)).isFalse();
        assertThatThrownBy(() -> blobs().open(smallSha)).isInstanceOf(NoSuchFileException.class);
        assertThat(read(largeSha)).isEqualTo(large);
    }

    @Test
    void an_upload_kept_after_its_blob_was_deleted_stores_the_blob_again() throws IOException {
        // A submit's upload arrives while the blob is there; a sweep removes the blob before the submit keeps it
        // (the sweep held the blob's mark, the submit's mark waited): whether the blob is there is asked at keep.
        byte[] bytes = image(6_000, 9);
        String sha256 = keep(bytes);
        try (ImageBlobs.Upload upload = blobs().upload()) {
            write(upload, bytes);
            blobs().delete(sha256);
            assertThat(blobs().contains(sha256)).isFalse();

            upload.keep(sha256);
        }

        assertThat(blobs().contains(sha256)).isTrue();
        assertThat(read(sha256)).isEqualTo(bytes);
    }

    @Test
    void deleting_a_blob_that_is_not_there_does_nothing() throws IOException {
        blobs().delete("0".repeat(64));

        assertThat(blobs().list()).isEmpty();
    }

    @Test
    void a_missing_blob_cannot_be_opened() {
        String missing = "ab".repeat(32);

        assertThat(blobs().contains(missing)).isFalse();
        assertThatThrownBy(() -> blobs().open(missing)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void a_blob_kept_again_after_it_was_deleted_is_there_again() throws IOException {
        byte[] bytes = image(5_000, 7);
        String sha256 = keep(bytes);
        blobs().delete(sha256);

        keep(bytes);

        assertThat(read(sha256)).isEqualTo(bytes);
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        return java.util.Arrays.copyOfRange(bytes, from, to);
    }
}
