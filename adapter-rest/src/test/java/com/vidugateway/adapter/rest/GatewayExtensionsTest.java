package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.adapter.rest.TestGateway.PatternArchive;
import com.vidugateway.adapter.rest.TestGateway.ScriptedCluster;
import com.vidugateway.application.port.in.ObserveGateway;
import com.vidugateway.application.port.out.ProviderFailure;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.VideoTask;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gateway's own endpoints: listing, the video with ranges, the dry run, models, health, metrics, docs. */
@MicronautTest
class GatewayExtensionsTest extends GatewayHttpTest {

    @Inject
    ScriptedCluster cluster;

    private String submitted(Api as, String prompt) {
        return accepted(as, Bodies.images(prompt));
    }

    private String finished(String prompt) {
        String id = submitted(api, prompt);
        VideoTask task = TestGateway.runUntilDone(services, tasks, clock, id);
        assertThat(task.video()).isNotNull();
        return id;
    }

    // ---- listing ------------------------------------------------------------------------------------------

    @Test
    void list_pages_newest_first_with_a_cursor() {
        Api c = api.as("key-c");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(submitted(c, "page " + i));
        }

        Api.Answer first = c.get("/v1/tasks?limit=2");
        assertThat(first.status()).isEqualTo(200);
        assertThat(taskIds(first)).containsExactly(ids.get(4), ids.get(3));
        String cursor = first.string("next_cursor");
        assertThat(cursor).isNotBlank();

        Api.Answer second = c.get("/v1/tasks?limit=2&cursor=" + cursor);
        assertThat(taskIds(second)).containsExactly(ids.get(2), ids.get(1));
        Api.Answer last = c.get("/v1/tasks?limit=2&cursor=" + second.string("next_cursor"));
        assertThat(taskIds(last)).containsExactly(ids.get(0));
        assertThat(last.at("next_cursor")).isNull();

        JsonNode item = first.at("tasks[0]");
        assertThat(item.get("status").getStringValue()).isEqualTo("Pending");
        assertThat(item.get("task_status").getStringValue()).isEqualTo("Pending");
        assertThat(item.get("model").getStringValue()).isEqualTo("viduq2");
        assertThat(item.get("prompt").getStringValue()).isEqualTo("page 4");
        assertThat(item.get("images").getIntValue()).isEqualTo(1);
    }

    @Test
    void list_filters_by_status_display_name_and_refuses_bad_parameters() {
        String done = finished("listed as success");

        Api.Answer successes = api.get("/v1/tasks?status=Success&limit=100");
        assertThat(taskIds(successes)).contains(done);
        assertThat(successes.at("tasks").values()).allSatisfy(t ->
                assertThat(t.get("status").getStringValue()).isEqualTo("Success"));
        JsonNode item = successes.at("tasks").values().iterator().next();
        assertThat(item.get("video").get("stored").getBooleanValue()).isTrue();
        assertThat(item.get("video").get("url").getStringValue()).endsWith("/video");

        assertThat(api.get("/v1/tasks?status=success").status()).as("case does not matter").isEqualTo(200);
        Api.Answer badStatus = api.get("/v1/tasks?status=Done");
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.string("error.message")).contains("Accepted, Submitting, OutcomeUnknown, Pending, Running, Success, Failure");
        assertThat(api.get("/v1/tasks?limit=0").status()).isEqualTo(400);
        assertThat(api.get("/v1/tasks?limit=101").string("error.message")).contains("from 1 to 100");
        assertThat(api.get("/v1/tasks?limit=ten").status()).isEqualTo(400);
        Api.Answer badCursor = api.get("/v1/tasks?cursor=not-a-cursor");
        assertThat(badCursor.status()).isEqualTo(400);
        assertThat(badCursor.string("error.message")).contains("not one this gateway gave out");
        assertThat(api.get("/v1/tasks?cursor=not-a-cursor", "Accept-Language", "zh-CN").string("error.message"))
                .contains("游标 'not-a-cursor'").contains("next_cursor");
    }

    // ---- the video ----------------------------------------------------------------------------------------

    @Test
    void video_is_served_whole_with_length_type_and_ranges_advertised() {
        String id = finished("whole video");

        Api.Answer video = api.get("/v1/tasks/" + id + "/video");

        assertThat(video.status()).isEqualTo(200);
        assertThat(video.header("Content-Type")).isEqualTo("video/mp4");
        assertThat(video.header("Content-Length")).isEqualTo(Integer.toString(PatternArchive.SIZE));
        assertThat(video.header("Accept-Ranges")).isEqualTo("bytes");
        assertThat(video.header("ETag")).startsWith("\"").endsWith("\"");
        assertThat(video.body()).isEqualTo(PatternArchive.BYTES);
        assertThat(api.get("/v1/tasks/" + id + "/video", "Accept", "video/*").status()).isEqualTo(200);
    }

    @Test
    void video_ranges_answer_206_with_exactly_the_bytes_asked_for() {
        String id = finished("ranged video");
        String path = "/v1/tasks/" + id + "/video";

        Api.Answer middle = api.get(path, "Range", "bytes=100-199");
        assertThat(middle.status()).isEqualTo(206);
        assertThat(middle.header("Content-Range")).isEqualTo("bytes 100-199/" + PatternArchive.SIZE);
        assertThat(middle.header("Content-Length")).isEqualTo("100");
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(PatternArchive.BYTES, 100, 200));

        Api.Answer open = api.get(path, "Range", "bytes=9990-");
        assertThat(open.status()).isEqualTo(206);
        assertThat(open.body()).isEqualTo(Arrays.copyOfRange(PatternArchive.BYTES, 9990, 10_000));

        Api.Answer suffix = api.get(path, "Range", "bytes=-5");
        assertThat(suffix.header("Content-Range")).isEqualTo("bytes 9995-9999/10000");
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(PatternArchive.BYTES, 9995, 10_000));

        Api.Answer beyondEnd = api.get(path, "Range", "bytes=9000-999999");
        assertThat(beyondEnd.header("Content-Range")).isEqualTo("bytes 9000-9999/10000");

        Api.Answer unsatisfiable = api.get(path, "Range", "bytes=10000-");
        assertThat(unsatisfiable.status()).isEqualTo(416);
        assertThat(unsatisfiable.header("Content-Range")).isEqualTo("bytes */10000");
        assertThat(unsatisfiable.string("error.code")).isEqualTo("range_not_satisfiable");

        Api.Answer several = api.get(path, "Range", "bytes=0-1,5-6");
        assertThat(several.status()).as("several ranges: served whole").isEqualTo(200);
        assertThat(several.body()).hasSize(PatternArchive.SIZE);

        Api.Answer staleIfRange = api.get(path, "Range", "bytes=0-9", "If-Range", "\"another-version\"");
        assertThat(staleIfRange.status()).isEqualTo(200);
        Api.Answer freshIfRange = api.get(path, "Range", "bytes=0-9", "If-Range", middle.header("ETag"));
        assertThat(freshIfRange.status()).isEqualTo(206);
    }

    @Test
    void video_head_answers_the_headers_without_a_body() {
        String id = finished("head video");

        Api.Answer head = api.head("/v1/tasks/" + id + "/video");

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(PatternArchive.SIZE));
        assertThat(head.header("Accept-Ranges")).isEqualTo("bytes");
        assertThat(head.body()).isEmpty();
    }

    @Test
    void video_of_an_unfinished_or_unknown_task_says_why() {
        String id = submitted(api, "not yet");

        Api.Answer early = api.get("/v1/tasks/" + id + "/video");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.string("error.code")).isEqualTo("video_not_ready");
        assertThat(early.string("error.message")).contains("not ready yet");
        assertThat(early.header("Retry-After")).isEqualTo("5");

        assertThat(api.get("/v1/tasks/no-such-task/video").status()).isEqualTo(404);
        assertThat(api.get("/v1/tasks/bad%20id/video").status()).isEqualTo(404);
    }

    @Test
    void a_video_removed_by_retention_is_gone_and_the_task_says_what_was_removed_and_when() {
        String id = finished("kept, then removed");
        VideoTask done = tasks.find(new TaskId(id)).orElseThrow();
        assertThat(api.get("/v1/tasks/" + id + "/video").status()).isEqualTo(200);
        Instant videoRemoved = clock.instant();
        assertThat(tasks.replace(done.withVideoRemoved(videoRemoved))).isTrue();
        clock.advance(Duration.ofHours(1));
        Instant imagesRemoved = clock.instant();
        assertThat(tasks.replace(tasks.find(done.id()).orElseThrow().withImagesRemoved(imagesRemoved))).isTrue();

        Api.Answer gone = api.get("/v1/tasks/" + id + "/video");
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.string("error.code")).isEqualTo("video_removed");
        assertThat(gone.string("error.message")).contains(videoRemoved.toString()).contains("VIDU_KEEP_VIDEOS");
        assertThat(gone.header("Retry-After")).isNull();

        JsonNode item = null;
        for (JsonNode task : api.get("/v1/tasks?limit=100").at("tasks").values()) {
            if (task.get("task_id").getStringValue().equals(id)) {
                item = task;
            }
        }
        assertThat(item).isNotNull();
        assertThat(item.get("images_removed_at").getStringValue()).isEqualTo(imagesRemoved.toString());
        assertThat(item.get("images").getIntValue()).isEqualTo(1);
        assertThat(item.get("video").get("stored").getBooleanValue()).isFalse();
        assertThat(item.get("video").get("removed_at").getStringValue()).isEqualTo(videoRemoved.toString());
        assertThat(item.get("video").get("problem").getStringValue()).contains("VIDU_KEEP_VIDEOS");
        assertThat(item.get("video").get("url")).isNull();
        // a task whose images are kept says nothing about them
        String kept = finished("images kept");
        assertThat(api.get("/v1/tasks?limit=1").at("tasks[0]").get("task_id").getStringValue()).isEqualTo(kept);
        assertThat(api.get("/v1/tasks?limit=1").at("tasks[0]").get("images_removed_at")).isNull();
    }

    // ---- the dry run --------------------------------------------------------------------------------------

    @Test
    void validate_normalizes_and_estimates_without_storing_or_sending() {
        int submits = provider.submits().size();
        Api.Answer answer = api.as("key-b").postJson("/v1/tasks/validate", """
                {"model":"viduq2","input":{"images":["%s","%s"],"prompt":"dry"},
                 "parameters":{"vidu_type":"reference2video","duration":8,"resolution":"1080p"}}"""
                .formatted(Bodies.URL_IMAGE, Bodies.PNG_DATA_URI));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.at("valid").getBooleanValue()).isTrue();
        assertThat(answer.string("request.model")).isEqualTo("viduq2");
        assertThat(answer.string("request.parameters.aspect_ratio")).isEqualTo("16:9");
        assertThat(answer.string("request.parameters.movement_amplitude")).isEqualTo("auto");
        // As sent: seed 0 (random) and audio outside subjects mode are the provider's defaults, left out.
        assertThat(answer.at("request.parameters.seed")).isNull();
        assertThat(answer.at("request.parameters.audio")).isNull();
        assertThat(answer.string("request.input.images[0]")).isEqualTo(Bodies.URL_IMAGE);
        assertThat(answer.string("request.input.images[1]")).matches("data:image/png;base64,<\\d+(\\.\\d)? KiB PNG 160×128 elided>");
        assertThat(answer.string("images[1].kind")).isEqualTo("inline");
        assertThat(answer.at("images[1].width").getIntValue()).isEqualTo(160);
        assertThat(answer.string("estimate.cost_cny")).isEqualTo("4.53");
        assertThat(answer.string("estimate.typical_generation_seconds")).isEqualTo("62.9");
        assertThat(answer.at("violations").size()).isZero();
        assertThat(provider.submits()).hasSize(submits);
        assertThat(services.list().list(ClientKeys.ownerOf("key-b"), null, 100, null).tasks())
                .noneMatch(t -> t.prompt().equals("dry"));
    }

    @Test
    void validate_reports_every_violation_with_200_and_rejects_what_is_not_json() {
        Api.Answer answer = api.postJson("/v1/tasks/validate", """
                {"model":"vidu2.0","input":{"images":["a","b","c","d"],"prompt":""},"parameters":{"duration":"4"}}""");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.at("valid").getBooleanValue()).isFalse();
        assertThat(answer.violationFields()).contains("parameters.vidu_type", "parameters.duration", "input.prompt",
                "input.images", "input.images[0]");
        assertThat(answer.at("request")).isNull();

        assertThat(api.postJson("/v1/tasks/validate", "{").status()).isEqualTo(400);
        assertThat(api.post("/v1/tasks/validate", "{}".getBytes(), "Content-Type", "text/plain").status()).isEqualTo(415);
    }

    // ---- catalogue and operations -------------------------------------------------------------------------

    @Test
    void the_catalogue_lists_the_models_with_their_rules_and_prices() {
        Api.Answer answer = api.get("/v1/models/catalogue");

        assertThat(answer.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        answer.at("models").values().forEach(m -> names.add(m.get("name").getStringValue()));
        assertThat(names).containsExactly("viduq2", "viduq1", "vidu2.0", "vidu1.5");
        assertThat(answer.at("models[0].max_images").getIntValue()).isEqualTo(7);
        assertThat(answer.at("models[0].default_duration").getIntValue()).isEqualTo(5);
        assertThat(answer.string("models[0].durations[4].default_resolution")).isEqualTo("720p");
        assertThat(answer.string("models[0].durations[4].prices[1].cost_cny")).isEqualTo("1.41");
        assertThat(answer.at("models[0].supports_movement_amplitude").getBooleanValue()).isFalse();
        assertThat(answer.at("models[2].durations[0].prices")).isNull();
    }

    @Test
    void health_is_up_with_the_provider_name_and_503_when_the_store_fails() {
        Api.Answer up = api.get("/health");
        assertThat(up.status()).isEqualTo(200);
        assertThat(up.string("status")).isEqualTo("UP");
        assertThat(up.string("database.status")).isEqualTo("UP");
        assertThat(up.string("provider.name")).isEqualTo("scripted");
        assertThat(up.string("provider.status")).isIn("UP", "UNKNOWN");
        assertThat(up.string("instance")).isEqualTo(ScriptedCluster.SELF);
        assertThat(up.at("instances").size()).isEqualTo(3);
        assertThat(up.string("instances[0].id")).isEqualTo(ScriptedCluster.SELF);
        assertThat(up.string("instances[0].kind")).isEqualTo("server");
        assertThat(up.string("instances[0].host")).isEqualTo("host-a");
        assertThat(up.at("instances[0].pid").getLongValue()).isEqualTo(101);
        assertThat(up.string("instances[0].started_at")).isEqualTo("2026-05-01T08:00:00Z");
        assertThat(up.string("instances[0].heartbeat_at")).isEqualTo("2026-05-01T08:00:05Z");
        assertThat(up.string("instances[1].id")).isEqualTo("gw-test-b");
        assertThat(up.string("instances[2].kind")).isEqualTo("cli");

        tasks.broken(true);
        try {
            Api.Answer down = api.get("/health");
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.string("status")).isEqualTo("DOWN");
            assertThat(down.string("database.status")).isEqualTo("DOWN");
            assertThat(down.text()).doesNotContain("hunter2").doesNotContain("secret-url");
            assertThat(down.at("instance")).as("the instances are read from the database too").isNull();
            assertThat(down.at("instances")).isNull();
        } finally {
            tasks.broken(false);
        }
    }

    @Test
    void health_is_down_when_the_instances_cannot_be_read() {
        cluster.answer(() -> {
            throw new IllegalStateException("instance table gone (jdbc:h2:secret-url;password=hunter2)");
        });
        try {
            Api.Answer down = api.get("/health");
            Api.Answer verdict = new Api(server.getURI(), null).get("/health");

            assertThat(down.status()).isEqualTo(503);
            assertThat(down.string("status")).isEqualTo("DOWN");
            assertThat(down.string("database.status")).isEqualTo("DOWN");
            assertThat(down.string("database.error")).contains("cannot be read");
            assertThat(down.at("instance")).isNull();
            assertThat(down.text()).doesNotContain("hunter2").doesNotContain("secret-url");
            assertThat(verdict.status()).as("a load balancer sees the same verdict").isEqualTo(503);
            assertThat(verdict.string("status")).isEqualTo("DOWN");
        } finally {
            cluster.reset();
        }
    }

    @Test
    void health_shows_a_lone_instance() {
        cluster.answer(() -> new ObserveGateway.Cluster("local", List.of()));
        try {
            Api.Answer up = api.get("/health");

            assertThat(up.status()).isEqualTo(200);
            assertThat(up.string("instance")).isEqualTo("local");
            assertThat(up.at("instances").size()).as("an empty list, not left out").isZero();
        } finally {
            cluster.reset();
        }
    }

    @Test
    void health_is_degraded_while_the_provider_does_not_answer_and_metrics_show_it() {
        ProviderFailure.Unavailable away = new ProviderFailure.Unavailable(0, "connection refused", null);
        provider.failSubmits(away, away, away);
        Api.Answer queued = api.postJson("/v1/tasks/submit", Bodies.images("while the provider is away"));
        assertThat(queued.status()).isEqualTo(200);

        Api.Answer degraded = api.get("/health");
        assertThat(degraded.status()).isEqualTo(200);
        assertThat(degraded.string("status")).isEqualTo("DEGRADED");
        assertThat(degraded.string("provider.status")).isEqualTo("DOWN");
        assertThat(degraded.string("provider.error")).contains("connection refused");
        assertThat(api.get("/metrics").text()).contains("vidu_provider_up{instance=\"gw-test-a\"} 0.0")
                .contains("vidu_provider_calls_total{instance=\"gw-test-a\",operation=\"submit\",outcome=\"unavailable\"}")
                .contains("vidu_tasks{instance=\"gw-test-a\",status=\"Accepted\"}");

        api.postJson("/v1/tasks/submit", Bodies.images("the provider is back"));
        Api.Answer up = api.get("/health");
        assertThat(up.string("status")).isEqualTo("UP");
        assertThat(up.string("provider.status")).isEqualTo("UP");
        assertThat(up.string("provider.last_answer_at")).isNotBlank();
    }

    @Test
    void running_out_of_memory_is_a_503_to_retry_with_the_same_idempotency_key() {
        tasks.outOfMemory(true);
        try {
            Api.Answer answer = api.postJson("/v1/tasks/submit", Bodies.images("too much at once"));
            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.header("Retry-After")).isEqualTo(String.valueOf(ApiError.RETRY_AFTER_SECONDS));
            assertThat(answer.string("error.message")).contains("ran short of memory").contains("Idempotency-Key");
        } finally {
            tasks.outOfMemory(false);
        }
        // The failure was that request's alone: the next ones are served (bootstrap's ClosedDatabaseTest shows the
        // same for an embedded database that closed itself under the pool).
        assertThat(api.get("/v1/tasks?limit=5").status()).isEqualTo(200);
        assertThat(api.postJson("/v1/tasks/submit", Bodies.images("a small one after it")).status()).isEqualTo(200);
    }

    @Test
    void a_failing_store_is_a_500_in_the_error_shape_without_its_message() {
        tasks.broken(true);
        try {
            Api.Answer answer = api.get("/v1/tasks/status?task_id=whatever");
            assertThat(answer.status()).isEqualTo(500);
            assertThat(answer.string("error.type")).isEqualTo("internal_error");
            assertThat(answer.string("error.message")).contains(answer.header("X-Request-Id"));
            assertThat(answer.text()).doesNotContain("hunter2");
        } finally {
            tasks.broken(false);
        }
    }

    @Test
    void metrics_speak_prometheus() {
        String id = api.postJson("/v1/tasks/submit", Bodies.images("counted")).string("output.task_id");
        api.postJson("/v1/tasks/submit", "{}");
        api.get("/v1/tasks/status?task_id=nope");
        api.get("/v1/tasks/status?task_id=" + id);

        Api.Answer metrics = api.get("/metrics");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("Content-Type")).startsWith("text/plain");
        // The names and labels of before; every series also says which instance counted it (sorted first, as
        // Micrometer sorts its tags).
        assertThat(metrics.text())
                .contains("# TYPE vidu_http_requests_total counter")
                .contains("vidu_http_requests_total{instance=\"gw-test-a\",method=\"POST\",route=\"/v1/tasks/submit\",status=\"200\"}")
                .contains("vidu_http_requests_total{instance=\"gw-test-a\",method=\"GET\",route=\"/v1/tasks/status\",status=\"404\"}")
                .contains("# TYPE vidu_submits_total counter")
                .contains("vidu_submits_total{instance=\"gw-test-a\",result=\"accepted\"}")
                .contains("vidu_submits_total{instance=\"gw-test-a\",result=\"invalid\"}")
                .contains("# TYPE vidu_status_reads_total counter")
                .contains("vidu_status_reads_total{instance=\"gw-test-a\",task_status=\"Pending\"}")
                .contains("# TYPE vidu_provider_calls_total counter")
                .contains("vidu_provider_calls_total{instance=\"gw-test-a\",operation=\"submit\",outcome=\"ok\"}")
                .contains("# TYPE vidu_tasks gauge")
                .contains("vidu_tasks{instance=\"gw-test-a\",status=\"Pending\"}")
                .contains("vidu_tasks{instance=\"gw-test-a\",status=\"Success\"}")
                .contains("# TYPE vidu_sync_lag_seconds gauge")
                .contains("vidu_sync_lag_seconds{instance=\"gw-test-a\"} ")
                .contains("vidu_provider_up{instance=\"gw-test-a\"} 1.0")
                .contains("# TYPE vidu_http_request_duration_seconds summary")
                .contains("vidu_http_request_duration_seconds_count{instance=\"gw-test-a\",method=\"POST\",route=\"/v1/tasks/submit\"}")
                .contains("vidu_http_request_duration_seconds_sum{instance=\"gw-test-a\",method=\"POST\",route=\"/v1/tasks/submit\"}")
                .contains("jvm_memory_used_bytes{area=\"heap\",")
                .contains("jvm_memory_used_bytes{area=\"nonheap\",")
                .contains("process_start_time_seconds{instance=\"gw-test-a\"} ")
                // Micronaut's own request timer would count every request twice.
                .doesNotContain("http_server_requests");
        for (String line : metrics.text().split("\n")) {
            assertThat(line).matches("# (HELP|TYPE) .*|[a-zA-Z_:][a-zA-Z0-9_:]*\\{.*instance=\"gw-test-a\".*} [0-9.eE+-]+");
        }
    }

    @Test
    void metrics_are_read_from_the_store_once_per_scrape_and_current() {
        String id = submitted(api, "counted now");
        String before = api.get("/metrics").text();
        TestGateway.runUntilDone(services, tasks, clock, id);

        int counts = tasks.calls("countByStatus");
        int dues = tasks.calls("due");
        String after = api.get("/metrics").text();

        // One snapshot for the whole scrape, however many gauges read it.
        assertThat(tasks.calls("countByStatus")).isEqualTo(counts + 1);
        assertThat(tasks.calls("due")).isEqualTo(dues + 1);

        assertThat(value(after, "vidu_tasks{instance=\"gw-test-a\",status=\"Success\"}"))
                .isEqualTo(value(before, "vidu_tasks{instance=\"gw-test-a\",status=\"Success\"}") + 1);
        assertThat(value(after, "vidu_provider_calls_total{instance=\"gw-test-a\",operation=\"status\",outcome=\"ok\"}"))
                .isGreaterThan(value(before, "vidu_provider_calls_total{instance=\"gw-test-a\",operation=\"status\",outcome=\"ok\"}"));
    }

    private static double value(String scrape, String series) {
        return Arrays.stream(scrape.split("\n")).filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1)))
                .findFirst().orElse(0);
    }

    @Test
    void metrics_have_one_endpoint() {
        assertThat(api.get("/prometheus").status()).isEqualTo(404);
        assertThat(api.get("/metrics/jvm.memory.used").status()).isEqualTo(404);
        assertThat(api.get("/openapi.yml").text()).doesNotContain("/prometheus");
    }

    @Test
    void the_openapi_document_and_the_api_page_describe_every_endpoint() {
        Api.Answer yaml = api.get("/openapi.yml");
        assertThat(yaml.status()).isEqualTo(200);
        assertThat(yaml.text()).startsWith("openapi: 3")
                .contains("/v1/tasks/submit:", "/v1/tasks/status:", "/v1/tasks:", "/v1/tasks/{id}/video:",
                        "/v1/tasks/validate:", "/v1/models:", "/health:", "/metrics:")
                .doesNotContain("/bench/");

        Api.Answer json = api.get("/openapi.json");
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.string("info.title")).isEqualTo("Vidu Gateway");
        assertThat(json.at("paths").get("/v1/tasks/submit")).isNotNull();

        Api.Answer page = new Api(server.getURI(), null).get("/docs");
        assertThat(page.status()).as("open without a key").isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.text()).contains("<code>/v1/tasks/submit</code>", "SubmitRequest", "vidu_type")
                .doesNotContain("<script").doesNotContain("https://cdn");
    }

    @Test
    void the_constant_benchmark_endpoint_is_absent_unless_enabled() {
        assertThat(api.get("/bench/constant").status()).isEqualTo(404);
    }

    @Test
    void nothing_ever_shows_the_provider_key() {
        String id = finished("no secrets");
        List<Api.Answer> answers = List.of(api.get("/health"), api.get("/metrics"), api.get("/v1/models"),
                api.get("/v1/tasks/status?task_id=" + id), api.get("/v1/tasks?limit=100"), api.get("/openapi.yml"),
                api.get("/docs"), api.postJson("/v1/tasks/submit", "{"), api.get("/nothing"));
        for (Api.Answer answer : answers) {
            assertThat(answer.text()).doesNotContain("sk-provider-secret-must-never-leak");
            answer.headers().values().forEach(values -> assertThat(values.toString())
                    .doesNotContain("sk-provider-secret-must-never-leak"));
        }
    }

    private static List<String> taskIds(Api.Answer answer) {
        List<String> ids = new ArrayList<>();
        answer.at("tasks").values().forEach(t -> ids.add(t.get("task_id").getStringValue()));
        return ids;
    }
}
