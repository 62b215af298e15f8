package com.vidugateway.adapter.s3;

import static com.vidugateway.application.testing.VideoSources.bytes;
import static com.vidugateway.application.testing.VideoSources.readAll;
import static com.vidugateway.application.testing.VideoSources.send;
import static com.vidugateway.application.testing.VideoSources.sha256;
import static com.vidugateway.application.testing.VideoSources.sleep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.vidugateway.adapter.http.testing.LoopbackDownloads;
import com.vidugateway.application.port.out.Storage;
import com.vidugateway.application.port.out.VideoArchive;
import com.vidugateway.application.testing.VideoSources;
import com.vidugateway.domain.task.StoredVideo;
import com.vidugateway.domain.task.TaskId;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The archive between two real servers on loopback: a JDK HTTP server (and a raw socket that hangs up mid-body) as
 * the provider, s3rver as the bucket. The same behaviour as the local archive's test, plus what only a bucket can get
 * wrong: the key layout, parts, the multipart upload aborted on failure, ranged GETs.
 */
class S3VideoArchiveTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.123Z");
    private static final TaskId TASK = new TaskId("task-1");
    private static final String PREFIX = "gateway/one";
    private static final String KEY = "gateway/one/videos/task-1.mp4";
    /** 3 MiB and a bit: not a power of two, so the last part is a short one. */
    private static final byte[] VIDEO = bytes(3 * 1024 * 1024 + 12345);
    /** Below S3's 5 MiB minimum (s3rver has none): the video goes in four parts, the last one short. */
    private static final int PART = 1024 * 1024;

    /** The S3 operations the archive's client sent, in order ("PutObject", "UploadPart", …). */
    private final List<String> sent = new CopyOnWriteArrayList<>();
    @RegisterExtension
    final S3rver.Bucket bucket = new S3rver.Bucket();
    private HttpServer server;
    private ServerSocket hangUp;
    private S3VideoArchive archive;

    @BeforeEach
    void serve() throws IOException {
        server = VideoSources.serve(VIDEO);
        server.createContext("/small.mp4", exchange -> send(exchange, 200, Arrays.copyOf(VIDEO, 1000), 1000));
        // Hang up once the archive has sent a part to the bucket (or after 5 s): hanging up at once could drop bytes the
        // client had not read yet, and the test would not know whether a part had gone.
        hangUp = VideoSources.hangUpMidBody(VIDEO, () -> {
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!sent.contains("UploadPart") && System.nanoTime() < until) {
                sleep(Duration.ofMillis(10));
            }
        });
        archive = archive(recording(), S3VideoArchive.DEFAULT_MAX_BYTES, S3VideoArchive.DEFAULT_TIMEOUT);
    }

    @AfterEach
    void stop() throws IOException {
        server.stop(0);
        hangUp.close();
    }

    @Test
    void a_kept_video_is_an_object_under_the_prefix_with_the_size_and_sha256_of_what_was_served() throws Exception {
        StoredVideo video = archive.keep(TASK, url("/video.mp4"));

        assertThat(video).isEqualTo(new StoredVideo(KEY, VIDEO.length, sha256(VIDEO), NOW));
        assertThat(bucket.keys()).containsExactly(KEY);
        assertThat(bucket.object(KEY)).isEqualTo(VIDEO);
        assertThat(sent).containsExactly("CreateMultipartUpload", "UploadPart", "UploadPart", "UploadPart",
                "UploadPart", "CompleteMultipartUpload");
    }

    @Test
    void a_video_within_one_part_is_one_put() throws Exception {
        StoredVideo video = archive.keep(TASK, url("/small.mp4"));

        assertThat(video.sizeBytes()).isEqualTo(1000);
        assertThat(bucket.object(KEY)).isEqualTo(Arrays.copyOf(VIDEO, 1000));
        assertThat(sent).containsExactly("PutObject");
    }

    @Test
    void a_video_of_exactly_whole_parts_completes_without_an_empty_part() throws Exception {
        S3VideoArchive whole = new S3VideoArchive(recording(), bucket.name(), PREFIX, Clock.fixed(NOW, ZoneOffset.UTC),
                LoopbackDownloads.trusted(S3VideoArchive.DEFAULT_TIMEOUT, 10_000 * 500), 500); // enough for 10,000 parts

        assertThat(whole.keep(TASK, url("/small.mp4")).sha256()).isEqualTo(sha256(Arrays.copyOf(VIDEO, 1000)));
        assertThat(bucket.object(KEY)).isEqualTo(Arrays.copyOf(VIDEO, 1000));
        assertThat(sent).containsExactly("CreateMultipartUpload", "UploadPart", "UploadPart",
                "CompleteMultipartUpload");
    }

    @Test
    void a_chunked_body_and_a_redirect_are_kept_too() throws Exception {
        assertThat(archive.keep(TASK, url("/chunked.mp4")).sha256()).isEqualTo(sha256(VIDEO));
        assertThat(archive.keep(new TaskId("task-2"), url("/redirect.mp4")).sha256()).isEqualTo(sha256(VIDEO));
        assertThat(bucket.keys()).containsExactlyInAnyOrder(KEY, "gateway/one/videos/task-2.mp4");
        assertThat(bucket.object("gateway/one/videos/task-2.mp4")).isEqualTo(VIDEO);
    }

    @Test
    void keeping_again_replaces_the_copy_whole() throws Exception {
        archive.keep(TASK, url("/small.mp4"));
        StoredVideo again = archive.keep(TASK, url("/chunked.mp4"));

        assertThat(again.sizeBytes()).isEqualTo(VIDEO.length);
        assertThat(bucket.keys()).containsExactly(KEY);
        assertThat(bucket.object(KEY)).isEqualTo(VIDEO);
    }

    @Test
    void a_404_fails_naming_the_status_and_leaves_nothing() {
        assertThatThrownBy(() -> archive.keep(TASK, url("/missing.mp4")))
                .isInstanceOf(VideoArchive.ArchiveFailure.class)
                .hasMessageContaining("404")
                .hasMessageContaining("task-1");
        assertThat(bucket.keys()).isEmpty();
        assertThat(sent).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/fixed-length.mp4", "/chunked.mp4"})
    void a_connection_dropped_after_parts_were_sent_aborts_the_upload_and_leaves_nothing(String path) {
        assertThatThrownBy(() -> archive.keep(TASK, hangingUp(path)))
                .isInstanceOf(VideoArchive.ArchiveFailure.class)
                .hasMessageContaining("task-1")
                .hasMessageContaining("could not be downloaded or written")
                .hasMessageNotContaining("within");
        assertThat(bucket.keys()).isEmpty();
        // A third of the video was served: one whole part went, then the upload was abandoned, never completed.
        assertThat(sent).containsExactly("CreateMultipartUpload", "UploadPart", "AbortMultipartUpload");
    }

    @Test
    void a_failure_does_not_touch_an_earlier_copy() throws Exception {
        archive.keep(TASK, url("/video.mp4"));

        assertThatThrownBy(() -> archive.keep(TASK, hangingUp("/fixed-length.mp4")))
                .isInstanceOf(VideoArchive.ArchiveFailure.class);
        assertThat(bucket.keys()).containsExactly(KEY);
        assertThat(bucket.object(KEY)).isEqualTo(VIDEO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/video.mp4", "/chunked.mp4"})
    void a_body_over_the_maximum_fails_and_leaves_nothing(String path) {
        S3VideoArchive small = archive(recording(), VIDEO.length - 1, S3VideoArchive.DEFAULT_TIMEOUT);

        assertThatThrownBy(() -> small.keep(TASK, url(path)))
                .isInstanceOf(VideoArchive.ArchiveFailure.class)
                .hasMessageContaining(String.valueOf(VIDEO.length - 1));
        assertThat(bucket.keys()).isEmpty();
        assertThat(sent).doesNotContain("PutObject", "CompleteMultipartUpload");
        if (path.startsWith("/chunked")) { // no Content-Length: found out after three parts had gone
            assertThat(sent).endsWith("AbortMultipartUpload");
        } else { // refused by its Content-Length, before anything was sent
            assertThat(sent).isEmpty();
        }
    }

    @Test
    void a_body_of_exactly_the_maximum_is_kept() throws Exception {
        S3VideoArchive exact = archive(recording(), VIDEO.length, S3VideoArchive.DEFAULT_TIMEOUT);

        assertThat(exact.keep(TASK, url("/chunked.mp4")).sizeBytes()).isEqualTo(VIDEO.length);
        assertThat(bucket.object(KEY)).isEqualTo(VIDEO);
    }

    @Test
    void a_download_that_takes_too_long_fails_in_time_and_leaves_nothing() {
        S3VideoArchive impatient = archive(recording(), S3VideoArchive.DEFAULT_MAX_BYTES, Duration.ofMillis(700));
        long start = System.nanoTime();

        assertThatThrownBy(() -> impatient.keep(TASK, url("/stalled.mp4")))
                .isInstanceOf(VideoArchive.ArchiveFailure.class)
                .hasMessageContaining("within");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(bucket.keys()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://127.0.0.1/video.mp4", "file:///etc/passwd", "/video.mp4", "http:/no-host"})
    void only_http_urls_are_fetched(String source) {
        assertThatThrownBy(() -> archive.keep(TASK, URI.create(source)))
                .isInstanceOf(VideoArchive.ArchiveFailure.class)
                .hasMessageContaining("http(s)");
        assertThat(bucket.keys()).isEmpty();
    }

    @Test
    void nobody_listening_is_a_failure() {
        URI closed = url("/video.mp4");
        server.stop(0);

        assertThatThrownBy(() -> archive.keep(TASK, closed)).isInstanceOf(VideoArchive.ArchiveFailure.class);
        assertThat(bucket.keys()).isEmpty();
    }

    @Test
    void a_missing_bucket_fails_keep_naming_the_bucket_as_an_unavailable_storage() {
        S3VideoArchive missing = new S3VideoArchive(recording(), "no-such-bucket-here", PREFIX,
                Clock.fixed(NOW, ZoneOffset.UTC), LoopbackDownloads.trusted(), PART);

        assertThatThrownBy(() -> missing.keep(TASK, url("/small.mp4")))
                .isInstanceOf(VideoArchive.ArchiveFailure.class)
                .hasMessageContaining("task-1")
                .hasMessageContaining("bucket 'no-such-bucket-here' does not exist")
                .satisfies(failure -> assertThat(Storage.Unavailable.causedBy(failure)).isTrue())
                .message().doesNotContain("\n");
    }

    @Test
    void an_unreachable_store_is_an_unavailable_storage_for_every_call() throws Exception {
        StoredVideo video = archive.keep(TASK, url("/small.mp4"));
        VideoArchive.VideoContent content = archive.read(video).orElseThrow();
        try (S3Client nowhere = S3rver.client(S3rver.closedEndpoint(), S3rver.ACCESS_KEY, S3rver.SECRET_KEY)) {
            S3VideoArchive unreachable = new S3VideoArchive(nowhere, bucket.name(), PREFIX, Clock.fixed(NOW, ZoneOffset.UTC),
                    LoopbackDownloads.trusted(), PART);

            assertThatThrownBy(() -> unreachable.keep(TASK, url("/small.mp4")))
                    .isInstanceOf(VideoArchive.ArchiveFailure.class).hasMessageContaining("cannot be reached")
                    .satisfies(failure -> assertThat(Storage.Unavailable.causedBy(failure)).isTrue());
            assertThatThrownBy(() -> unreachable.read(video)).isInstanceOf(java.io.UncheckedIOException.class)
                    .hasMessageContaining("cannot be reached")
                    .satisfies(failure -> assertThat(Storage.Unavailable.causedBy(failure)).isTrue());
            assertThatThrownBy(() -> unreachable.delete(video)).isInstanceOf(VideoArchive.ArchiveFailure.class)
                    .satisfies(failure -> assertThat(Storage.Unavailable.causedBy(failure)).isTrue());
        }
        assertThat(readAll(content, 0, 10)).as("the real store still has it").isEqualTo(Arrays.copyOf(VIDEO, 10));
    }

    @Test
    void ranges_of_a_kept_video_are_its_bytes_each_one_ranged_get() throws Exception {
        StoredVideo video = archive.keep(TASK, url("/video.mp4"));
        VideoArchive.VideoContent content = archive.read(video).orElseThrow();
        sent.clear();

        assertThat(content.size()).isEqualTo(VIDEO.length);
        assertThat(readAll(content, 0, VIDEO.length)).isEqualTo(VIDEO);
        assertThat(readAll(content, 100, 1)).isEqualTo(Arrays.copyOfRange(VIDEO, 100, 101));
        assertThat(readAll(content, 1_000_000, 70_000)).isEqualTo(Arrays.copyOfRange(VIDEO, 1_000_000, 1_070_000));
        assertThat(readAll(content, PART - 5, 10)).isEqualTo(Arrays.copyOfRange(VIDEO, PART - 5, PART + 5));
        assertThat(readAll(content, VIDEO.length - 10, 10))
                .isEqualTo(Arrays.copyOfRange(VIDEO, VIDEO.length - 10, VIDEO.length));
        assertThat(readAll(content, VIDEO.length, 0)).isEmpty();
        assertThatThrownBy(() -> content.open(VIDEO.length - 10, 11)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> content.open(-1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(sent).containsOnly("GetObject").hasSize(5);
    }

    @Test
    void a_range_closed_part_read_leaves_the_video_readable() throws Exception {
        StoredVideo video = archive.keep(TASK, url("/video.mp4"));
        VideoArchive.VideoContent content = archive.read(video).orElseThrow();

        try (InputStream in = content.open(10, VIDEO.length - 10)) {
            assertThat(in.readNBytes(5)).isEqualTo(Arrays.copyOfRange(VIDEO, 10, 15));
        }
        assertThat(readAll(content, 20, 5)).isEqualTo(Arrays.copyOfRange(VIDEO, 20, 25));
    }

    @Test
    void a_missing_object_is_no_content() throws Exception {
        assertThat(archive.read(new StoredVideo("gateway/one/videos/gone.mp4", 10, "ab".repeat(32), NOW))).isEmpty();
        StoredVideo video = archive.keep(TASK, url("/small.mp4"));
        VideoArchive.VideoContent content = archive.read(video).orElseThrow();
        bucket.s3().deleteObject(request -> request.bucket(bucket.name()).key(KEY));

        assertThat(archive.read(video)).isEmpty();
        assertThatThrownBy(() -> content.open(0, 10)).isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"task-1.mp4", "gateway/two/videos/task-1.mp4", "gateway/one/videos/",
            "gateway/one/videos/sub/task-1.mp4", "gateway/one/videos/..", "gateway/one/blobs/ab/cd", ""})
    void a_location_outside_the_archive_is_refused(String location) throws Exception {
        bucket.put("gateway/two/videos/task-1.mp4", "another gateway's");

        assertThatThrownBy(() -> archive.read(new StoredVideo(location, 6, "ab".repeat(32), NOW)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> archive.delete(new StoredVideo(location, 6, "ab".repeat(32), NOW)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(bucket.keys()).containsExactly("gateway/two/videos/task-1.mp4");
    }

    @Test
    void a_deleted_video_is_gone_and_deleting_it_again_does_nothing() throws Exception {
        StoredVideo video = archive.keep(TASK, url("/small.mp4"));
        StoredVideo other = archive.keep(new TaskId("task-2"), url("/small.mp4"));

        archive.delete(video);

        assertThat(bucket.keys()).containsExactly(other.location());
        assertThat(archive.read(video)).isEmpty();
        assertThat(archive.read(other)).isPresent();
        archive.delete(video);
        archive.delete(video.removed(NOW));
    }

    @Test
    void a_part_size_too_small_for_the_largest_video_grows_to_fit_s3s_ten_thousand_parts() throws Exception {
        // 10,000 parts of 100 bytes hold 1 MB, not the 3 MiB allowed here: each part becomes 316 bytes.
        S3VideoArchive tiny = new S3VideoArchive(recording(), bucket.name(), PREFIX, Clock.fixed(NOW, ZoneOffset.UTC),
                LoopbackDownloads.trusted(S3VideoArchive.DEFAULT_TIMEOUT, VIDEO.length), 100);

        assertThat(tiny.keep(TASK, url("/small.mp4")).sizeBytes()).isEqualTo(1000);
        assertThat(sent.stream().filter("UploadPart"::equals).count()).isEqualTo(4); // 316 + 316 + 316 + 52
        assertThat(bucket.object(KEY)).isEqualTo(Arrays.copyOf(VIDEO, 1000));
    }

    // --- helpers -------------------------------------------------------------------------------------

    private S3VideoArchive archive(S3Client client, long maxBytes, Duration timeout) {
        return new S3VideoArchive(client, bucket.name(), PREFIX, Clock.fixed(NOW, ZoneOffset.UTC),
                LoopbackDownloads.trusted(timeout, maxBytes), PART);
    }

    private S3Client recording() {
        return S3rver.recording(sent);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private URI hangingUp(String path) {
        return URI.create("http://127.0.0.1:" + hangUp.getLocalPort() + path);
    }

}
