package com.vidugateway.adapter.s3;

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
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
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

    private S3Client s3;
    private String bucket;
    private S3Storage storage;

    @BeforeAll
    static void noInstanceMetadata() {
        // Whatever a test leaves unset, the SDK must never ask the EC2 instance metadata service (off loopback).
        System.setProperty("aws.disableEc2Metadata", "true");
    }

    @BeforeEach
    void open() {
        s3 = S3rver.client();
        bucket = S3rver.bucket(s3);
        storage = new S3Storage(s3, bucket, PREFIX, Clock.systemUTC(), staging, DOWNLOAD);
    }

    @AfterEach
    void close() {
        storage.close();
        s3.close();
    }

    @Override
    protected Storage storage() {
        return storage;
    }

    @Override
    protected Storage unusable() {
        return new S3Storage(s3, "no-such-bucket-here", PREFIX, Clock.systemUTC(), staging, DOWNLOAD);
    }

    /** Nothing in the staging directory, and every object in the bucket one of the storage's own. */
    @Override
    protected void assertNoUploadLeftBehind() throws IOException {
        assertThat(stagedFiles()).isEmpty();
        assertThat(keys()).allSatisfy(key -> assertThat(key).matches(
                "gateway/shared/(blobs/[0-9a-f]{2}/[0-9a-f]{64}|videos/[^/]+\\.mp4)"));
    }

    private List<String> keys() {
        return S3rver.keys(s3, bucket);
    }

    private List<Path> stagedFiles() throws IOException {
        return TestFiles.under(staging);
    }

    @Test
    void images_and_videos_are_objects_under_the_prefix_and_nothing_stays_on_the_local_disk() throws Exception {
        byte[] image = image(3000, 1);
        try (ImageBlobs.Upload upload = storage.images().upload()) {
            upload.write(image, 0, image.length);
            assertThat(stagedFiles()).as("staged while it arrives").hasSize(1);
            upload.keep(sha256(image));
        }
        StoredVideo video = storage.videos().keep(new TaskId("task-9"), url("/small.mp4"));

        assertThat(keys()).containsExactlyInAnyOrder(
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
        try (S3Client stranger = client(S3rver.endpoint(), "NOT-AN-ACCOUNT", SECRET)) {
            S3Storage refused = new S3Storage(stranger, bucket, PREFIX, Clock.systemUTC(), staging, DOWNLOAD);

            assertThatThrownBy(refused::check).isInstanceOf(IOException.class)
                    .isNotInstanceOf(Storage.Unavailable.class)
                    .hasMessageStartingWith(S3rver.endpoint() + " refused the credentials for bucket '" + bucket + "'")
                    .hasMessageEndingWith("; check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
                    .satisfies(failure -> assertThat(everything(failure)).doesNotContain(SECRET))
                    .message().doesNotContain("\n");
        }
    }

    @Test
    void an_endpoint_nobody_listens_on_is_an_unavailable_storage_named_at_once() throws IOException {
        URI closed = closedPort();
        try (S3Client nowhere = client(closed, S3rver.ACCESS_KEY, S3rver.SECRET_KEY)) {
            S3Storage unreachable = new S3Storage(nowhere, bucket, PREFIX, Clock.systemUTC(), staging, DOWNLOAD);
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
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             S3Client mute = client(URI.create("http://127.0.0.1:" + silent.getLocalPort()), S3rver.ACCESS_KEY,
                     S3rver.SECRET_KEY)) {
            Thread acceptor = holdConnections(silent);
            S3Storage silentStorage = new S3Storage(mute, bucket, PREFIX, Clock.systemUTC(), staging, DOWNLOAD);
            long start = System.nanoTime();

            assertThatThrownBy(silentStorage::check).isInstanceOf(Storage.Unavailable.class)
                    .hasMessageContaining("did not answer").message().doesNotContain("\n");
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isLessThan(S3Storage.CHECK_TIMEOUT.plusSeconds(2));
            acceptor.interrupt();
        }
    }

    @Test
    void the_storage_takes_endpoint_credentials_and_region_from_the_sdks_own_settings() throws Exception {
        Map<String, String> settings = sdkSettings(S3rver.endpoint(), S3rver.ACCESS_KEY, S3rver.SECRET_KEY);
        settings.forEach(System::setProperty);
        try (S3Storage configured = S3Storage.at("s3://" + bucket + "/" + PREFIX, staging, Clock.systemUTC(),
                DOWNLOAD)) {
            configured.check();
            byte[] image = image(777, 2);
            try (ImageBlobs.Upload upload = configured.images().upload()) {
                upload.write(image, 0, image.length);
                upload.keep(sha256(image));
            }
            StoredVideo video = configured.videos().keep(new TaskId("task-3"), url("/small.mp4"));

            assertThat(configured.describe()).isEqualTo("s3://" + bucket + "/" + PREFIX + " at " + S3rver.endpoint()
                    + " (AWS_ENDPOINT_URL)");
            assertThat(keys()).containsExactlyInAnyOrder("gateway/shared/blobs/" + sha256(image).substring(0, 2)
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
        try (S3Storage configured = S3Storage.at("s3://" + bucket, staging, Clock.systemUTC(), DOWNLOAD)) {
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
        try (S3Storage configured = S3Storage.at("s3://" + bucket, staging, Clock.systemUTC(), DOWNLOAD)) {
            assertThatThrownBy(configured::check).isInstanceOf(IOException.class)
                    .isNotInstanceOf(Storage.Unavailable.class)
                    .hasMessage("no credentials were found for bucket '" + bucket
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
        S3Storage blocked = new S3Storage(s3, bucket, PREFIX, Clock.systemUTC(), file.resolve("staging"), DOWNLOAD);

        assertThatThrownBy(blocked::check).isInstanceOf(IOException.class)
                .hasMessageStartingWith("the staging directory for image uploads " + file.resolve("staging")
                        + " cannot be written (");
    }

    @Test
    void a_body_that_breaks_off_is_an_unavailable_storage() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             S3Client breaking = client(URI.create("http://127.0.0.1:" + server.getLocalPort()), S3rver.ACCESS_KEY,
                     S3rver.SECRET_KEY)) {
            Thread answerer = answerThenHangUp(server);
            S3Storage broken = new S3Storage(breaking, bucket, PREFIX, Clock.systemUTC(), staging, DOWNLOAD);

            try (InputStream in = broken.images().open("ab".repeat(32))) {
                assertThatThrownBy(in::readAllBytes).isInstanceOf(Storage.Unavailable.class)
                        .hasMessageContaining("image " + "ab".repeat(32) + " broke off");
            }
            answerer.interrupt();
        }
    }

    // --- helpers -------------------------------------------------------------------------------------

    private static Map<String, String> sdkSettings(URI endpoint, String accessKey, String secretKey) {
        // The system-property twins of AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_REGION,
        // read by the SDK itself.
        return Map.of("aws.endpointUrl", endpoint.toString(), "aws.accessKeyId", accessKey,
                "aws.secretAccessKey", secretKey, "aws.region", "eu-west-3");
    }

    private static S3Client client(URI endpoint, String accessKey, String secretKey) {
        return S3Clients.compatible(S3Client.builder(), false).endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey,
                        secretKey)))
                .build();
    }

    private static URI closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
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

    /** Accepts connections and never answers them. */
    private static Thread holdConnections(ServerSocket server) {
        Thread thread = new Thread(() -> {
            List<Socket> held = new java.util.ArrayList<>();
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    held.add(server.accept());
                }
            } catch (IOException closed) {
                // The test is over.
            } finally {
                for (Socket socket : held) {
                    try {
                        socket.close();
                    } catch (IOException e) {
                        // Closing anyway.
                    }
                }
            }
        }, "silent-s3");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Answers every request with a 200 of 100,000 bytes and hangs up after 10 of them. */
    private static Thread answerThenHangUp(ServerSocket server) {
        Thread thread = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket connection = server.accept()) {
                    VideoSources.requestHead(connection.getInputStream());
                    OutputStream out = connection.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                            + "Content-Length: 100000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(new byte[10]);
                    out.flush();
                } catch (IOException e) {
                    // Closed: the test is over.
                }
            }
        }, "hang-up-s3");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static byte[] image(int size, long seed) {
        byte[] bytes = new byte[size];
        new java.util.Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
