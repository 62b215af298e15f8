package com.vidugateway.adapter.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.application.port.out.ProviderFailure;
import com.vidugateway.application.port.out.ProviderTask;
import com.vidugateway.application.testing.InMemoryImageBlobs;
import com.vidugateway.domain.task.TaskStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fake outlives the gateway: a second instance (same directory, new object, as after a kill -9 and a
 * restart) knows a task the first one issued and ends it on the first one's schedule.
 */
class FakeVideoGeneratorRestartTest {

    private final TestClock clock = new TestClock();

    @TempDir
    Path videos;

    @Test
    void a_new_instance_finishes_a_task_submitted_before_the_restart_on_the_same_schedule() throws Exception {
        String id;
        ProviderTask seenBefore;
        try (FakeVideoGenerator before = new FakeVideoGenerator(clock, 10, videos, new InMemoryImageBlobs())) {
            id = before.submit(Requests.viduq2("make it dance.", 4, "540p", "9:16")).providerTaskId();
            clock.advance(Duration.ofMillis(500));
            seenBefore = before.status(id);
        }
        // The first instance is gone; nothing of it is used again but the id and the directory.
        try (FakeVideoGenerator after = new FakeVideoGenerator(clock, 10, videos, new InMemoryImageBlobs())) {
            ProviderTask seenAfter = after.status(id);
            assertThat(seenAfter.status()).isEqualTo(seenBefore.status());
            assertThat(seenAfter.submitTime()).isEqualTo(seenBefore.submitTime()).isEqualTo(TestClock.START);

            clock.advance(Duration.ofSeconds(5));
            ProviderTask done = after.status(id);

            // 4 s at 540p: 11.0 s published, 1.1 s at speed 10, ±5 %.
            assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
            assertThat(Duration.between(done.submitTime(), done.finishTime()).toMillis()).isBetween(1_045L, 1_155L);
            assertThat(done.usageSeconds()).isEqualTo(4);
            assertThat(done.urls()).containsExactly("http://127.0.0.1:" + after.videoServerAddress().getPort()
                    + "/fake-provider/videos/" + id + ".mp4");
            assertThat(download(done.urls().get(0)).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void the_schedule_is_fixed_at_submit_whatever_speed_and_directory_the_next_instance_has(@TempDir Path elsewhere)
            throws ProviderFailure {
        String id;
        try (FakeVideoGenerator before = new FakeVideoGenerator(clock, 10, videos, new InMemoryImageBlobs())) {
            id = before.submit(Requests.viduq2("make it dance.")).providerTaskId();
        }
        clock.advance(Duration.ofMillis(3_100));
        try (FakeVideoGenerator slower = new FakeVideoGenerator(clock, 1, elsewhere, new InMemoryImageBlobs())) {
            ProviderTask done = slower.status(id);

            assertThat(done.status()).as("still 28.7 s / 10, not / 1").isEqualTo(TaskStatus.SUCCESS);
            assertThat(Duration.between(done.submitTime(), done.finishTime()).toMillis()).isBetween(2_726L, 3_014L);
        }
    }

    @Test
    void a_task_still_pending_at_the_restart_moves_on_afterwards() throws ProviderFailure {
        String id;
        try (FakeVideoGenerator before = new FakeVideoGenerator(clock, 1, videos, new InMemoryImageBlobs())) {
            id = before.submit(Requests.viduq2("make it dance [fail]")).providerTaskId();
            assertThat(before.status(id).status()).isEqualTo(TaskStatus.PENDING);
        }
        try (FakeVideoGenerator after = new FakeVideoGenerator(clock, 1, videos, new InMemoryImageBlobs())) {
            clock.advance(Duration.ofSeconds(10));
            assertThat(after.status(id).status()).isEqualTo(TaskStatus.RUNNING);
            clock.advance(Duration.ofSeconds(30));
            assertThat(after.status(id).status()).as("the [fail] script survives too").isEqualTo(TaskStatus.FAILURE);
        }
    }

    private static HttpResponse<byte[]> download(String url) throws IOException, InterruptedException {
        HttpClient loopbackOnly = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
        return loopbackOnly.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
