package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.application.port.in.ReadTaskImage;
import com.vidugateway.application.service.VideoTaskServices;
import com.vidugateway.application.testing.InMemoryImageBlobs;
import com.vidugateway.domain.image.ReferenceImage;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import io.micronaut.context.annotation.Factory;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/tasks/{id}}: the task with its parameters, history and images; and the images' bytes. */
@MicronautTest
class TaskDetailsControllerTest extends GatewayHttpTest {

    /** A subjects request: subject 1 by URL, subject 2 an inline 160×128 PNG; a callback URL; generated audio. */
    static final String SUBJECTS = """
            {"model":"viduq2","input":{"prompt":"@1 meets @2","subjects":[
              {"id":"1","images":["%s"],"voice_id":""},
              {"id":"2","images":["%s"],"voice_id":"voice-7"}]},
             "parameters":{"vidu_type":"reference2video","audio":true,"seed":42,
                           "callback_url":"https://93.184.215.14/hook"}}""".formatted(Bodies.URL_IMAGE, Bodies.PNG_DATA_URI);

    /** The use case for the images endpoint, from the same services as the rest of {@link TestGateway}. */
    @Factory
    static class Beans {
        @Singleton
        ReadTaskImage readTaskImage(VideoTaskServices services) {
            return services.image();
        }
    }

    @Inject
    InMemoryImageBlobs blobs;

    private String submitted(String body) {
        return accepted(api, body);
    }

    private String finished(String body) {
        String id = submitted(body);
        VideoTask task = TestGateway.runUntilDone(services, tasks, clock, id);
        assertThat(task.video()).isNotNull();
        return id;
    }

    private JsonNode listed(String id) {
        for (JsonNode task : api.get("/v1/tasks?limit=100").at("tasks").values()) {
            if (task.get("task_id").getStringValue().equals(id)) {
                return task;
            }
        }
        throw new AssertionError("task " + id + " is not in the list");
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.values().forEach(item -> values.add(item.get(field) == null ? null : item.get(field).getStringValue()));
        return values;
    }

    @Test
    void a_finished_task_is_its_list_summary_with_its_parameters_and_its_history_oldest_first() {
        String id = finished(Bodies.images("in full"));

        Api.Answer answer = api.get("/v1/tasks/" + id);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        JsonNode summary = listed(id);
        summary.entries().forEach(field -> assertThat(answer.json().get(field.getKey()))
                .as(field.getKey()).isEqualTo(field.getValue()));
        assertThat(answer.string("status")).isEqualTo("Success");
        assertThat(answer.string("request_id")).isNotBlank();

        JsonNode parameters = answer.at("parameters");
        assertThat(parameters.get("model").getStringValue()).isEqualTo("viduq2");
        assertThat(parameters.get("vidu_type").getStringValue()).isEqualTo("reference2video");
        assertThat(parameters.get("duration").getIntValue()).isEqualTo(5);
        assertThat(parameters.get("resolution").getStringValue()).isEqualTo("720p");
        // the defaults the request left out, filled in
        assertThat(parameters.get("aspect_ratio").getStringValue()).isNotBlank();
        assertThat(parameters.get("movement_amplitude").getStringValue()).isNotBlank();
        assertThat(parameters.get("seed").isNumber()).isTrue();
        assertThat(parameters.get("bgm").isBoolean()).isTrue();
        assertThat(parameters.get("audio").isBoolean()).isTrue();
        assertThat(parameters.get("callback_url")).isNull();
        assertThat(parameters.get("subjects")).isNull();

        JsonNode history = answer.at("history");
        assertThat(texts(history, "status")).containsExactly("Accepted", "Submitting", "Pending", "Running", "Success");
        long previous = Long.MIN_VALUE;
        for (JsonNode entry : history.values()) {
            long at = entry.get("at").getLongValue();
            assertThat(at).isGreaterThanOrEqualTo(previous);
            previous = at;
            assertThat(entry.get("message")).isNull();
        }
        assertThat(history.values().iterator().next().get("at").getLongValue()).isEqualTo(answer.at("submit_time").getLongValue());
        assertThat(previous).isEqualTo(answer.at("finish_time").getLongValue());

        assertThat(answer.at("reference_images").size()).isEqualTo(1);
        JsonNode image = answer.at("reference_images[0]");
        assertThat(image.get("field").getStringValue()).isEqualTo("input.images[0]");
        assertThat(image.get("kind").getStringValue()).isEqualTo("url");
        assertThat(image.get("url").getStringValue()).isEqualTo(Bodies.URL_IMAGE);
        assertThat(image.get("format")).isNull();
    }

    @Test
    void a_failure_says_why_in_its_history() {
        String id = submitted(Bodies.images("this one fails"));
        provider.answerStatus(TaskStatus.FAILURE);
        clock.advance(Duration.ofSeconds(5));
        services.get().get(ClientKeys.ownerOf("key-a"), new TaskId(id), true);

        Api.Answer answer = api.get("/v1/tasks/" + id);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode history = answer.at("history");
        assertThat(texts(history, "status")).containsExactly("Accepted", "Submitting", "Pending", "Failure");
        assertThat(texts(history, "message")).containsExactly(null, null, null, "generation failed");
        assertThat(answer.string("error_message")).isEqualTo("generation failed");
    }

    @Test
    void another_keys_task_and_unknown_ids_are_not_found_and_the_neighbouring_routes_keep_their_answers() {
        String id = submitted(Bodies.images("alice's"));

        for (String path : List.of("/v1/tasks/" + id, "/v1/tasks/" + id + "/images/0")) {
            Api.Answer other = api.as("key-b").get(path);
            assertThat(other.status()).as(path).isEqualTo(404);
            assertThat(other.string("error.code")).isEqualTo("not_found");
            assertThat(other.string("error.param")).isNotBlank();
        }
        assertThat(api.get("/v1/tasks/no-such-task").status()).isEqualTo(404);
        assertThat(api.get("/v1/tasks/bad%20id").status()).isEqualTo(404);
        assertThat(api.get("/v1/tasks/bad%20id/images/0").status()).isEqualTo(404);
        assertThat(api.as(null).get("/v1/tasks/" + id).status()).as("no key").isEqualTo(401);

        Api.Answer wrongMethod = api.get("/v1/tasks/submit");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.string("error.code")).isEqualTo("method_not_allowed");
        assertThat(api.get("/v1/tasks/validate").status()).isEqualTo(405);
        Api.Answer status = api.get("/v1/tasks/status?task_id=" + id);
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.string("output.task_id")).isEqualTo(id);
        assertThat(api.get("/v1/tasks/status").status()).as("task_id missing").isEqualTo(400);
    }

    @Test
    void a_subjects_task_lists_its_subjects_and_serves_its_inline_image_with_its_content_type() {
        String id = submitted(SUBJECTS);

        Api.Answer answer = api.get("/v1/tasks/" + id);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode parameters = answer.at("parameters");
        assertThat(parameters.get("audio").getBooleanValue()).isTrue();
        assertThat(parameters.get("seed").getLongValue()).isEqualTo(42);
        assertThat(parameters.get("callback_url").getStringValue()).isEqualTo("https://93.184.215.14/hook");
        assertThat(texts(parameters.get("subjects"), "id")).containsExactly("1", "2");
        assertThat(texts(parameters.get("subjects"), "voice_id")).containsExactly("", "voice-7");
        assertThat(parameters.get("subjects").get(1).get("images").get(0).getStringValue())
                .isEqualTo("input.subjects[1].images[0]");

        assertThat(texts(answer.at("reference_images"), "field"))
                .containsExactly("input.subjects[0].images[0]", "input.subjects[1].images[0]");
        JsonNode byUrl = answer.at("reference_images[0]");
        assertThat(byUrl.get("kind").getStringValue()).isEqualTo("url");
        assertThat(byUrl.get("url").getStringValue()).isEqualTo(Bodies.URL_IMAGE);
        JsonNode inline = answer.at("reference_images[1]");
        byte[] png = Bodies.png(160, 128);
        assertThat(inline.get("kind").getStringValue()).isEqualTo("inline");
        assertThat(inline.get("format").getStringValue()).isEqualTo("PNG");
        assertThat(inline.get("width").getLongValue()).isEqualTo(160);
        assertThat(inline.get("height").getLongValue()).isEqualTo(128);
        assertThat(inline.get("bytes").getLongValue()).isEqualTo(png.length);
        assertThat(inline.get("removed_at")).isNull();
        String url = inline.get("url").getStringValue();
        assertThat(url).isEqualTo(server.getURI() + "/v1/tasks/" + id + "/images/1");

        Api.Answer bytes = api.get(url.substring(server.getURI().toString().length()));
        assertThat(bytes.status()).as(bytes.toString()).isEqualTo(200);
        assertThat(bytes.header("Content-Type")).isEqualTo("image/png");
        assertThat(bytes.body()).isEqualTo(png);
        assertThat(bytes.header("X-Content-Type-Options")).isEqualTo("nosniff");
        for (String accept : List.of("image/*", "image/png", "*/*")) {
            Api.Answer accepted = api.get(url.substring(server.getURI().toString().length()), "Accept", accept);
            assertThat(accepted.status()).as("Accept: %s", accept).isEqualTo(200);
            assertThat(accepted.body()).isEqualTo(png);
        }

        Api.Answer given = api.get("/v1/tasks/" + id + "/images/0");
        assertThat(given.status()).isEqualTo(404);
        assertThat(given.string("error.code")).isEqualTo("image_not_stored");
        assertThat(given.string("error.message")).contains("input.subjects[0].images[0]").contains(Bodies.URL_IMAGE);
        for (String n : List.of("2", "-1", "x", "99999999999")) {
            Api.Answer none = api.get("/v1/tasks/" + id + "/images/" + n);
            assertThat(none.status()).as(n).isEqualTo(404);
            assertThat(none.string("error.code")).isEqualTo("image_not_found");
            assertThat(none.string("error.message")).contains("numbered from 0 to 1");
        }
    }

    @Test
    void images_removed_by_retention_are_gone_with_a_message_that_says_so_and_when() {
        String id = finished(SUBJECTS);
        assertThat(api.get("/v1/tasks/" + id + "/images/1").status()).isEqualTo(200);
        VideoTask done = tasks.find(new TaskId(id)).orElseThrow();
        clock.advance(Duration.ofDays(8));
        Instant removed = clock.instant();
        assertThat(tasks.replace(done.withImagesRemoved(removed))).isTrue();

        Api.Answer gone = api.get("/v1/tasks/" + id + "/images/1");

        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.string("error.code")).isEqualTo("image_removed");
        assertThat(gone.string("error.message")).contains("input.subjects[1].images[0]").contains(removed.toString())
                .contains("VIDU_KEEP_IMAGES");
        assertThat(gone.header("Retry-After")).isNull();
        Api.Answer details = api.get("/v1/tasks/" + id);
        assertThat(details.string("images_removed_at")).isEqualTo(removed.toString());
        assertThat(details.at("reference_images[1]").get("removed_at").getStringValue()).isEqualTo(removed.toString());
        assertThat(details.at("reference_images[1]").get("width").getLongValue()).as("what it was is still known").isEqualTo(160);
    }

    @Test
    void an_image_whose_stored_copy_is_missing_is_gone_too() {
        String id = submitted(SUBJECTS);
        VideoTask task = tasks.find(new TaskId(id)).orElseThrow();
        String sha = ((ReferenceImage.InlineImage) task.request().references().allImages().get(1)).blob().sha256();
        blobs.delete(sha);

        Api.Answer gone = api.get("/v1/tasks/" + id + "/images/1");

        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.string("error.message")).contains("missing");
    }
}
