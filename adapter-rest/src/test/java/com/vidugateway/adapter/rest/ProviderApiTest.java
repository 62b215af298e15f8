package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.application.port.out.ProviderFailure;
import com.vidugateway.application.port.in.FollowTaskChanges;
import com.vidugateway.application.service.StatusMemory;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** POST /v1/tasks/submit and GET /v1/tasks/status: the provider's JSON in and out, and every way a submit ends. */
@MicronautTest
class ProviderApiTest extends GatewayHttpTest {

    @Inject
    FollowTaskChanges follow;

    /** Status answers a test let memory hold (it followed the changes) are never trusted by the next test. */
    @AfterEach
    void forgetFreshness() {
        clock.advance(StatusMemory.FRESH_FOR);
    }

    @Test
    void submit_with_images_answers_the_providers_shape_and_sends_once() {
        int before = provider.submits().size();

        Api.Answer answer = api.postJson("/v1/tasks/submit", Bodies.images("make it dance"));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().isObject()).isTrue();
        assertThat(fieldNames(answer)).containsExactly("output", "request_id");
        assertThat(answer.string("output.task_id")).isNotBlank();
        assertThat(answer.string("request_id")).isEqualTo(answer.header("X-Request-Id"));
        assertThat(provider.submits()).hasSize(before + 1);
        assertThat(provider.submits().get(before).prompt()).isEqualTo("make it dance");
    }

    @Test
    void submit_with_subjects_keeps_the_subjects_shape() {
        Api.Answer answer = api.postJson("/v1/tasks/submit", Bodies.subjects("@1 and @2 run"));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        VideoTask task = tasks.find(new TaskId(answer.string("output.task_id"))).orElseThrow();
        assertThat(task.request().audio()).isTrue();
        assertThat(task.request().references().allImages()).hasSize(2);
        assertThat(task.owner()).isEqualTo(ClientKeys.ownerOf("key-a"));
    }

    @Test
    void status_follows_the_task_to_success_and_points_at_the_gateways_copy() {
        String id = api.postJson("/v1/tasks/submit", Bodies.images("follow me")).string("output.task_id");

        Api.Answer pending = api.get("/v1/tasks/status?task_id=" + id);
        assertThat(pending.status()).isEqualTo(200);
        assertThat(pending.string("output.task_id")).isEqualTo(id);
        assertThat(pending.string("output.task_status")).isEqualTo("Pending");
        assertThat(pending.at("output.urls")).isNull();
        assertThat(pending.at("output.finish_time")).isNull();
        assertThat(pending.at("output.submit_time").getLongValue()).isEqualTo(tasks.find(new TaskId(id)).orElseThrow()
                .acceptedAt().getEpochSecond());
        assertThat(pending.at("usage.duration").getIntValue()).isEqualTo(5);

        clock.advance(Duration.ofSeconds(10));
        services.sync().syncDue();
        clock.advance(Duration.ofSeconds(10));
        services.get().get(ClientKeys.ownerOf("key-a"), new TaskId(id), true);
        assertThat(api.get("/v1/tasks/status?task_id=" + id).string("output.task_status")).isEqualTo("Running");

        VideoTask done = TestGateway.runUntilDone(services, tasks, clock, id);
        assertThat(done.video()).isNotNull();
        Api.Answer success = api.get("/v1/tasks/status?task_id=" + id);
        assertThat(success.string("output.task_status")).isEqualTo("Success");
        assertThat(success.string("output.urls[0]")).isEqualTo(server.getURI() + "/v1/tasks/" + id + "/video");
        assertThat(success.at("output.finish_time").getLongValue()).isEqualTo(
                done.enteredAt(TaskStatus.SUCCESS).orElseThrow().getEpochSecond());
        assertThat(success.at("output.error_message")).isNull();
        assertThat(success.string("request_id")).isNotBlank();
    }

    @Test
    void a_running_tasks_status_comes_from_memory_while_the_feed_is_followed_and_from_the_store_after_a_change() {
        String id = api.postJson("/v1/tasks/submit", Bodies.images("held while running")).string("output.task_id");
        clock.advance(Duration.ofSeconds(10));
        services.sync().syncDue();
        clock.advance(Duration.ofSeconds(10));
        services.get().get(ClientKeys.ownerOf("key-a"), new TaskId(id), true);
        follow.followChanges();
        assertThat(api.get("/v1/tasks/status?task_id=" + id).string("output.task_status")).isEqualTo("Running");

        tasks.broken(true);
        try {
            Api.Answer fromMemory = api.get("/v1/tasks/status?task_id=" + id);
            assertThat(fromMemory.status()).isEqualTo(200);
            assertThat(fromMemory.string("output.task_status")).isEqualTo("Running");
            // Memory is trusted for a short while only after the feed was last read: then the store answers.
            clock.advance(StatusMemory.FRESH_FOR);
            assertThat(api.get("/v1/tasks/status?task_id=" + id).status()).isEqualTo(500);
        } finally {
            tasks.broken(false);
        }

        TestGateway.runUntilDone(services, tasks, clock, id);
        follow.followChanges();
        assertThat(api.get("/v1/tasks/status?task_id=" + id).string("output.task_status")).isEqualTo("Success");
    }

    @Test
    void a_finished_tasks_status_comes_from_memory_the_same_and_stays_private() {
        String id = api.postJson("/v1/tasks/submit", Bodies.images("finished and final")).string("output.task_id");
        TestGateway.runUntilDone(services, tasks, clock, id);
        follow.followChanges();
        Api.Answer fromStore = api.get("/v1/tasks/status?task_id=" + id);

        tasks.broken(true);
        try {
            Api.Answer fromMemory = api.get("/v1/tasks/status?task_id=" + id);
            assertThat(fromMemory.status()).isEqualTo(200);
            assertThat(fromMemory.text().replace(fromMemory.string("request_id"), "ID"))
                    .isEqualTo(fromStore.text().replace(fromStore.string("request_id"), "ID"));
            assertThat(api.as("key-b").get("/v1/tasks/status?task_id=" + id).status()).isEqualTo(500);
        } finally {
            tasks.broken(false);
        }
        assertThat(api.as("key-b").get("/v1/tasks/status?task_id=" + id).status()).isEqualTo(404);
    }

    @Test
    void a_failed_task_reads_as_failure_with_its_message() {
        String id = api.postJson("/v1/tasks/submit", Bodies.images("this one fails")).string("output.task_id");
        provider.answerStatus(TaskStatus.FAILURE);
        clock.advance(Duration.ofSeconds(5));
        services.get().get(ClientKeys.ownerOf("key-a"), new TaskId(id), true);

        Api.Answer answer = api.get("/v1/tasks/status?task_id=" + id);

        assertThat(answer.string("output.task_status")).isEqualTo("Failure");
        assertThat(answer.string("output.error_message")).isEqualTo("generation failed");
        assertThat(answer.at("output.finish_time")).isNotNull();
        assertThat(answer.at("output.urls")).isNull();
    }

    @Test
    void the_gateways_own_early_states_read_as_pending() {
        // Every attempt of the one retry policy meets a provider that cannot be reached.
        ProviderFailure.Unavailable away = new ProviderFailure.Unavailable(0, "connection refused", null);
        provider.failSubmits(away, away, away);

        Api.Answer answer = api.postJson("/v1/tasks/submit", Bodies.images("queued while the provider is away"));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        String id = answer.string("output.task_id");
        assertThat(tasks.find(new TaskId(id)).orElseThrow().status()).isEqualTo(TaskStatus.ACCEPTED);
        assertThat(api.get("/v1/tasks/status?task_id=" + id).string("output.task_status")).isEqualTo("Pending");
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(ProviderFailure.Reason.SENSITIVE_CONTENT, 400, "sensitive_check_error", 400, "invalid_request_error", "sensitive_check_error"),
                Arguments.of(ProviderFailure.Reason.NO_MODEL_PERMISSION, 400, "model_error", 400, "invalid_request_error", "model_error"),
                Arguments.of(ProviderFailure.Reason.BAD_PARAMETER, 400, "param_error", 400, "invalid_request_error", "param_error"),
                Arguments.of(ProviderFailure.Reason.BAD_PARAMETER, 400, "tokens_too_long", 400, "invalid_request_error", "tokens_too_long"),
                Arguments.of(ProviderFailure.Reason.AUTHENTICATION, 401, "auth_error", 401, "invalid_request_error", "auth_error"),
                Arguments.of(ProviderFailure.Reason.FORBIDDEN, 403, "forbidden", 403, "permission_error", "forbidden"));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void a_provider_refusal_answers_with_the_providers_status_type_and_code(ProviderFailure.Reason reason, int providerStatus,
            String providerCode, int status, String type, String code) {
        provider.failSubmits(new ProviderFailure.Rejected(reason, providerStatus, providerCode, "the provider says no"));

        Api.Answer answer = api.postJson("/v1/tasks/submit", Bodies.images("refused " + providerCode));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.string("error.type")).isEqualTo(type);
        assertThat(answer.string("error.code")).isEqualTo(code);
        assertThat(answer.string("error.message")).contains("the provider says no");
        assertThat(answer.string("error.param")).isEqualTo(answer.header("X-Request-Id"));
        assertThat(answer.at("violations")).isNull();
    }

    @Test
    void an_invalid_request_lists_every_violation_and_is_neither_stored_nor_sent() {
        int before = provider.submits().size();
        String body = """
                {"model":"viduq2","input":{"images":["ftp://x/y.png","data:image/gif;base64,R0lGODlh"],"prompt":""},
                 "parameters":{"vidu_type":"text2video","duration":11,"aspect_ratio":"2:1","resolution":"4k","seed":-1}}""";

        Api.Answer answer = api.postJson("/v1/tasks/submit", body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.string("error.type")).isEqualTo("invalid_request_error");
        assertThat(answer.string("error.code")).isEqualTo("param_error");
        assertThat(answer.string("error.param")).isNotBlank();
        assertThat(answer.string("error.message")).startsWith("Invalid param: ");
        assertThat(answer.violationFields()).contains("parameters.vidu_type", "input.prompt", "input.images[0]",
                "input.images[1]", "parameters.duration", "parameters.aspect_ratio", "parameters.resolution",
                "parameters.seed");
        assertThat(provider.submits()).hasSize(before);
        assertThat(services.list().list(ClientKeys.ownerOf("key-a"), TaskStatus.FAILURE, 100, null).tasks())
                .noneMatch(t -> t.prompt().isEmpty());
    }

    @Test
    void vidu_type_is_required_here_and_reported_with_the_other_violations() {
        Api.Answer missing = api.postJson("/v1/tasks/submit", """
                {"model":"viduq2","input":{"images":["https://example.com/a.png"],"prompt":"p"},"parameters":{"duration":5}}""");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.violation("parameters.vidu_type")).isEqualTo("is required; set it to 'reference2video'");

        Api.Answer noParameters = api.postJson("/v1/tasks/submit", """
                {"model":"viduq2","input":{"images":["https://example.com/a.png"]}}""");
        assertThat(noParameters.violationFields()).containsExactly("input.prompt", "parameters.vidu_type");
    }

    @Test
    void wrong_json_types_name_the_field_and_the_expected_type() {
        Api.Answer answer = api.postJson("/v1/tasks/submit", """
                {"model":5,"input":{"images":"https://example.com/a.png","prompt":["p"]},
                 "parameters":{"vidu_type":"reference2video","duration":"5","seed":1.5,"bgm":"yes","audio":1,
                 "aspect_ratio":16.9,"resolution":null}}""");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.violation("model")).isEqualTo("must be a string such as \"viduq2\", got a number (5)");
        assertThat(answer.violation("input.images")).startsWith("must be an array of image strings").endsWith("wrap it in [ ]");
        assertThat(answer.violation("input.prompt")).isEqualTo("must be a string, got an array");
        assertThat(answer.violation("parameters.duration")).isEqualTo("must be an integer, got a string (\"5\")");
        assertThat(answer.violation("parameters.seed")).isEqualTo("must be an integer, got a number (1.5)");
        assertThat(answer.violation("parameters.bgm")).isEqualTo("must be a boolean (true or false), got a string (\"yes\")");
        assertThat(answer.violation("parameters.audio")).isEqualTo("must be a boolean (true or false), got a number (1)");
        assertThat(answer.violation("parameters.aspect_ratio")).startsWith("must be a string such as \"16:9\"");
        // each field once: the domain's "is required" for a field given with the wrong type is not repeated
        assertThat(answer.violationFields()).doesNotHaveDuplicates();
    }

    @Test
    void unknown_fields_are_refused_with_their_path_and_a_hint() {
        Api.Answer answer = api.postJson("/v1/tasks/submit", """
                {"model":"viduq2","prompt":"x","input":{"images":["https://example.com/a.png"],"prompt":"p","duration":5},
                 "parameters":{"vidu_type":"reference2video","aspectRatio":"16:9","duraton":5}}""");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.violation("prompt")).contains("it belongs in input: input.prompt");
        assertThat(answer.violation("input.duration")).contains("it belongs in parameters: parameters.duration");
        assertThat(answer.violation("parameters.aspectRatio")).contains("did you mean aspect_ratio?");
        assertThat(answer.violation("parameters.duraton")).contains("did you mean duration?");
    }

    @Test
    void unknown_enum_values_are_reported_by_the_domain() {
        Api.Answer answer = api.postJson("/v1/tasks/submit", """
                {"model":"viduq3","input":{"images":["https://example.com/a.png"],"prompt":"p"},
                 "parameters":{"vidu_type":"reference2video","movement_amplitude":"wild","resolution":"8k"}}""");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.violation("model")).contains("'viduq3' is not a model this gateway offers");
        assertThat(answer.violation("parameters.movement_amplitude")).contains("'wild' is not a movement amplitude");
        assertThat(answer.violation("parameters.resolution")).contains("'8k' is not a resolution");
    }

    @Test
    void malformed_json_says_where() {
        Api.Answer answer = api.postJson("/v1/tasks/submit", "{\n  \"model\": \"viduq2\",\n  \"input\": {\"prompt\": \"p\" \"images\": []}\n}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.string("error.code")).isEqualTo("param_error");
        assertThat(answer.string("error.message")).startsWith("malformed JSON at line 3, column").contains("(in input");
    }

    @Test
    void a_body_that_is_not_an_object_or_has_trailing_garbage_is_refused_clearly() {
        assertThat(api.postJson("/v1/tasks/submit", "[1,2]").violation("(body)"))
                .isEqualTo("must be a JSON object with model, input and parameters, got an array");
        assertThat(api.postJson("/v1/tasks/submit", Bodies.images("p") + " {}").string("error.message"))
                .contains("there is more after the end of the JSON value");
        assertThat(api.postJson("/v1/tasks/submit", "{\"model\":\"viduq2\",\"model\":\"viduq1\"}").string("error.message"))
                .contains("the field 'model' appears twice");
    }

    @Test
    void a_missing_body_is_a_400_that_says_so() {
        Api.Answer empty = api.post("/v1/tasks/submit", new byte[0], "Content-Type", "application/json");

        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.string("error.message")).startsWith("the request body is");
        assertThat(empty.string("error.type")).isEqualTo("invalid_request_error");
    }

    @Test
    void a_body_that_is_not_json_is_415() {
        Api.Answer form = api.post("/v1/tasks/submit", "model=viduq2".getBytes(), "Content-Type",
                "application/x-www-form-urlencoded");
        assertThat(form.status()).isEqualTo(415);
        assertThat(form.string("error.code")).isEqualTo("unsupported_media_type");
        assertThat(form.string("error.message")).contains("application/x-www-form-urlencoded").contains("application/json");

        Api.Answer none = api.post("/v1/tasks/submit", Bodies.images("p").getBytes());
        assertThat(none.status()).isEqualTo(415);
        assertThat(none.string("error.message")).contains("Content-Type header is missing");

        Api.Answer latin1 = api.post("/v1/tasks/submit", Bodies.images("p").getBytes(), "Content-Type",
                "application/json; charset=ISO-8859-1");
        assertThat(latin1.status()).isEqualTo(415);

        Api.Answer withCharset = api.post("/v1/tasks/submit", Bodies.images("utf-8 named").getBytes(), "Content-Type",
                "application/json; charset=UTF-8");
        assertThat(withCharset.status()).isEqualTo(200);
    }

    @Test
    void the_status_query_needs_a_task_id_and_answers_404_for_an_unknown_one() {
        Api.Answer missing = api.get("/v1/tasks/status");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.string("error.message")).contains("task_id is required");

        Api.Answer unknown = api.get("/v1/tasks/status?task_id=no-such-task");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.string("error.code")).isEqualTo("not_found");

        Api.Answer malformed = api.get("/v1/tasks/status?task_id=%2F..%2Fetc");
        assertThat(malformed.status()).isEqualTo(404);
    }

    @Test
    void idempotency_key_replays_the_same_task_and_refuses_a_different_body() {
        int before = provider.submits().size();
        Api.Answer first = api.postJson("/v1/tasks/submit", Bodies.images("once only"), "Idempotency-Key", "order-17");
        Api.Answer again = api.postJson("/v1/tasks/submit", Bodies.images("once only"), "Idempotency-Key", "order-17");

        assertThat(first.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.string("output.task_id")).isEqualTo(first.string("output.task_id"));
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(provider.submits()).hasSize(before + 1);

        Api.Answer different = api.postJson("/v1/tasks/submit", Bodies.images("something else"), "Idempotency-Key", "order-17");
        assertThat(different.status()).isEqualTo(409);
        assertThat(different.string("error.code")).isEqualTo("idempotency_conflict");
        assertThat(different.string("error.message")).contains("order-17").contains(first.string("output.task_id"));
        assertThat(provider.submits()).hasSize(before + 1);

        Api.Answer otherKey = api.as("key-b").postJson("/v1/tasks/submit", Bodies.images("something else"),
                "Idempotency-Key", "order-17");
        assertThat(otherKey.status()).as("keys are per client").isEqualTo(200);

        Api.Answer blank = api.postJson("/v1/tasks/submit", Bodies.images("x"), "Idempotency-Key", "has space");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.string("error.message")).contains("Idempotency-Key");
    }

    @Test
    void idempotency_key_replays_a_refusal_as_the_same_refusal_without_a_second_provider_submit() {
        provider.failSubmits(new ProviderFailure.Rejected(ProviderFailure.Reason.SENSITIVE_CONTENT, 400,
                "sensitive_check_error", "the provider says no"));
        int before = provider.submits().size();
        Api.Answer first = api.postJson("/v1/tasks/submit", Bodies.images("refused once"), "Idempotency-Key", "order-18");
        Api.Answer again = api.postJson("/v1/tasks/submit", Bodies.images("refused once"), "Idempotency-Key", "order-18");

        assertThat(first.status()).isEqualTo(400);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.string("error.code")).isEqualTo(first.string("error.code")).isEqualTo("sensitive_check_error");
        assertThat(again.string("error.type")).isEqualTo(first.string("error.type"));
        assertThat(again.string("error.message")).isEqualTo(first.string("error.message")).contains("the provider says no");
        assertThat(provider.submits()).hasSize(before + 1);
    }

    @Test
    void callback_url_is_checked_at_submit() {
        Api.Answer privateUrl = api.postJson("/v1/tasks/submit", """
                {"model":"viduq2","input":{"images":["https://example.com/a.png"],"prompt":"p"},
                 "parameters":{"vidu_type":"reference2video","callback_url":"http://127.0.0.1/hook"}}""");
        assertThat(privateUrl.status()).isEqualTo(400);
        assertThat(privateUrl.violation("parameters.callback_url")).contains("127.0.0.1").contains("private");

        Api.Answer notHttp = api.postJson("/v1/tasks/submit", """
                {"model":"viduq2","input":{"images":["https://example.com/a.png"],"prompt":"p"},
                 "parameters":{"vidu_type":"reference2video","callback_url":"file:///etc/passwd"}}""");
        assertThat(notHttp.violation("parameters.callback_url")).startsWith("must be an http or https URL");

        Api.Answer otherPort = api.postJson("/v1/tasks/submit", """
                {"model":"viduq2","input":{"images":["https://example.com/a.png"],"prompt":"p"},
                 "parameters":{"vidu_type":"reference2video","callback_url":"https://93.184.215.14:8443/hook"}}""");
        assertThat(otherPort.violation("parameters.callback_url")).contains("port 8443")
                .contains("VIDU_WEBHOOK_ALLOWED_PORTS");

        // (no webhook is delivered in these tests: TestGateway wires none)
        Api.Answer publicUrl = api.postJson("/v1/tasks/submit", """
                {"model":"viduq2","input":{"images":["https://example.com/a.png"],"prompt":"p"},
                 "parameters":{"vidu_type":"reference2video","callback_url":"https://93.184.215.14/hook"}}""");
        assertThat(publicUrl.status()).as(publicUrl.toString()).isEqualTo(200);
    }

    @Test
    void unknown_routes_and_methods_answer_in_the_error_shape_never_html() {
        Api.Answer notFound = api.get("/v2/nothing", "Accept", "text/html");
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.header("Content-Type")).startsWith("application/json");
        assertThat(notFound.string("error.message")).contains("/v2/nothing");

        Api.Answer wrongMethod = api.get("/v1/tasks/submit");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.string("error.code")).isEqualTo("method_not_allowed");
    }

    private static java.util.List<String> fieldNames(Api.Answer answer) {
        java.util.List<String> names = new java.util.ArrayList<>();
        answer.json().entries().forEach(e -> names.add(e.getKey()));
        return names;
    }
}
