package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.adapter.rest.TestGateway.BreakableBlobs;
import com.vidugateway.adapter.rest.TestGateway.PatternArchive;
import com.vidugateway.domain.task.TaskId;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A store that cannot be used now — the task database ({@code VideoTasks.Unavailable}), the image store, the video
 * storage — is a 503 with {@code Retry-After} in the error shape, on every endpoint that needs it: never a 500, never
 * the store's own words. Once the store is back, the same requests are served.
 */
@MicronautTest
class UnavailableStorageTest extends GatewayHttpTest {

    @Inject
    BreakableBlobs blobs;
    @Inject
    PatternArchive archive;

    @AfterEach
    void mend() {
        tasks.unavailable(false);
        blobs.uploadsFail(false);
        blobs.keepsFail(false);
        archive.unreadable(false);
        archive.unopenable(false);
    }

    /** 503, when to come back, the provider's error shape with the request id, and nothing of the failure's own text. */
    private static void assertTryAgainLater(Api.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isEqualTo(String.valueOf(ApiError.RETRY_AFTER_SECONDS));
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.string("error.type")).isEqualTo("internal_error");
        assertThat(answer.string("error.code")).isEqualTo("service_unavailable");
        assertThat(answer.string("error.param")).isEqualTo(answer.header("X-Request-Id"));
        assertThat(answer.text()).doesNotContain("hunter2").doesNotContain("secret").doesNotContain("jdbc")
                .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("Connection refused");
    }

    private String submitted(String prompt) {
        return accepted(api, Bodies.images(prompt));
    }

    @Test
    void an_unavailable_task_store_is_a_503_to_retry_on_every_endpoint_that_needs_it() {
        String pending = submitted("before the database went away");
        String done = submitted("finished before");
        TestGateway.runUntilDone(services, tasks, clock, done);
        tasks.unavailable(true);

        Api.Answer submit = api.postJson("/v1/tasks/submit", Bodies.images("while it is away"), "Idempotency-Key", "k-1");
        assertTryAgainLater(submit);
        assertThat(submit.string("error.message")).contains("task database").contains("Idempotency-Key");
        assertTryAgainLater(api.get("/v1/tasks/status?task_id=" + pending));
        assertTryAgainLater(api.get("/v1/tasks"));
        assertTryAgainLater(api.get("/v1/tasks?status=Pending&limit=5"));
        assertTryAgainLater(api.get("/v1/tasks/" + done + "/video"));
        Api.Answer head = api.head("/v1/tasks/" + done + "/video");
        assertThat(head.status()).isEqualTo(503);
        assertThat(head.header("Retry-After")).isEqualTo(String.valueOf(ApiError.RETRY_AFTER_SECONDS));
        // What needs no task store is served as ever.
        assertThat(api.postJson("/v1/tasks/validate", Bodies.images("a dry run")).status()).isEqualTo(200);
        assertThat(api.get("/v1/models").status()).isEqualTo(200);

        tasks.unavailable(false);
        Api.Answer again = api.postJson("/v1/tasks/submit", Bodies.images("while it is away"), "Idempotency-Key", "k-1");
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(api.get("/v1/tasks/status?task_id=" + pending).status()).isEqualTo(200);
        assertThat(api.get("/v1/tasks").status()).isEqualTo(200);
    }

    @Test
    void health_says_down_and_metrics_still_answer_while_the_task_store_is_unavailable() {
        submitted("counted");
        assertThat(api.get("/metrics").text()).contains("vidu_provider_calls_total{");
        tasks.unavailable(true);

        Api.Answer health = api.get("/health");
        Api.Answer metrics = api.get("/metrics");

        assertThat(health.status()).isEqualTo(503);
        assertThat(health.string("status")).isEqualTo("DOWN");
        assertThat(health.string("database.status")).isEqualTo("DOWN");
        assertThat(health.text()).doesNotContain("hunter2").doesNotContain("secret");
        assertThat(metrics.status()).as("the scrape does not fail with the database").isEqualTo(200);
        assertThat(metrics.text())
                .contains("vidu_tasks{instance=\"gw-test-a\",status=\"Pending\"} NaN")
                .contains("vidu_sync_lag_seconds{instance=\"gw-test-a\"} NaN")
                // Counted in memory: the last values seen, until the store answers again.
                .contains("vidu_provider_calls_total{instance=\"gw-test-a\",operation=\"submit\",outcome=\"ok\"} ")
                .contains("vidu_http_requests_total{instance=\"gw-test-a\",method=\"GET\",route=\"/health\",status=\"503\"}");

        tasks.unavailable(false);
        assertThat(api.get("/health").status()).isEqualTo(200);
        assertThat(api.get("/metrics").text()).doesNotContain("NaN")
                .contains("vidu_tasks{instance=\"gw-test-a\",status=\"Pending\"} ");
    }

    @Test
    void an_image_store_that_cannot_take_an_upload_is_a_503_to_retry() {
        blobs.uploadsFail(true);

        // Long inline images are staged while the body is read, short ones by the submit itself.
        Api.Answer streamed = api.postJson("/v1/tasks/submit", """
                {"model":"viduq2","input":{"images":["%s"],"prompt":"p"},"parameters":{"vidu_type":"reference2video"}}"""
                .formatted(InlineImagesTest.LARGE_DATA_URI));
        Api.Answer dryRun = api.postJson("/v1/tasks/validate", """
                {"model":"viduq2","input":{"images":["%s"],"prompt":"p"},"parameters":{"vidu_type":"reference2video"}}"""
                .formatted(InlineImagesTest.LARGE_DATA_URI));
        Api.Answer shortImage = api.postJson("/v1/tasks/submit", Bodies.subjects("a short inline image"));

        for (Api.Answer answer : new Api.Answer[] {streamed, dryRun, shortImage}) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
            assertThat(answer.header("Retry-After")).isEqualTo(String.valueOf(ApiError.RETRY_AFTER_SECONDS));
            assertThat(answer.string("error.code")).isEqualTo("service_unavailable");
            assertThat(answer.string("error.message")).contains("could not store an inline image");
            assertThat(answer.text()).doesNotContain("\tat ").doesNotContain("secret").doesNotContain("Connection refused");
        }
        blobs.uploadsFail(false);
        assertThat(api.postJson("/v1/tasks/submit", Bodies.subjects("a short inline image")).status()).isEqualTo(200);
    }

    @Test
    void an_image_store_that_cannot_keep_a_submits_images_is_a_503_not_a_500() {
        blobs.keepsFail(true);

        Api.Answer answer = api.postJson("/v1/tasks/submit", Bodies.subjects("kept at the end"));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isEqualTo(String.valueOf(ApiError.RETRY_AFTER_SECONDS));
        assertThat(answer.string("error.message")).contains("could not store an inline image")
                .contains("cannot be used now");
        assertThat(answer.text()).doesNotContain("secret").doesNotContain("did not answer");
        assertThat(api.get("/v1/tasks?limit=100").text()).as("nothing was stored").doesNotContain("kept at the end");
    }

    @Test
    void a_video_storage_that_cannot_be_read_is_a_503_to_retry() {
        String id = submitted("a video to read");
        TestGateway.runUntilDone(services, tasks, clock, id);
        assertThat(tasks.find(new TaskId(id)).orElseThrow().video()).isNotNull();
        archive.unreadable(true);

        Api.Answer answer = api.get("/v1/tasks/" + id + "/video");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isEqualTo(String.valueOf(ApiError.RETRY_AFTER_SECONDS));
        assertThat(answer.string("error.code")).isEqualTo("service_unavailable");
        assertThat(answer.string("error.message")).contains("video storage");
        assertThat(answer.text()).doesNotContain("secret").doesNotContain("connection reset");
        archive.unreadable(false);
        archive.unopenable(true);
        Api.Answer range = api.get("/v1/tasks/" + id + "/video", "Range", "bytes=0-99");
        assertThat(range.status()).as(range.toString()).isEqualTo(503);
        assertThat(range.header("Retry-After")).isEqualTo(String.valueOf(ApiError.RETRY_AFTER_SECONDS));
        assertThat(range.string("error.message")).contains("video storage");
        archive.unopenable(false);
        assertThat(api.get("/v1/tasks/" + id + "/video").status()).isEqualTo(200);
    }
}
