package com.vidugateway.adapter.persistence;

import static com.vidugateway.application.testing.VideoSources.bytes;
import static com.vidugateway.application.testing.VideoSources.readAll;
import static com.vidugateway.application.testing.VideoSources.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.vidugateway.adapter.http.testing.LoopbackDownloads;
import com.vidugateway.application.port.out.VideoArchive;
import com.vidugateway.application.testing.VideoSources;
import com.vidugateway.domain.task.StoredVideo;
import com.vidugateway.domain.task.TaskId;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The archive against a real HTTP server on loopback that serves videos, errors and broken bodies. */
class LocalVideoArchiveTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.123Z");
    private static final TaskId TASK = new TaskId("task-1");
    /** 3 MiB and a bit: several reads and writes, not a power of two. */
    private static final byte[] VIDEO = bytes(3 * 1024 * 1024 + 12345);

    @TempDir
    Path root;

    /** The archive's directory, inside the test's own: "outside" is still the test's. */
    private Path directory;
    private HttpServer server;
    private ServerSocket hangUp;
    private LocalVideoArchive archive;

    @BeforeEach
    void serve() throws IOException {
        directory = root.resolve("videos");
        server = VideoSources.serve(VIDEO);
        hangUp = VideoSources.hangUpMidBody(VIDEO, () -> { });
        archive = archive(LocalVideoArchive.DEFAULT_MAX_BYTES, LocalVideoArchive.DEFAULT_TIMEOUT);
    }

    @AfterEach
    void stop() throws IOException {
        server.stop(0);
        hangUp.close();
    }

    @Test
    void a_kept_video_has_the_size_and_sha256_of_what_was_served() throws Exception {
        StoredVideo video = archive.keep(TASK, url("/video.mp4"));

        assertThat(video).isEqualTo(new StoredVideo("task-1.mp4", VIDEO.length, sha256(VIDEO), NOW));
        assertThat(Files.readAllBytes(directory.resolve("task-1.mp4"))).isEqualTo(VIDEO);
        assertThat(filesIn(directory)).containsExactly("task-1.mp4");
    }

    @Test
    void a_chunked_body_and_a_redirect_are_kept_too() throws Exception {
        assertThat(archive.keep(TASK, url("/chunked.mp4")).sha256()).isEqualTo(sha256(VIDEO));
        assertThat(archive.keep(new TaskId("task-2"), url("/redirect.mp4")).sha256()).isEqualTo(sha256(VIDEO));
        assertThat(filesIn(directory)).containsExactlyInAnyOrder("task-1.mp4", "task-2.mp4");
    }

    @Test
    void keeping_again_replaces_the_copy_whole() throws Exception {
        archive.keep(TASK, url("/video.mp4"));
        StoredVideo again = archive.keep(TASK, url("/chunked.mp4"));

        assertThat(again.sizeBytes()).isEqualTo(VIDEO.length);
        assertThat(filesIn(directory)).containsExactly("task-1.mp4");
    }

    @Test
    void a_404_fails_naming_the_status_and_leaves_nothing() {
        assertThatThrownBy(() -> archive.keep(TASK, url("/missing.mp4")))
                .isInstanceOf(VideoArchive.ArchiveFailure.class)
                .hasMessageContaining("404")
                .hasMessageContaining("task-1");
        assertThat(filesIn(directory)).isEmpty();
    }

    @Test
    void a_failure_does_not_touch_an_earlier_copy() throws Exception {
        archive.keep(TASK, url("/video.mp4"));

        assertThatThrownBy(() -> archive.keep(TASK, hangingUp("/fixed-length.mp4")))
                .isInstanceOf(VideoArchive.ArchiveFailure.class);
        assertThat(Files.readAllBytes(directory.resolve("task-1.mp4"))).isEqualTo(VIDEO);
        assertThat(filesIn(directory)).containsExactly("task-1.mp4");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/video.mp4", "/chunked.mp4"})
    void a_body_over_the_maximum_fails_and_leaves_nothing(String path) {
        LocalVideoArchive small = archive(VIDEO.length - 1, LocalVideoArchive.DEFAULT_TIMEOUT);

        assertThatThrownBy(() -> small.keep(TASK, url(path)))
                .isInstanceOf(VideoArchive.ArchiveFailure.class)
                .hasMessageContaining(String.valueOf(VIDEO.length - 1));
        assertThat(filesIn(directory)).isEmpty();
    }

    @Test
    void a_body_of_exactly_the_maximum_is_kept() throws Exception {
        LocalVideoArchive exact = archive(VIDEO.length, LocalVideoArchive.DEFAULT_TIMEOUT);

        assertThat(exact.keep(TASK, url("/chunked.mp4")).sizeBytes()).isEqualTo(VIDEO.length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/fixed-length.mp4", "/chunked.mp4"})
    void a_connection_dropped_mid_body_fails_and_leaves_nothing(String path) {
        assertThatThrownBy(() -> archive.keep(TASK, hangingUp(path)))
                .isInstanceOf(VideoArchive.ArchiveFailure.class)
                .hasMessageContaining("task-1")
                .hasMessageNotContaining("within");
        assertThat(filesIn(directory)).isEmpty();
    }

    @Test
    void a_download_that_takes_too_long_fails_in_time_and_leaves_nothing() {
        LocalVideoArchive impatient = archive(LocalVideoArchive.DEFAULT_MAX_BYTES, Duration.ofMillis(700));
        long start = System.nanoTime();

        assertThatThrownBy(() -> impatient.keep(TASK, url("/stalled.mp4")))
                .isInstanceOf(VideoArchive.ArchiveFailure.class)
                .hasMessageContaining("within");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(filesIn(directory)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://127.0.0.1/video.mp4", "file:///etc/passwd", "/video.mp4", "http:/no-host"})
    void only_http_urls_are_fetched(String source) {
        assertThatThrownBy(() -> archive.keep(TASK, URI.create(source)))
                .isInstanceOf(VideoArchive.ArchiveFailure.class)
                .hasMessageContaining("http(s)");
        assertThat(filesIn(directory)).isEmpty();
    }

    @Test
    void nobody_listening_is_a_failure() throws Exception {
        URI closed = url("/video.mp4");
        server.stop(0);

        assertThatThrownBy(() -> archive.keep(TASK, closed)).isInstanceOf(VideoArchive.ArchiveFailure.class);
        assertThat(filesIn(directory)).isEmpty();
    }

    @Test
    void ranges_of_a_kept_video_are_its_bytes() throws Exception {
        StoredVideo video = archive.keep(TASK, url("/video.mp4"));
        VideoArchive.VideoContent content = archive.read(video).orElseThrow();

        assertThat(content.size()).isEqualTo(VIDEO.length);
        assertThat(readAll(content, 0, VIDEO.length)).isEqualTo(VIDEO);
        assertThat(readAll(content, 100, 1)).isEqualTo(Arrays.copyOfRange(VIDEO, 100, 101));
        assertThat(readAll(content, 1_000_000, 70_000)).isEqualTo(Arrays.copyOfRange(VIDEO, 1_000_000, 1_070_000));
        assertThat(readAll(content, VIDEO.length - 10, 10)).isEqualTo(Arrays.copyOfRange(VIDEO, VIDEO.length - 10, VIDEO.length));
        assertThat(readAll(content, VIDEO.length, 0)).isEmpty();
        assertThatThrownBy(() -> content.open(VIDEO.length - 10, 11)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> content.open(-1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_missing_file_is_no_content() throws Exception {
        assertThat(archive.read(new StoredVideo("gone.mp4", 10, "ab".repeat(32), NOW))).isEmpty();
        StoredVideo video = archive.keep(TASK, url("/video.mp4"));
        Files.delete(directory.resolve(video.location()));
        assertThat(archive.read(video)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../outside.mp4", "..", ".", "/etc/passwd", "sub/task-1.mp4", "sub\\..\\..\\x", ""})
    void a_location_outside_the_directory_is_refused(String location) throws IOException {
        Files.writeString(root.resolve("outside.mp4"), "secret");

        assertThatThrownBy(() -> archive.read(new StoredVideo(location, 6, "ab".repeat(32), NOW)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> archive.delete(new StoredVideo(location, 6, "ab".repeat(32), NOW)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(root.resolve("outside.mp4")).exists();
    }

    @Test
    void a_deleted_video_is_gone_and_deleting_it_again_does_nothing() throws Exception {
        StoredVideo video = archive.keep(TASK, url("/video.mp4"));
        StoredVideo other = archive.keep(new TaskId("task-2"), url("/video.mp4"));

        archive.delete(video);

        assertThat(directory.resolve(video.location())).doesNotExist();
        assertThat(archive.read(video)).isEmpty();
        assertThat(archive.read(other)).isPresent();
        archive.delete(video);
        archive.delete(video.removed(NOW));
    }

    // --- helpers -------------------------------------------------------------------------------------

    private LocalVideoArchive archive(long maxBytes, Duration timeout) {
        return new LocalVideoArchive(directory, Clock.fixed(NOW, ZoneOffset.UTC), LoopbackDownloads.trusted(timeout, maxBytes));
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private URI hangingUp(String path) {
        return URI.create("http://127.0.0.1:" + hangUp.getLocalPort() + path);
    }

    /** Up to the empty line that ends a GET request. */
    private static java.util.List<String> filesIn(Path directory) {
        if (!Files.isDirectory(directory)) {
            return java.util.List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
