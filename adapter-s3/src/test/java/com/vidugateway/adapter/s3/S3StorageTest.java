package com.vidugateway.adapter.s3;

import static com.vidugateway.application.testing.VideoSources.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vidugateway.adapter.http.testing.LoopbackDownloads;
import com.vidugateway.application.port.out.ImageBlobs;
import com.vidugateway.application.port.out.Storage;
import com.vidugateway.application.port.out.VideoDownload;
import com.vidugateway.application.port.out.StorageContract;
import com.vidugateway.application.testing.TestFiles;
import com.vidugateway.application.testing.VideoSources;
import com.vidugateway.domain.task.StoredVideo;
import com.vidugateway.domain.task.TaskId;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The storage contract on a real S3 API server on loopback (s3rver), with videos in parts of the default 8 MiB; and
 * what only a bucket can get wrong: the check's one-line answers and their time bound, the SDK's standard settings,
 * no secret in any message, a body that breaks off, and nothing left in the staging directory.
 */
class S3StorageTest extends StorageContract {

    /** Videos from the test's provider on loopback. */
    private static final VideoDownload DOWNLOAD = LoopbackDownloads.trusted();

    private static final String PREFIX = "gateway/shared";
    private static final String SECRET = "sEcReT-never-to-be-printed-0123456789";

    @TempDir
    Path staging;

    @RegisterExtension
    final S3rver.Bucket bucket = new S3rver.Bucket();
    private S3Storage storage;

    @BeforeEach
    void open() {
        storage = new S3Storage(bucket.s3(), bucket.name(), PREFIX, Clock.systemUTC(), staging, DOWNLOAD);
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Override
    protected Storage storage() {
        return storage;
    }

    @Override
    protected Storage unusable() {
        return new S3Storage(bucket.s3(), "no-such-bucket-here", PREFIX, Clock.systemUTC(), staging, DOWNLOAD);
    }

    /** Nothing in the staging directory, and every object in the bucket one of the storage's own. */
    @Override
    protected void assertNoUploadLeftBehind() throws IOException {
        assertThat(stagedFiles()).isEmpty();
        assertThat(bucket.keys()).allSatisfy(key -> assertThat(key).matches(
                "gateway/shared/(blobs/[0-9a-f]{2}/[0-9a-f]{64}|videos/[^/]+\\.mp4)"));
    }

    private List<Path> stagedFiles() throws IOException {
        return TestFiles.under(staging);
    }

    @Test
    void images_and_videos_are_objects_under_the_prefix_and_nothing_stays_on_the_local_disk() throws Exception {
        byte[] image = bytes(1, 0, 3000);
        try (ImageBlobs.Upload upload = storage.images().upload()) {
            upload.write(image, 0, image.length);
            assertThat(stagedFiles()).as("staged while it arrives").hasSize(1);
            upload.keep(sha256(image));
        }
        StoredVideo video = storage.videos().keep(new TaskId("task-9"), url("/small.mp4"));

        assertThat(bucket.keys()).containsExactlyInAnyOrder(
                "gateway/shared/blobs/" + sha256(image).substring(0, 2) + "/" + sha256(image),
                "gateway/shared/videos/task-9.mp4");
        assertThat(video.location()).isEqualTo("gateway/shared/videos/task-9.mp4");
        assertThat(stagedFiles()).as("the staged file is gone once the image is in the bucket").isEmpty();
    }

    @Test
    void a_missing_bucket_is_a_setting_to_fix_named_in_one_line() {
        assertThatThrownBy(unusable()::check).isInstanceOf(IOException.class)
                .isNotInstanceOf(Storage.Unavailable.class)
                .hasMessage("bucket 'no-such-bucket-here' does not exist at " + S3rver.endpoint());
    }

    @Test
    void refused_credentials_are_a_setting_to_fix_named_in_one_line_without_the_secret() {
        try (S3Client stranger = S3rver.client(S3rver.endpoint(), "NOT-AN-ACCOUNT", SECRET)) {
            S3Storage refused = new S3Storage(stranger, bucket.name(), PREFIX, Clock.systemUTC(), staging, DOWNLOAD);

            assertThatThrownBy(refused::check).isInstanceOf(IOException.class)
                    .isNotInstanceOf(Storage.Unavailable.class)
                    .hasMessageStartingWith(S3rver.endpoint() + " refused the credentials for bucket '" + bucket.name() + "'")
                    .hasMessageEndingWith("; check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
                    .satisfies(failure -> assertThat(everything(failure)).doesNotContain(SECRET))
                    .message().doesNotContain("\n");
        }
    }

    @Test
    void an_endpoint_nobody_listens_on_is_an_unavailable_storage_named_at_once() throws IOException {
        URI closed = S3rver.closedEndpoint();
        try (S3Client nowhere = S3rver.client(closed, S3rver.ACCESS_KEY, S3rver.SECRET_KEY)) {
            S3Storage unreachable = new S3Storage(nowhere, bucket.name(), PREFIX, Clock.systemUTC(), staging, DOWNLOAD);
            long start = System.nanoTime();

            assertThatThrownBy(unreachable::check).isInstanceOf(Storage.Unavailable.class)
                    .hasMessageStartingWith("the object store at " + closed + " cannot be reached (")
                    .hasMessageEndingWith("; check AWS_ENDPOINT_URL")
                    .message().doesNotContain("\n");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(S3Storage.CHECK_TIMEOUT);
        }
    }

    @Test
    void an_endpoint_that_never_answers_fails_the_check_within_its_time() throws Exception {
        // Listening, never accepting: the kernel takes the connections in (up to the backlog of 50) and nobody answers.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             S3Client mute = S3rver.client(URI.create("http://127.0.0.1:" + silent.getLocalPort()), S3rver.ACCESS_KEY,
                     S3rver.SECRET_KEY)) {
            S3Storage silentStorage = new S3Storage(mute, bucket.name(), PREFIX, Clock.systemUTC(), staging, DOWNLOAD);
            long start = System.nanoTime();

            assertThatThrownBy(silentStorage::check).isInstanceOf(Storage.Unavailable.class)
                    .hasMessageContaining("did not answer").message().doesNotContain("\n");
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isLessThan(S3Storage.CHECK_TIMEOUT.plusSeconds(2));
        }
    }

    @Test
    void the_storage_takes_endpoint_credentials_and_region_from_the_sdks_own_settings() throws Exception {
        Map<String, String> settings = sdkSettings(S3rver.endpoint(), S3rver.ACCESS_KEY, S3rver.SECRET_KEY);
        settings.forEach(System::setProperty);
        try (S3Storage configured = S3Storage.at("s3://" + bucket.name() + "/" + PREFIX, staging, Clock.systemUTC(),
                DOWNLOAD)) {
            configured.check();
            byte[] image = bytes(2, 0, 777);
            try (ImageBlobs.Upload upload = configured.images().upload()) {
                upload.write(image, 0, image.length);
                upload.keep(sha256(image));
            }
            StoredVideo video = configured.videos().keep(new TaskId("task-3"), url("/small.mp4"));

            assertThat(configured.describe()).isEqualTo("s3://" + bucket.name() + "/" + PREFIX + " at "
                    + S3rver.endpoint() + " (AWS_ENDPOINT_URL)");
            assertThat(bucket.keys()).containsExactlyInAnyOrder("gateway/shared/blobs/" + sha256(image).substring(0, 2)
                    + "/" + sha256(image), video.location());
        } finally {
            settings.keySet().forEach(System::clearProperty);
        }
    }

    @Test
    void a_missing_bucket_from_the_settings_names_the_endpoint_and_the_setting_it_came_from() {
        Map<String, String> settings = sdkSettings(S3rver.endpoint(), S3rver.ACCESS_KEY, S3rver.SECRET_KEY);
        settings.forEach(System::setProperty);
        try (S3Storage configured = S3Storage.at("s3://no-such-bucket-here", staging, Clock.systemUTC(), DOWNLOAD)) {
            assertThatThrownBy(configured::check).hasMessage("bucket 'no-such-bucket-here' does not exist at "
                    + S3rver.endpoint() + " (AWS_ENDPOINT_URL)");
        } finally {
            settings.keySet().forEach(System::clearProperty);
        }
    }

    @Test
    void no_message_carries_the_secret_key() {
        Map<String, String> settings = sdkSettings(S3rver.endpoint(), "NOT-AN-ACCOUNT", SECRET);
        settings.forEach(System::setProperty);
        try (S3Storage configured = S3Storage.at("s3://" + bucket.name(), staging, Clock.systemUTC(), DOWNLOAD)) {
            assertThatThrownBy(configured::check).satisfies(failure -> assertThat(everything(failure))
                    .contains("refused the credentials").doesNotContain(SECRET));
            assertThatThrownBy(() -> configured.images().list()).satisfies(failure ->
                    assertThat(everything(failure)).doesNotContain(SECRET));
            assertThat(configured.describe() + configured).doesNotContain(SECRET);
        } finally {
            settings.keySet().forEach(System::clearProperty);
        }
    }

    @Test
    void no_credentials_at_all_are_named() {
        Map<String, String> settings = new HashMap<>(sdkSettings(S3rver.endpoint(), "", ""));
        settings.remove("aws.accessKeyId");
        settings.remove("aws.secretAccessKey");
        settings.forEach(System::setProperty);
        try (S3Storage configured = S3Storage.at("s3://" + bucket.name(), staging, Clock.systemUTC(), DOWNLOAD)) {
            assertThatThrownBy(configured::check).isInstanceOf(IOException.class)
                    .isNotInstanceOf(Storage.Unavailable.class)
                    .hasMessage("no credentials were found for bucket '" + bucket.name()
                            + "'; check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
        } finally {
            settings.keySet().forEach(System::clearProperty);
        }
    }

    @Test
    void a_location_that_is_not_a_bucket_is_refused_before_anything_is_sent() {
        assertThatThrownBy(() -> S3Storage.at("s3://", staging, Clock.systemUTC(), DOWNLOAD))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'s3://' names no bucket: expected s3://bucket[/prefix]");
        assertThatThrownBy(() -> S3Storage.at("s3:///prefix", staging, Clock.systemUTC(), DOWNLOAD))
                .hasMessage("'s3:///prefix' names no bucket: expected s3://bucket[/prefix]");
        assertThatThrownBy(() -> S3Storage.at("s3://Not_A_Bucket", staging, Clock.systemUTC(), DOWNLOAD))
                .hasMessage("not an S3 bucket name: 'Not_A_Bucket' in 's3://Not_A_Bucket'");
        assertThatThrownBy(() -> S3Storage.at("gs://media", staging, Clock.systemUTC(), DOWNLOAD))
                .hasMessage("expected s3://bucket[/prefix], got 'gs://media'");
    }

    @Test
    void a_staging_directory_that_cannot_be_written_is_named_by_the_check() throws IOException {
        Path file = Files.writeString(staging.resolve("a-file"), "x");
        S3Storage blocked = new S3Storage(bucket.s3(), bucket.name(), PREFIX, Clock.systemUTC(), file.resolve("staging"),
                DOWNLOAD);

        assertThatThrownBy(blocked::check).isInstanceOf(IOException.class)
                .hasMessageStartingWith("the staging directory for image uploads " + file.resolve("staging")
                        + " cannot be written (");
    }

    @Test
    void a_body_that_breaks_off_is_an_unavailable_storage() throws Exception {
        // Answers every request with a 200 of 30,000 bytes and hangs up after 10,000 of them.
        try (ServerSocket server = VideoSources.hangUpMidBody(new byte[30_000], () -> { });
             S3Client breaking = S3rver.client(URI.create("http://127.0.0.1:" + server.getLocalPort()),
                     S3rver.ACCESS_KEY, S3rver.SECRET_KEY)) {
            S3Storage broken = new S3Storage(breaking, bucket.name(), PREFIX, Clock.systemUTC(), staging, DOWNLOAD);

            try (InputStream in = broken.images().open("ab".repeat(32))) {
                assertThatThrownBy(in::readAllBytes).isInstanceOf(Storage.Unavailable.class)
                        .hasMessageContaining("image " + "ab".repeat(32) + " broke off");
            }
        }
    }

    // --- helpers -------------------------------------------------------------------------------------

    private static Map<String, String> sdkSettings(URI endpoint, String accessKey, String secretKey) {
        // The system-property twins of AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_REGION,
        // read by the SDK itself.
        return Map.of("aws.endpointUrl", endpoint.toString(), "aws.accessKeyId", accessKey,
                "aws.secretAccessKey", secretKey, "aws.region", "eu-west-3");
    }

    /** A failure's messages and its causes' messages, all of them. */
    private static String everything(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            all.append(cause).append('\n');
            for (Throwable suppressed : cause.getSuppressed()) {
                all.append(suppressed).append('\n');
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return all.toString();
    }
}
