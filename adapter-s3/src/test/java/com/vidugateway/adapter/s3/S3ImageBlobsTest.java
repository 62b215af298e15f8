package com.vidugateway.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vidugateway.application.port.out.ImageBlobs;
import com.vidugateway.application.port.out.ImageBlobsContract;
import com.vidugateway.application.port.out.Storage;
import com.vidugateway.application.testing.TestFiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The contract on a real S3 API server on loopback, plus what only a bucket can get wrong: the key layout, a
 * multipart object, and what a wrong bucket, endpoint or key says.
 */
class S3ImageBlobsTest extends ImageBlobsContract {

    private static final String PREFIX = "gateway/one";

    @TempDir
    Path incoming;

    @RegisterExtension
    final S3rver.Bucket bucket = new S3rver.Bucket();
    private S3ImageBlobs blobs;

    @BeforeEach
    void open() {
        blobs = new S3ImageBlobs(bucket.s3(), bucket.name(), PREFIX, Clock.systemUTC(), incoming);
    }

    @Override
    protected ImageBlobs blobs() {
        return blobs;
    }

    /** No object in the bucket, and no temporary file left on the local disk. */
    @Override
    protected void assertNothingLeftBehind() throws IOException {
        super.assertNothingLeftBehind();
        assertThat(bucket.keys()).isEmpty();
        assertThat(localFiles()).isEmpty();
    }

    private List<Path> localFiles() throws IOException {
        return TestFiles.under(incoming);
    }

    @Test
    void a_blob_is_an_object_named_by_its_hash_under_the_prefix_and_its_first_two_hex_digits() throws IOException {
        byte[] bytes = image(1234, 10);

        String sha256 = keep(bytes);

        String key = "gateway/one/blobs/" + sha256.substring(0, 2) + "/" + sha256;
        assertThat(bucket.keys()).containsExactly(key);
        assertThat(bucket.object(key)).isEqualTo(bytes);
        assertThat(localFiles()).as("the temporary file is gone once kept").isEmpty();
    }

    @Test
    void an_upload_reaches_the_bucket_only_when_it_is_kept() throws IOException {
        byte[] bytes = image(4000, 11);
        try (ImageBlobs.Upload upload = blobs.upload()) {
            write(upload, bytes);

            assertThat(bucket.keys()).isEmpty();
            assertThat(localFiles()).singleElement().satisfies(file -> assertThat(Files.size(file)).isEqualTo(4000));

            upload.keep(sha256(bytes));
        }
        assertThat(bucket.keys()).hasSize(1);
    }

    @Test
    void other_objects_in_the_bucket_are_neither_listed_nor_touched() throws IOException {
        String sha256 = keep(image(100, 12));
        List<String> strangers = List.of("gateway/one/blobs/readme.txt", "gateway/one/blobs/zz/" + "0".repeat(64),
                "gateway/two/blobs/" + sha256.substring(0, 2) + "/" + sha256, "elsewhere");
        strangers.forEach(key -> bucket.put(key, "x"));

        assertThat(blobs.list()).extracting(ImageBlobs.Blob::sha256).containsExactly(sha256);
        assertThat(bucket.keys()).containsAll(strangers);
    }

    @Test
    void a_large_image_goes_in_parts_and_reads_back_byte_identical() throws Exception {
        long size = S3ImageBlobs.MULTIPART_THRESHOLD + S3ImageBlobs.PART_SIZE / 2 + 12_345; // three parts
        MessageDigest written = MessageDigest.getInstance("SHA-256");
        try (ImageBlobs.Upload upload = blobs.upload()) {
            java.util.Random random = new java.util.Random(13);
            byte[] chunk = new byte[64 * 1024];
            for (long left = size; left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                int n = (int) Math.min(chunk.length, left);
                upload.write(chunk, 0, n);
                written.update(chunk, 0, n);
            }
            upload.keep(HexFormat.of().formatHex(written.digest()));
        }
        String sha256 = blobs.list().get(0).sha256();

        MessageDigest read = MessageDigest.getInstance("SHA-256");
        long count = 0;
        try (InputStream in = new DigestInputStream(blobs.open(sha256), read)) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                count += n;
            }
        }
        assertThat(count).isEqualTo(size);
        assertThat(HexFormat.of().formatHex(read.digest())).isEqualTo(sha256);
        assertThat(blobs.list()).singleElement().satisfies(blob -> assertThat(blob.size()).isEqualTo(size));
    }

    @Test
    void keeping_the_same_image_again_asks_the_bucket_and_sends_nothing() throws Exception {
        byte[] bytes = image(2_000, 14);
        List<String> sent = new CopyOnWriteArrayList<>();
        try (S3Client recording = S3rver.recording(sent)) {
            S3ImageBlobs watched = new S3ImageBlobs(recording, bucket.name(), PREFIX, Clock.systemUTC(), incoming);
            for (int i = 0; i < 2; i++) {
                try (ImageBlobs.Upload upload = watched.upload()) {
                    write(upload, bytes);
                    upload.keep(sha256(bytes));
                }
            }
        }

        // No copy onto itself, no new metadata: the bucket's times decide nothing (the task database's marks do).
        assertThat(sent).containsExactly("HeadObject", "PutObject", "HeadObject");
        assertThat(bucket.keys()).hasSize(1);
        assertThat(localFiles()).isEmpty();
    }

    @Test
    void temporary_files_an_hour_old_are_removed_by_the_listing() throws IOException {
        Path abandoned = Files.createFile(incoming.resolve("upload-1.tmp"));
        Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path recent = Files.createFile(incoming.resolve("upload-2.tmp"));

        blobs.list();

        assertThat(localFiles()).containsExactly(recent);
    }

    @Test
    void a_missing_bucket_is_named_in_one_line_by_every_call() throws IOException {
        S3ImageBlobs missing = new S3ImageBlobs(bucket.s3(), "no-such-bucket-here", "", Clock.systemUTC(), incoming);

        assertThatThrownBy(missing::list).isInstanceOf(Storage.Unavailable.class)
                .hasMessageContaining("bucket 'no-such-bucket-here' does not exist at " + S3rver.endpoint())
                .hasMessageContaining("VIDU_STORAGE").message().doesNotContain("\n");
        try (ImageBlobs.Upload upload = missing.upload()) {
            upload.write(new byte[] {1}, 0, 1);
            assertThatThrownBy(() -> upload.keep(sha256(new byte[] {1}))).isInstanceOf(Storage.Unavailable.class)
                    .hasMessageContaining("could not be kept")
                    .hasMessageContaining("bucket 'no-such-bucket-here' does not exist");
        }
    }

    @Test
    void an_unreachable_endpoint_is_an_unavailable_storage_named_in_one_line() throws IOException {
        URI closed = S3rver.closedEndpoint();
        try (S3Client nowhere = S3rver.client(closed, S3rver.ACCESS_KEY, S3rver.SECRET_KEY)) {
            S3ImageBlobs unreachable = new S3ImageBlobs(nowhere, bucket.name(), "", Clock.systemUTC(), incoming);
            String sha256 = sha256(new byte[] {1, 2, 3});

            try (ImageBlobs.Upload upload = unreachable.upload()) {
                upload.write(new byte[] {1, 2, 3}, 0, 3);
                assertThatThrownBy(() -> upload.keep(sha256))
                        .isInstanceOf(Storage.Unavailable.class).hasMessageContaining("could not be kept")
                        .hasMessageContaining("cannot be reached").hasMessageContaining(closed.toString())
                        .hasMessageContaining("AWS_ENDPOINT_URL").message().doesNotContain("\n");
            }
            assertThatThrownBy(() -> unreachable.open(sha256)).isInstanceOf(Storage.Unavailable.class);
            assertThatThrownBy(unreachable::list).isInstanceOf(Storage.Unavailable.class);
            assertThatThrownBy(() -> unreachable.delete(sha256)).isInstanceOf(Storage.Unavailable.class);
            assertThatThrownBy(() -> unreachable.contains(sha256)).isInstanceOf(java.io.UncheckedIOException.class)
                    .satisfies(failure -> assertThat(Storage.Unavailable.causedBy(failure)).isTrue());
        }
        assertThat(localFiles()).as("a failed keep leaves no temporary file").isEmpty();
    }

    @Test
    void refused_credentials_are_an_unavailable_storage_named_in_one_line() {
        try (S3Client stranger = S3rver.client(S3rver.endpoint(), "NOT-AN-ACCOUNT", "wrong")) {
            S3ImageBlobs refused = new S3ImageBlobs(stranger, bucket.name(), "", Clock.systemUTC(), incoming);

            assertThatThrownBy(refused::list).isInstanceOf(Storage.Unavailable.class)
                    .hasMessageContaining("refused the credentials for bucket '" + bucket.name() + "'")
                    .hasMessageContaining("AWS_ACCESS_KEY_ID").message().doesNotContain("\n");
        }
    }

    @Test
    void the_location_is_parsed_and_a_bad_one_is_refused() {
        assertThat(S3Location.parse("s3://media")).isEqualTo(new S3Location("media", ""));
        assertThat(S3Location.parse("s3://media/vidu/prod/")).isEqualTo(new S3Location("media", "vidu/prod/"));
        assertThat(S3Location.parse("s3://media/vidu").toString()).isEqualTo("s3://media/vidu");
        assertThatThrownBy(() -> S3Location.parse("file:///data")).hasMessageContaining("s3://bucket[/prefix]");
        assertThatThrownBy(() -> S3Location.parse("s3://")).hasMessageContaining("names no bucket");
        assertThatThrownBy(() -> S3Location.parse("s3://Upper_Case")).hasMessageContaining("not an S3 bucket name");
    }
}
