package com.vidugateway.adapter.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import com.vidugateway.application.port.out.ProviderTask;
import com.vidugateway.application.testing.InMemoryImageBlobs;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.task.TaskStatus;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jcodec.api.FrameGrab;
import org.jcodec.api.JCodecException;
import org.jcodec.common.Codec;
import org.jcodec.common.DemuxerTrackMeta;
import org.jcodec.common.io.ByteBufferSeekableByteChannel;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.common.model.Picture;
import org.jcodec.containers.mp4.demuxer.MP4Demuxer;
import org.jcodec.scale.AWTUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The result is a real video: downloaded over HTTP from the status URL, read back with JCodec, it is an
 * H.264 MP4 of the requested length and shape whose picture moves. Until the task succeeds there is nothing
 * at the URL.
 */
class FakeVideoDownloadTest {

    private final TestClock clock = new TestClock();
    private final HttpClient loopbackOnly = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private FakeVideoGenerator generator;

    @TempDir
    Path videos;

    @BeforeEach
    void start() {
        generator = new FakeVideoGenerator(clock, 10, videos, FakeVideoGenerator.ANY_FREE_PORT, new InMemoryImageBlobs());
    }

    @AfterEach
    void stop() {
        generator.close();
    }

    @ParameterizedTest(name = "{0} s {1} → {2}×{3}")
    @CsvSource({
            "10, 16:9, 256, 144",
            " 1, 9:16, 144, 256",
            " 3, 4:3,  192, 144",
            " 2, 3:4,  144, 192",
            " 5, 1:1,  144, 144"})
    void a_finished_task_serves_an_h264_mp4_of_the_requested_length_and_shape(
            int seconds, String aspectRatio, int width, int height) throws Exception {
        ProviderTask done = finished(Requests.viduq2("make it dance.", seconds, "1080p", aspectRatio));

        HttpResponse<byte[]> response = get(done.urls().get(0));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(response.body().length);
        DemuxerTrackMeta video = videoTrackOf(response.body());
        assertThat(video.getCodec()).isEqualTo(Codec.H264);
        assertThat(video.getTotalDuration()).isCloseTo(seconds, offset(1.0 / 8));
        assertThat(video.getTotalFrames()).isEqualTo(seconds * ClipSpec.FRAMES_PER_SECOND);
        assertThat(video.getVideoCodecMeta().getSize().getWidth()).isEqualTo(width);
        assertThat(video.getVideoCodecMeta().getSize().getHeight()).isEqualTo(height);
    }

    @Test
    void the_picture_decodes_and_its_bar_sweeps_from_left_to_right() throws Exception {
        ProviderTask done = finished(Requests.viduq2("make it dance.", 2, "720p", "16:9"));
        byte[] mp4 = get(done.urls().get(0)).body();

        BufferedImage first = frame(mp4, 0);
        BufferedImage last = frame(mp4, 2 * ClipSpec.FRAMES_PER_SECOND - 1);

        assertThat(first.getWidth()).isEqualTo(256);
        assertThat(first.getHeight()).isEqualTo(144);
        assertThat(brightestColumn(first)).isLessThan(16);
        assertThat(brightestColumn(last)).isGreaterThan(256 - 16);
    }

    @Test
    void there_is_nothing_at_the_url_before_the_task_succeeds() throws Exception {
        String id = generator.submit(Requests.viduq2("make it dance.")).providerTaskId();
        String url = "http://127.0.0.1:" + generator.videoServerAddress().getPort() + "/fake-provider/videos/" + id + ".mp4";

        assertThat(get(url).statusCode()).as("Pending").isEqualTo(404);
        clock.advance(Duration.ofMillis(1_500));
        assertThat(generator.status(id).status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(get(url).statusCode()).as("Running").isEqualTo(404);
        clock.advance(Duration.ofSeconds(5));
        assertThat(generator.status(id).urls()).containsExactly(url);
        assertThat(get(url).statusCode()).as("Success").isEqualTo(200);
    }

    @Test
    void a_failed_or_unknown_task_has_no_video() throws Exception {
        String failed = generator.submit(Requests.viduq2("make it dance [fail]")).providerTaskId();
        clock.advance(Duration.ofHours(1));
        String base = "http://127.0.0.1:" + generator.videoServerAddress().getPort() + "/fake-provider/videos/";

        assertThat(generator.status(failed).status()).isEqualTo(TaskStatus.FAILURE);
        assertThat(get(base + failed + ".mp4").statusCode()).isEqualTo(404);
        assertThat(get(base + "no-such-task.mp4").statusCode()).isEqualTo(404);
        assertThat(get(base + "fake-" + "a".repeat(40) + ".mp4").statusCode()).isEqualTo(404);
        assertThat(get(base).statusCode()).isEqualTo(404);
    }

    @Test
    void only_get_is_served() throws Exception {
        ProviderTask done = finished(Requests.viduq2("make it dance.", 1, "540p", "1:1"));

        HttpResponse<byte[]> delete = loopbackOnly.send(HttpRequest.newBuilder(URI.create(done.urls().get(0))).DELETE().build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(delete.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void a_clip_is_encoded_once_and_shared_by_every_task_of_its_length_and_shape() throws Exception {
        ProviderTask first = finished(Requests.viduq2("make it dance.", 3, "540p", "9:16"));
        byte[] firstBytes = get(first.urls().get(0)).body();
        ProviderTask second = finished(Requests.viduq2("a different prompt", 3, "1080p", "9:16"));
        byte[] secondBytes = get(second.urls().get(0)).body();

        assertThat(second.urls()).isNotEqualTo(first.urls());
        assertThat(secondBytes).isEqualTo(firstBytes);
        try (var files = Files.list(videos)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly("clip-v1-3s-9x16.mp4");
        }
    }

    @Test
    void closing_stops_the_server_and_may_be_repeated() throws Exception {
        ProviderTask done = finished(Requests.viduq2("make it dance.", 1, "540p", "1:1"));
        assertThat(get(done.urls().get(0)).statusCode()).isEqualTo(200);

        generator.close();
        generator.close();

        assertThatThrownBy(() -> get(done.urls().get(0))).isInstanceOf(IOException.class);
    }

    private ProviderTask finished(VideoRequest request) throws Exception {
        String id = generator.submit(request).providerTaskId();
        clock.advance(Duration.ofHours(1));
        ProviderTask done = generator.status(id);
        assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
        return done;
    }

    private HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        return loopbackOnly.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static DemuxerTrackMeta videoTrackOf(byte[] mp4) throws IOException {
        try (SeekableByteChannel channel = ByteBufferSeekableByteChannel.readFromByteBuffer(ByteBuffer.wrap(mp4))) {
            return MP4Demuxer.createMP4Demuxer(channel).getVideoTrack().getMeta();
        }
    }

    private static BufferedImage frame(byte[] mp4, int frameNumber) throws IOException, JCodecException {
        try (SeekableByteChannel channel = ByteBufferSeekableByteChannel.readFromByteBuffer(ByteBuffer.wrap(mp4))) {
            Picture picture = FrameGrab.createFrameGrab(channel).seekToFramePrecise(frameNumber).getNativeFrame();
            return AWTUtil.toBufferedImage(picture);
        }
    }

    /** The column with the most light in it: where the sweeping bar is. */
    private static int brightestColumn(BufferedImage image) {
        int brightest = 0;
        long mostLight = -1;
        for (int x = 0; x < image.getWidth(); x++) {
            long light = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                int rgb = image.getRGB(x, y);
                light += ((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF);
            }
            if (light > mostLight) {
                mostLight = light;
                brightest = x;
            }
        }
        return brightest;
    }
}
