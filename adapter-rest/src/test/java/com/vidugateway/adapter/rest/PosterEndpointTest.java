package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.adapter.rest.TestGateway.PatternArchive;
import com.vidugateway.adapter.rest.TestPosters.FakeFrames;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.VideoTask;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/tasks/{id}/poster}: made once, owner-scoped, and the video's answers when there is none. */
@MicronautTest
class PosterEndpointTest extends GatewayHttpTest {

    @Inject
    FakeFrames frames;
    @Inject
    PatternArchive archive;

    @AfterEach
    void reset() {
        frames.undecodable(false);
        archive.unreadable(false);
    }

    private String finished(String prompt) {
        String id = accepted(api, Bodies.images(prompt));
        VideoTask task = TestGateway.runUntilDone(services, tasks, clock, id);
        assertThat(task.video()).isNotNull();
        return id;
    }

    @Test
    void a_finished_task_has_a_jpeg_poster_made_once() throws Exception {
        String id = finished("a poster");
        int before = frames.calls.get();

        Api.Answer poster = api.get("/v1/tasks/" + id + "/poster");

        assertThat(poster.status()).as(poster.toString()).isEqualTo(200);
        assertThat(poster.header("Content-Type")).isEqualTo("image/jpeg");
        assertThat(poster.header("Cache-Control")).isEqualTo("private, max-age=86400");
        assertThat(poster.header("ETag")).startsWith("\"").endsWith("\"");
        assertThat(poster.body()).isEqualTo(FakeFrames.JPEG);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(poster.body()));
        assertThat(image.getWidth()).isEqualTo(16);

        Api.Answer again = api.get("/v1/tasks/" + id + "/poster", "Accept", "image/avif,image/webp,*/*");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("ETag")).isEqualTo(poster.header("ETag"));
        assertThat(frames.calls.get() - before).as("decoded once, then read from the archive").isEqualTo(1);

        Api.Answer cached = api.get("/v1/tasks/" + id + "/poster", "If-None-Match", poster.header("ETag"));
        assertThat(cached.status()).isEqualTo(304);
        assertThat(cached.body()).isEmpty();
    }

    @Test
    void another_clients_task_and_an_unknown_one_are_not_found() {
        String id = finished("alice's poster");

        Api.Answer other = api.as("key-b").get("/v1/tasks/" + id + "/poster");

        assertThat(other.status()).isEqualTo(404);
        assertThat(other.header("Content-Type")).startsWith("application/json");
        assertThat(api.get("/v1/tasks/no-such-task/poster").status()).isEqualTo(404);
        assertThat(api.get("/v1/tasks/bad%20id/poster").status()).isEqualTo(404);
    }

    @Test
    void no_stored_video_yet_is_409_video_not_ready() {
        String id = accepted(api, Bodies.images("not yet"));
        int before = frames.calls.get();

        Api.Answer early = api.get("/v1/tasks/" + id + "/poster");

        assertThat(early.status()).isEqualTo(409);
        assertThat(early.header("Content-Type")).startsWith("application/json");
        assertThat(early.string("error.code")).isEqualTo("video_not_ready");
        assertThat(early.string("error.message")).contains("not ready yet");
        assertThat(early.header("Retry-After")).isEqualTo("5");
        assertThat(frames.calls.get()).isEqualTo(before);
    }

    @Test
    void a_video_removed_by_retention_has_no_poster_any_more() {
        String id = finished("poster, then removed");
        assertThat(api.get("/v1/tasks/" + id + "/poster").status()).isEqualTo(200);
        VideoTask done = tasks.find(new TaskId(id)).orElseThrow();
        assertThat(tasks.replace(done.withVideoRemoved(clock.instant()))).isTrue();

        Api.Answer gone = api.get("/v1/tasks/" + id + "/poster");

        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.string("error.code")).isEqualTo("video_removed");
        assertThat(gone.header("Retry-After")).isNull();
    }

    @Test
    void an_undecodable_video_is_422_naming_why_and_is_not_decoded_again() {
        String id = finished("a broken video");
        frames.undecodable(true);
        int before = frames.calls.get();

        Api.Answer first = api.get("/v1/tasks/" + id + "/poster");
        Api.Answer again = api.get("/v1/tasks/" + id + "/poster", "Accept-Language", "zh-CN");

        assertThat(first.status()).isEqualTo(422);
        assertThat(first.string("error.code")).isEqualTo("video_undecodable");
        assertThat(first.string("error.message")).contains("no poster can be made").contains("no MP4 box");
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.string("error.message")).contains("封面");
        assertThat(frames.calls.get() - before).isEqualTo(1);
    }

    @Test
    void a_storage_that_does_not_answer_is_503_with_retry_after() {
        String id = finished("storage down");
        archive.unreadable(true);

        Api.Answer down = api.get("/v1/tasks/" + id + "/poster");

        assertThat(down.status()).isEqualTo(503);
        assertThat(down.header("Retry-After")).isNotNull();
        assertThat(down.body()).asString().doesNotContain("secret");
        clock.advance(Duration.ofSeconds(1));
    }
}
