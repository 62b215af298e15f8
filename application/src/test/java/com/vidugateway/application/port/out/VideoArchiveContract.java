package com.vidugateway.application.port.out;

import static com.vidugateway.application.testing.VideoSources.bytes;
import static com.vidugateway.application.testing.VideoSources.readAll;
import static com.vidugateway.application.testing.VideoSources.send;
import static com.vidugateway.application.testing.VideoSources.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.vidugateway.application.testing.VideoSources;
import com.vidugateway.domain.task.StoredVideo;
import com.vidugateway.domain.task.TaskId;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link VideoArchive} does, in a local directory or in a bucket, against a real HTTP server on loopback
 * that serves videos, errors and broken bodies ({@link VideoSources#serve}, {@link VideoSources#hangUpMidBody}): a kept
 * video has the size and SHA-256 of what was served, keeping again replaces it whole, a failed download leaves nothing
 * behind and an earlier copy as it was, ranges read back its bytes, a location outside the archive is refused.
 *
 * <p>An implementation's test makes its archive ({@link #archive(long, Duration)}), names the location a task's video
 * gets, looks at its storage behind its back ({@link #stored()}: where a failure would leave something behind), and
 * lists the locations it must refuse in a static {@code locationsOutside()} of its own (JUnit finds that method in the
 * class that runs, because only the implementation knows what "outside" looks like).
 */
public abstract class VideoArchiveContract {

    protected static final Instant NOW = Instant.parse("2026-03-01T12:00:00.123Z");
    /** The clock of every archive under test. */
    protected static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    protected static final TaskId TASK = new TaskId("task-1");
    /** 3 MiB and a bit: several reads, writes and parts, not a power of two (so a last part is a short one). */
    protected static final byte[] VIDEO = bytes(3 * 1024 * 1024 + 12345);
    /** The first 1000 bytes of {@link #VIDEO}, served at {@code /small.mp4}. */
    protected static final byte[] SMALL = Arrays.copyOf(VIDEO, 1000);
    /** A range read across this offset crosses from one part of an object to the next where parts are 1 MiB. */
    protected static final int MIB = 1024 * 1024;

    private HttpServer server;
    private ServerSocket hangUp;
    private VideoArchive archive;

    // --- what differs from one implementation to the next --------------------------------------------------------

    /**
     * An archive whose downloads (from the tests' own servers on 127.0.0.1) stop at {@code maxBytes} and take at most
     * {@code timeout}, its clock {@link #CLOCK}. All the archives of one test keep to one storage, empty at the start.
     */
    protected abstract VideoArchive archive(long maxBytes, Duration timeout);

    /** The location the archive gives the video of {@code task}. */
    protected abstract String location(TaskId task);

    /**
     * What the archive's storage holds now, by location, looked at behind its back: the files in its directory
     * (temporary ones too), the objects in its bucket. Whatever a failure left behind shows here.
     */
    protected abstract List<String> stored() throws IOException;

    /** The bytes at {@code location} in the archive's storage, read behind its back. */
    protected abstract byte[] stored(String location) throws IOException;

    /** Removes what is at {@code location} in the archive's storage behind its back. */
    protected abstract void removeBehindItsBack(String location) throws IOException;

    /**
     * Puts something where a location outside the archive could reach it: a file beside its directory, an object of
     * another gateway in the same bucket.
     */
    protected abstract void putSomethingOutside() throws IOException;

    /** Checks that what {@link #putSomethingOutside()} put is as it was. */
    protected abstract void assertSomethingOutsideIsUntouched() throws IOException;

    /** What the server that hangs up mid-body waits for before it does: nothing unless an implementation says. */
    protected void beforeHangingUp() {}

    // --- the provider's servers ----------------------------------------------------------------------------------

    @BeforeEach
    void serve() throws IOException {
        server = VideoSources.serve(VIDEO);
        server.createContext("/small.mp4", exchange -> send(exchange, 200, SMALL, SMALL.length));
        hangUp = VideoSources.hangUpMidBody(VIDEO, this::beforeHangingUp);
        archive = archive(VideoDownload.DEFAULT_MAX_BYTES, VideoDownload.DEFAULT_TIMEOUT);
    }

    @AfterEach
    void stop() throws IOException {
        server.stop(0);
        hangUp.close();
    }

    /** The archive with the default limits, made before each test. */
    protected VideoArchive archive() {
        return archive;
    }

    /** {@code path} on the provider's server: those of {@link VideoSources#serve}, and {@code /small.mp4}. */
    protected URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** {@code path} on the server that hangs up a third of the way into the body (chunked under {@code /chunked}). */
    protected URI hangingUp(String path) {
        return URI.create("http://127.0.0.1:" + hangUp.getLocalPort() + path);
    }

    // --- the contract --------------------------------------------------------------------------------------------

    @Test
    void a_kept_video_has_the_size_and_sha256_of_what_was_served() throws Exception {
        StoredVideo video = archive.keep(TASK, url("/video.mp4"));

        assertThat(video).isEqualTo(new StoredVideo(location(TASK), VIDEO.length, sha256(VIDEO), NOW));
        assertThat(stored(location(TASK))).isEqualTo(VIDEO);
        assertThat(stored()).containsExactly(location(TASK));
    }

    @Test
    void a_chunked_body_and_a_redirect_are_kept_too() throws Exception {
        TaskId other = new TaskId("task-2");

        assertThat(archive.keep(TASK, url("/chunked.mp4")).sha256()).isEqualTo(sha256(VIDEO));
        assertThat(archive.keep(other, url("/redirect.mp4")).sha256()).isEqualTo(sha256(VIDEO));
        assertThat(stored()).containsExactlyInAnyOrder(location(TASK), location(other));
        assertThat(stored(location(other))).isEqualTo(VIDEO);
    }

    @Test
    void keeping_again_replaces_the_copy_whole() throws Exception {
        archive.keep(TASK, url("/small.mp4"));
        StoredVideo again = archive.keep(TASK, url("/chunked.mp4"));

        assertThat(again.sizeBytes()).isEqualTo(VIDEO.length);
        assertThat(stored()).containsExactly(location(TASK));
        assertThat(stored(location(TASK))).isEqualTo(VIDEO);
    }

    @Test
    void a_404_fails_naming_the_status_and_leaves_nothing() throws IOException {
        assertThatThrownBy(() -> archive.keep(TASK, url("/missing.mp4")))
                .isInstanceOf(VideoArchive.ArchiveFailure.class)
                .hasMessageContaining("404")
                .hasMessageContaining("task-1");
        assertThat(stored()).isEmpty();
    }

    @Test
    void a_failure_does_not_touch_an_earlier_copy() throws Exception {
        archive.keep(TASK, url("/video.mp4"));

        assertThatThrownBy(() -> archive.keep(TASK, hangingUp("/fixed-length.mp4")))
                .isInstanceOf(VideoArchive.ArchiveFailure.class);
        assertThat(stored(location(TASK))).isEqualTo(VIDEO);
        assertThat(stored()).containsExactly(location(TASK));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/video.mp4", "/chunked.mp4"})
    void a_body_over_the_maximum_fails_and_leaves_nothing(String path) throws IOException {
        VideoArchive limited = archive(VIDEO.length - 1, VideoDownload.DEFAULT_TIMEOUT);

        assertThatThrownBy(() -> limited.keep(TASK, url(path)))
                .isInstanceOf(VideoArchive.ArchiveFailure.class)
                .hasMessageContaining(String.valueOf(VIDEO.length - 1));
        assertThat(stored()).isEmpty();
    }

    @Test
    void a_body_of_exactly_the_maximum_is_kept() throws Exception {
        VideoArchive exact = archive(VIDEO.length, VideoDownload.DEFAULT_TIMEOUT);

        assertThat(exact.keep(TASK, url("/chunked.mp4")).sizeBytes()).isEqualTo(VIDEO.length);
        assertThat(stored(location(TASK))).isEqualTo(VIDEO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/fixed-length.mp4", "/chunked.mp4"})
    void a_connection_dropped_mid_body_fails_and_leaves_nothing(String path) throws IOException {
        assertThatThrownBy(() -> archive.keep(TASK, hangingUp(path)))
                .isInstanceOf(VideoArchive.ArchiveFailure.class)
                .hasMessageContaining("task-1")
                .hasMessageContaining("could not be downloaded or written")
                .hasMessageNotContaining("within");
        assertThat(stored()).isEmpty();
    }

    @Test
    void a_download_that_takes_too_long_fails_in_time_and_leaves_nothing() throws IOException {
        VideoArchive impatient = archive(VideoDownload.DEFAULT_MAX_BYTES, Duration.ofMillis(700));
        long start = System.nanoTime();

        assertThatThrownBy(() -> impatient.keep(TASK, url("/stalled.mp4")))
                .isInstanceOf(VideoArchive.ArchiveFailure.class)
                .hasMessageContaining("within");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(stored()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://127.0.0.1/video.mp4", "file:///etc/passwd", "/video.mp4", "http:/no-host"})
    void only_http_urls_are_fetched(String source) throws IOException {
        assertThatThrownBy(() -> archive.keep(TASK, URI.create(source)))
                .isInstanceOf(VideoArchive.ArchiveFailure.class)
                .hasMessageContaining("http(s)");
        assertThat(stored()).isEmpty();
    }

    @Test
    void nobody_listening_is_a_failure() throws IOException {
        URI closed = url("/video.mp4");
        server.stop(0);

        assertThatThrownBy(() -> archive.keep(TASK, closed)).isInstanceOf(VideoArchive.ArchiveFailure.class);
        assertThat(stored()).isEmpty();
    }

    @Test
    void ranges_of_a_kept_video_are_its_bytes() throws Exception {
        StoredVideo video = archive.keep(TASK, url("/video.mp4"));

        assertRangesAreItsBytes(archive.read(video).orElseThrow());
    }

    /**
     * Reads {@link #VIDEO}, kept, whole and in ranges (five reads that return bytes, across {@link #MIB} among them),
     * and checks that a range beyond its end or before its start is refused.
     */
    protected static void assertRangesAreItsBytes(VideoArchive.VideoContent content) throws IOException {
        assertThat(content.size()).isEqualTo(VIDEO.length);
        assertThat(readAll(content, 0, VIDEO.length)).isEqualTo(VIDEO);
        assertThat(readAll(content, 100, 1)).isEqualTo(Arrays.copyOfRange(VIDEO, 100, 101));
        assertThat(readAll(content, 1_000_000, 70_000)).isEqualTo(Arrays.copyOfRange(VIDEO, 1_000_000, 1_070_000));
        assertThat(readAll(content, MIB - 5, 10)).isEqualTo(Arrays.copyOfRange(VIDEO, MIB - 5, MIB + 5));
        assertThat(readAll(content, VIDEO.length - 10, 10))
                .isEqualTo(Arrays.copyOfRange(VIDEO, VIDEO.length - 10, VIDEO.length));
        assertThat(readAll(content, VIDEO.length, 0)).isEmpty();
        assertThatThrownBy(() -> content.open(VIDEO.length - 10, 11)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> content.open(-1, 1)).isInstanceOf(IllegalArgumentException.class);
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
    void a_missing_video_is_no_content() throws Exception {
        assertThat(archive.read(new StoredVideo(location(new TaskId("gone")), 10, "ab".repeat(32), NOW))).isEmpty();
        StoredVideo video = archive.keep(TASK, url("/small.mp4"));
        VideoArchive.VideoContent content = archive.read(video).orElseThrow();
        removeBehindItsBack(video.location());

        assertThat(archive.read(video)).isEmpty();
        assertThatThrownBy(() -> content.open(0, 10)).isInstanceOf(NoSuchFileException.class);
    }

    /** The locations come from the static {@code locationsOutside()} of the implementation's test. */
    @ParameterizedTest
    @MethodSource("locationsOutside")
    void a_location_outside_the_archive_is_refused(String location) throws IOException {
        putSomethingOutside();

        assertThatThrownBy(() -> archive.read(new StoredVideo(location, 6, "ab".repeat(32), NOW)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> archive.delete(new StoredVideo(location, 6, "ab".repeat(32), NOW)))
                .isInstanceOf(IllegalArgumentException.class);
        assertSomethingOutsideIsUntouched();
    }

    @Test
    void a_deleted_video_is_gone_and_deleting_it_again_does_nothing() throws Exception {
        StoredVideo video = archive.keep(TASK, url("/small.mp4"));
        StoredVideo other = archive.keep(new TaskId("task-2"), url("/small.mp4"));

        archive.delete(video);

        assertThat(stored()).containsExactly(other.location());
        assertThat(archive.read(video)).isEmpty();
        assertThat(archive.read(other)).isPresent();
        archive.delete(video);
        archive.delete(video.removed(NOW));
    }

    // --- posters ---------------------------------------------------------------------------------------------------

    /** Not a real JPEG: the archive keeps bytes, what they are is the decoder's business. */
    protected static final byte[] POSTER = bytes(20_000);

    @Test
    void a_poster_is_kept_beside_its_video_and_read_back() throws Exception {
        StoredVideo video = archive.keep(TASK, url("/small.mp4"));
        assertThat(archive.poster(video)).isEmpty();

        archive.keepPoster(video, POSTER);

        assertThat(archive.poster(video)).hasValueSatisfying(kept -> assertThat(kept).isEqualTo(POSTER));
        String beside = location(TASK).replace(".mp4", ".poster.jpg");
        assertThat(VideoArchive.posterLocation(video.location())).isEqualTo(beside);
        assertThat(stored()).containsExactlyInAnyOrder(location(TASK), beside);
        assertThat(stored(beside)).isEqualTo(POSTER);
        assertThat(stored(location(TASK))).as("the video is untouched").isEqualTo(SMALL);
    }

    @Test
    void keeping_a_poster_again_replaces_it_whole_and_each_video_has_its_own() throws Exception {
        StoredVideo video = archive.keep(TASK, url("/small.mp4"));
        StoredVideo other = archive.keep(new TaskId("task-2"), url("/small.mp4"));
        archive.keepPoster(video, POSTER);

        byte[] smaller = Arrays.copyOf(POSTER, 100);
        archive.keepPoster(video, smaller);

        assertThat(archive.poster(video).orElseThrow()).isEqualTo(smaller);
        assertThat(archive.poster(other)).isEmpty();
        assertThat(stored()).hasSize(3); // two videos and one poster: no temporary file left behind
    }

    @Test
    void deleting_a_video_removes_its_poster() throws Exception {
        StoredVideo video = archive.keep(TASK, url("/small.mp4"));
        StoredVideo other = archive.keep(new TaskId("task-2"), url("/small.mp4"));
        archive.keepPoster(video, POSTER);
        archive.keepPoster(other, POSTER);

        archive.delete(video.removed(NOW));

        assertThat(archive.poster(video)).isEmpty();
        assertThat(archive.poster(other)).isPresent();
        assertThat(stored()).containsExactlyInAnyOrder(other.location(), VideoArchive.posterLocation(other.location()));
    }

    @Test
    void a_poster_removed_behind_its_back_is_no_poster() throws Exception {
        StoredVideo video = archive.keep(TASK, url("/small.mp4"));
        archive.keepPoster(video, POSTER);

        removeBehindItsBack(VideoArchive.posterLocation(video.location()));

        assertThat(archive.poster(video)).isEmpty();
        assertThat(archive.read(video)).as("the video stays").isPresent();
    }

    /** The locations come from the static {@code locationsOutside()} of the implementation's test. */
    @ParameterizedTest
    @MethodSource("locationsOutside")
    void a_poster_for_a_location_outside_the_archive_is_refused(String location) throws IOException {
        putSomethingOutside();
        StoredVideo outside = new StoredVideo(location, 6, "ab".repeat(32), NOW);

        assertThatThrownBy(() -> archive.poster(outside)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> archive.keepPoster(outside, POSTER)).isInstanceOf(IllegalArgumentException.class);
        assertSomethingOutsideIsUntouched();
    }
}
