package com.vidugateway.adapter.modelverse;

import static com.vidugateway.adapter.modelverse.StubModelverse.dropConnection;
import static com.vidugateway.adapter.modelverse.StubModelverse.error;
import static com.vidugateway.adapter.modelverse.StubModelverse.json;
import static com.vidugateway.adapter.modelverse.StubModelverse.resource;
import static com.vidugateway.adapter.modelverse.StubModelverse.slow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.vidugateway.application.port.out.ImageBlobs;
import com.vidugateway.application.port.out.ProviderFailure;
import com.vidugateway.application.port.out.ProviderTask;
import com.vidugateway.application.port.out.VideoGenerator.Submission;
import com.vidugateway.application.testing.InMemoryImageBlobs;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.image.ImageInput;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.request.VideoRequestDraft;
import com.vidugateway.domain.request.VideoRequestDraft.SubjectDraft;
import com.vidugateway.domain.task.TaskStatus;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * The fault matrix of issue 3 against the stub Modelverse: what is sent, what is retried, what is reported; and
 * issue 10's streamed body: inline images read from the blob store into the connection.
 */
@SuppressWarnings("unchecked")
class ModelverseVideoGeneratorTest {

    private static final String KEY = "sk-live-0123456789abcdef";
    private static final String IMAGE = "https://umodelverse-inference.cn-wlcb.ufileos.com/ucloud-maxcot.jpg";
    private static final Duration READ_TIMEOUT = Duration.ofMillis(400);

    private final ObjectMapper json = ObjectMapper.getDefault();
    private final InMemoryImageBlobs blobs = new InMemoryImageBlobs();
    private StubModelverse stub;
    private ModelverseVideoGenerator generator;

    @BeforeEach
    void start() {
        stub = new StubModelverse();
        generator = generatorAt(stub.baseUrl());
    }

    @AfterEach
    void stop() {
        generator.close();
        stub.close();
    }

    private ModelverseVideoGenerator generatorAt(URI baseUrl) {
        return generatorAt(baseUrl, blobs);
    }

    private ModelverseVideoGenerator generatorAt(URI baseUrl, ImageBlobs images) {
        return new ModelverseVideoGenerator(new ModelverseSettings(baseUrl, KEY, Duration.ofSeconds(1), READ_TIMEOUT),
                json, images);
    }

    private static VideoRequest documentedImagesRequest() {
        return VideoRequest.from(VideoRequestDraft.builder().model("viduq2").images(IMAGE).prompt("make it dance.")
                .viduType("reference2video").duration(5).aspectRatio("16:9").resolution("720p")
                .movementAmplitude("auto").bgm(true).build(), ModelCatalogue.STANDARD).value();
    }

    private static VideoRequest documentedSubjectsRequest() {
        return VideoRequest.from(VideoRequestDraft.builder().model("viduq2")
                .subjects(List.of(SubjectDraft.of("1", List.of(IMAGE), ""), SubjectDraft.of("2", List.of(IMAGE), "")))
                .prompt("让@1与@2一起跑步,一起喊加油").viduType("reference2video").duration(5).aspectRatio("16:9")
                .resolution("720p").movementAmplitude("auto").bgm(false).audio(true).build(), ModelCatalogue.STANDARD).value();
    }

    private Map<String, Object> parse(String text) throws IOException {
        return json.readValue(text, Argument.mapOf(String.class, Object.class));
    }

    private static String resourceText(String name) throws IOException {
        try (InputStream in = ModelverseVideoGeneratorTest.class.getResourceAsStream("/modelverse/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    // --- what is sent -------------------------------------------------------------------------------

    @Test
    void submit_sends_the_documented_images_request_with_the_raw_key() throws Exception {
        stub.enqueue(resource(200, "submit-response.json"));

        generator.submit(documentedImagesRequest());

        StubModelverse.Received sent = stub.received().get(0);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.pathAndQuery()).isEqualTo("/v1/tasks/submit");
        assertThat(sent.header("Authorization")).isEqualTo(KEY);
        assertThat(sent.header("Content-Type")).startsWith("application/json");
        assertThat(parse(sent.body())).isEqualTo(parse(resourceText("submit-request-images.json")));
        assertThat(sent.body()).isEqualTo("{\"model\":\"viduq2\",\"input\":{\"images\":[\"" + IMAGE + "\"],"
                + "\"prompt\":\"make it dance.\"},\"parameters\":{\"vidu_type\":\"reference2video\",\"duration\":5,"
                + "\"aspect_ratio\":\"16:9\",\"resolution\":\"720p\",\"movement_amplitude\":\"auto\",\"bgm\":true}}");
    }

    @Test
    void submit_sends_the_documented_subjects_request() throws Exception {
        stub.enqueue(resource(200, "submit-response.json"));

        generator.submit(documentedSubjectsRequest());

        assertThat(parse(stub.received().get(0).body())).isEqualTo(parse(resourceText("submit-request-subjects.json")));
    }

    @Test
    void a_nonzero_seed_is_sent_and_zero_is_left_to_the_provider_default() throws Exception {
        stub.enqueue(resource(200, "submit-response.json"), resource(200, "submit-response.json"));
        VideoRequest seeded = VideoRequest.from(VideoRequestDraft.builder().model("viduq1").images(IMAGE).prompt("p")
                .seed(42L).movementAmplitude("large").build(), ModelCatalogue.STANDARD).value();

        generator.submit(seeded);
        generator.submit(documentedImagesRequest());

        assertThat(parse(stub.received().get(0).body())).extractingByKey("parameters")
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("seed", 42).containsEntry("movement_amplitude", "large").containsEntry("resolution", "1080p");
        assertThat(stub.received().get(1).body()).doesNotContain("seed");
    }

    @Test
    void a_base_url_with_a_path_keeps_its_path() throws Exception {
        generator.close();
        generator = generatorAt(URI.create(stub.baseUrl() + "/proxy/"));
        stub.enqueue(resource(200, "submit-response.json"), resource(200, "status-success.json"));

        generator.submit(documentedImagesRequest());
        generator.status("task_id");

        assertThat(stub.received()).extracting(StubModelverse.Received::pathAndQuery)
                .containsExactly("/proxy/v1/tasks/submit", "/proxy/v1/tasks/status?task_id=task_id");
    }

    // --- inline images, streamed from the blob store -----------------------------------------------

    private static final String PNG_PREFIX = "data:image/png;base64,";

    /** A PNG of {@code size} bytes, kept in the blob store as the intake keeps it. */
    private byte[] storedPng(int size, long seed) {
        byte[] png = InlineImages.png(1024, 768, size, seed);
        InlineImages.store(blobs, InlineImages.sha256(png), png);
        return png;
    }

    private static VideoRequest inlineImagesRequest(ImageInput... images) {
        return VideoRequest.from(VideoRequestDraft.builder().model("viduq2").imageInputs(List.of(images))
                .prompt("make it dance.").duration(5).build(), ModelCatalogue.STANDARD).value();
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void inline_images_reach_the_provider_exactly_as_the_client_wrote_them_with_a_content_length() throws Exception {
        // Sizes that end in both paddings ("==" and "="), over many read chunks; a prefix in the client's own case.
        byte[] big = storedPng(3 * 1024 * 1024 + 1, 1);
        byte[] bare = storedPng(700_001, 2);
        String prefix = "data:image/PNG;base64,";
        VideoRequest request = VideoRequest.from(VideoRequestDraft.builder().model("viduq2")
                .subjects(List.of(
                        new SubjectDraft("1", List.of(InlineImages.decoded(prefix, big), ImageInput.of(IMAGE)), ""),
                        new SubjectDraft("2", List.of(InlineImages.decoded(null, bare)), "")))
                .prompt("@1 and @2 dance").duration(5).audio(true).build(), ModelCatalogue.STANDARD).value();
        stub.enqueue(resource(200, "submit-response.json"));

        generator.submit(request);

        StubModelverse.Received sent = stub.received().get(0);
        Map<String, Object> input = (Map<String, Object>) parse(sent.body()).get("input");
        List<Map<String, Object>> subjects = (List<Map<String, Object>>) input.get("subjects");
        assertThat(subjects.get(0).get("images")).isEqualTo(List.of(prefix + base64(big), IMAGE));
        assertThat(subjects.get(1).get("images")).isEqualTo(List.of(base64(bare)));
        assertThat(sent.body()).isEqualTo("{\"model\":\"viduq2\",\"input\":{\"prompt\":\"@1 and @2 dance\",\"subjects\":["
                + "{\"id\":\"1\",\"images\":[\"" + prefix + base64(big) + "\",\"" + IMAGE + "\"],\"voice_id\":\"\"},"
                + "{\"id\":\"2\",\"images\":[\"" + base64(bare) + "\"],\"voice_id\":\"\"}]},"
                + "\"parameters\":{\"vidu_type\":\"reference2video\",\"duration\":5,\"aspect_ratio\":\"16:9\","
                + "\"resolution\":\"720p\",\"movement_amplitude\":\"auto\",\"bgm\":false,\"audio\":true}}");
        assertThat(sent.header("Content-Length")).isEqualTo(String.valueOf(sent.bodyBytes()));
        assertThat(sent.header("Transfer-Encoding")).isNull();
    }

    @Test
    void the_calling_thread_allocates_far_less_than_the_body_so_it_never_builds_the_body() throws Exception {
        ImageInput[] images = new ImageInput[4];
        for (int i = 0; i < images.length; i++) {
            images[i] = InlineImages.decoded(PNG_PREFIX, storedPng(10 * 1024 * 1024, 10 + i));
        }
        VideoRequest request = inlineImagesRequest(images);
        stub.keepBodies(false);
        stub.enqueue(resource(200, "submit-response.json"), resource(200, "submit-response.json"));
        // Once first, so that loading classes and opening the connection are not counted.
        generator.submit(inlineImagesRequest(InlineImages.decoded(PNG_PREFIX, storedPng(200_000, 9))));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);

        generator.submit(request);

        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        long body = stub.received().get(1).bodyBytes();
        assertThat(body).isGreaterThan(4L * 10 * 1024 * 1024 * 4 / 3);
        assertThat(allocated).as("bytes the calling thread allocated for a body of %d", body).isLessThan(body / 20);
    }

    @Test
    void the_provider_receives_the_body_while_the_images_are_still_being_read() throws Exception {
        byte[] first = storedPng(8 * 1024 * 1024, 21);
        byte[] last = storedPng(8 * 1024 * 1024, 22);
        String lastSha = InlineImages.sha256(last);
        long enough = 8L * 1024 * 1024;
        // Halfway through the last image, its blob waits for the provider to have received the first image's
        // worth of bytes: a client that built the body before sending it would never get past this point.
        ImageBlobs gated = DelegatingBlobs.wrappingOpen(blobs, (sha256, in) -> !sha256.equals(lastSha) ? in
                : new FilterInputStream(in) {
                    private long read;

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        if (read >= last.length / 2) {
                            awaitReceived(enough);
                        }
                        int n = super.read(b, off, (int) Math.min(len, Math.max(1, last.length / 2 - read)));
                        read += Math.max(n, 0);
                        return n;
                    }
                });
        generator.close();
        generator = generatorAt(stub.baseUrl(), gated);
        stub.keepBodies(false);
        stub.enqueue(resource(200, "submit-response.json"));

        Submission submission = generator.submit(inlineImagesRequest(InlineImages.decoded(PNG_PREFIX, first),
                InlineImages.decoded(PNG_PREFIX, last)));

        assertThat(submission.providerTaskId()).isEqualTo("task_id");
        assertThat(stub.received().get(0).bodyBytes()).isGreaterThan(2 * enough);
    }

    private void awaitReceived(long bytes) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (stub.bytesReceived() < bytes) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the provider had " + stub.bytesReceived() + " bytes while the last image was"
                        + " half read: the body is not streamed");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    @Test
    void a_slow_steady_upload_longer_than_the_read_timeout_is_not_timed_out() throws Exception {
        // Eight reads of the blob (of 48 KiB each) that take a quarter of the read timeout each: the upload takes
        // twice the read timeout in all, but is never silent for one.
        byte[] png = storedPng(8 * SubmitBody.RAW_CHUNK, 61);
        ImageBlobs slow = DelegatingBlobs.wrappingOpen(blobs, (sha256, in) -> new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    Thread.sleep(READ_TIMEOUT.toMillis() / 4);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
                return super.read(b, off, len);
            }
        });
        generator.close();
        generator = generatorAt(stub.baseUrl(), slow);
        stub.enqueue(resource(200, "submit-response.json"));
        long start = System.nanoTime();

        Submission submission = generator.submit(inlineImagesRequest(InlineImages.decoded(PNG_PREFIX, png)));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(READ_TIMEOUT.multipliedBy(3).dividedBy(2));
        assertThat(submission.providerTaskId()).isEqualTo("task_id");
        assertThat(stub.received().get(0).body()).contains(base64(png));
    }

    @Test
    void a_provider_that_stops_taking_the_body_is_given_the_read_timeout_and_the_outcome_is_unknown() {
        // More than the loopback socket buffers hold, so the client must wait for the provider to read.
        byte[] png = storedPng(40 * 1024 * 1024, 51);
        stub.keepBodies(false);
        stub.stallBeforeReading(READ_TIMEOUT.multipliedBy(10));

        assertThatThrownBy(() -> generator.submit(inlineImagesRequest(InlineImages.decoded(PNG_PREFIX, png))))
                .isInstanceOfSatisfying(ProviderFailure.OutcomeUnknown.class, e -> {
                    assertThat(e.getMessage()).contains("took no more of the request").contains("not sent again");
                    // The client read the blob only as far as the connection took it: what the socket buffers
                    // hold, not the rest of the body in memory.
                    Matcher sent = Pattern.compile("\\((\\d+) of (\\d+) bytes sent\\)").matcher(e.getMessage());
                    assertThat(sent.find()).as(e.getMessage()).isTrue();
                    assertThat(Long.parseLong(sent.group(2))).isGreaterThan(50_000_000L);
                    assertThat(Long.parseLong(sent.group(1))).isLessThan(16L * 1024 * 1024);
                });
    }

    @Test
    void an_image_missing_from_the_store_is_rejected_and_nothing_is_sent() {
        byte[] kept = storedPng(100_000, 31);
        byte[] neverKept = InlineImages.png(1024, 768, 100_000, 32);

        assertThatThrownBy(() -> generator.submit(inlineImagesRequest(InlineImages.decoded(PNG_PREFIX, kept),
                InlineImages.decoded(PNG_PREFIX, neverKept))))
                .isInstanceOfSatisfying(ProviderFailure.Rejected.class, e -> {
                    assertThat(e.reason()).isEqualTo(ProviderFailure.Reason.BAD_PARAMETER);
                    assertThat(e.httpStatus()).isZero();
                    assertThat(e.code()).isEqualTo("image_missing");
                    assertThat(e.getMessage()).contains("input.images[1]").contains(InlineImages.sha256(neverKept))
                            .contains("removed").contains("never stored").contains("nothing was sent");
                });
        assertThat(stub.received()).isEmpty();
        assertThat(stub.cutOff()).isZero();
        assertThat(stub.bytesReceived()).isZero();
    }

    @Test
    void a_damaged_blob_is_rejected_and_the_provider_never_gets_a_whole_request() throws Exception {
        byte[] png = InlineImages.png(1024, 768, 2 * 1024 * 1024, 71);
        byte[] other = InlineImages.png(1024, 768, 2 * 1024 * 1024, 72);
        byte[] shorter = InlineImages.png(1024, 768, 1024 * 1024, 73);
        InlineImages.store(blobs, InlineImages.sha256(png), other);
        InlineImages.store(blobs, InlineImages.sha256(shorter), java.util.Arrays.copyOf(shorter, shorter.length - 10));

        assertThatThrownBy(() -> generator.submit(inlineImagesRequest(InlineImages.decoded(PNG_PREFIX, png))))
                .isInstanceOfSatisfying(ProviderFailure.Rejected.class, e -> {
                    assertThat(e.code()).isEqualTo("image_damaged");
                    assertThat(e.getMessage()).contains("input.images[0]").contains(InlineImages.sha256(png))
                            .contains("SHA-256 " + InlineImages.sha256(other)).contains("nothing was submitted");
                });
        assertThatThrownBy(() -> generator.submit(inlineImagesRequest(ImageInput.of(IMAGE),
                InlineImages.decoded(null, shorter))))
                .isInstanceOfSatisfying(ProviderFailure.Rejected.class, e -> assertThat(e.getMessage())
                        .contains("input.images[1]").contains("ends after " + (shorter.length - 10) + " bytes"));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (stub.cutOff() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(stub.cutOff()).as("requests the provider saw cut off").isEqualTo(2);
        assertThat(stub.received()).as("requests the provider received whole").isEmpty();
    }

    @Test
    void a_submit_resent_after_429_reads_its_images_from_the_store_again() throws Exception {
        byte[] png = storedPng(300_000, 41);
        stub.enqueue(json(429, error("Rate limit exceeded", "rate_limit_error", "rate_limit"), "Retry-After", "1"),
                resource(200, "submit-response.json"));
        VideoRequest request = inlineImagesRequest(InlineImages.decoded(PNG_PREFIX, png));

        assertThatThrownBy(() -> generator.submit(request)).isInstanceOf(ProviderFailure.RateLimited.class);
        generator.submit(request);

        assertThat(stub.received()).hasSize(2);
        assertThat(stub.received().get(1).body()).isEqualTo(stub.received().get(0).body())
                .contains("\"" + PNG_PREFIX + base64(png) + "\"");
    }

    // --- documented answers -------------------------------------------------------------------------

    @Test
    void the_documented_submit_answer_gives_task_and_request_ids() throws Exception {
        stub.enqueue(resource(200, "submit-response.json"));

        Submission submission = generator.submit(documentedImagesRequest());

        assertThat(submission).isEqualTo(new Submission("task_id", "request_id"));
    }

    @Test
    void the_documented_success_status_is_read_field_for_field() throws Exception {
        stub.enqueue(resource(200, "status-success.json"));

        ProviderTask task = generator.status("task_id");

        assertThat(task).isEqualTo(new ProviderTask("task_id", TaskStatus.SUCCESS, List.of("https://xxxxx/xxxx.mp4"),
                Instant.ofEpochSecond(1756959000), Instant.ofEpochSecond(1756959050), null, 5, ""));
        StubModelverse.Received sent = stub.received().get(0);
        assertThat(sent.method()).isEqualTo("GET");
        assertThat(sent.pathAndQuery()).isEqualTo("/v1/tasks/status?task_id=task_id");
        assertThat(sent.header("Authorization")).isEqualTo(KEY);
    }

    @Test
    void the_documented_failure_status_is_read_field_for_field() throws Exception {
        stub.enqueue(resource(200, "status-failure.json"));

        ProviderTask task = generator.status("task_id");

        assertThat(task).isEqualTo(new ProviderTask("task_id", TaskStatus.FAILURE, List.of(),
                Instant.ofEpochSecond(1756959000), Instant.ofEpochSecond(1756959019), "error_message", 5, ""));
    }

    @Test
    void task_ids_are_url_encoded_in_the_status_query() throws Exception {
        stub.enqueue(resource(200, "status-success.json"));

        generator.status("a b&c");

        assertThat(stub.received().get(0).pathAndQuery()).isEqualTo("/v1/tasks/status?task_id=a+b%26c");
    }

    // --- submit faults ------------------------------------------------------------------------------

    @Test
    void submit_400_param_error_is_rejected_as_bad_parameter_without_retry() {
        stub.enqueue(json(400, error("Invalid param", "invalid_request_error", "param_error")));

        assertThatThrownBy(() -> generator.submit(documentedImagesRequest()))
                .isInstanceOfSatisfying(ProviderFailure.Rejected.class, e -> {
                    assertThat(e.reason()).isEqualTo(ProviderFailure.Reason.BAD_PARAMETER);
                    assertThat(e.code()).isEqualTo("param_error");
                    assertThat(e.getMessage()).contains("HTTP 400").contains("Invalid param");
                });
        assertThat(stub.received()).hasSize(1);
    }

    @Test
    void submit_400_codes_map_to_their_reasons() {
        Map<String, ProviderFailure.Reason> codes = Map.of(
                "sensitive_check_error", ProviderFailure.Reason.SENSITIVE_CONTENT,
                "invalid_messages", ProviderFailure.Reason.SENSITIVE_CONTENT,
                "model_error", ProviderFailure.Reason.NO_MODEL_PERMISSION,
                "tokens_too_long", ProviderFailure.Reason.BAD_PARAMETER);
        codes.forEach((code, reason) -> {
            stub.enqueue(json(400, error("refused", "invalid_request_error", code)));
            assertThatThrownBy(() -> generator.submit(documentedImagesRequest()))
                    .isInstanceOfSatisfying(ProviderFailure.Rejected.class, e -> assertThat(e.reason()).isEqualTo(reason));
        });
        assertThat(stub.received()).hasSize(codes.size());
    }

    @Test
    void submit_401_and_403_are_authentication_and_forbidden() {
        stub.enqueue(json(401, error("Validate Certification failed", "invalid_request_error", "auth_error")),
                json(403, error("spending limit reached", "permission_error", "forbidden")));

        assertThatThrownBy(() -> generator.submit(documentedImagesRequest()))
                .isInstanceOfSatisfying(ProviderFailure.Rejected.class,
                        e -> assertThat(e.reason()).isEqualTo(ProviderFailure.Reason.AUTHENTICATION));
        assertThatThrownBy(() -> generator.submit(documentedImagesRequest()))
                .isInstanceOfSatisfying(ProviderFailure.Rejected.class, e -> {
                    assertThat(e.reason()).isEqualTo(ProviderFailure.Reason.FORBIDDEN);
                    assertThat(e.getMessage()).contains("spending limit reached");
                });
    }

    @Test
    void submit_429_is_rate_limited_with_its_retry_after_in_one_attempt() {
        stub.enqueue(json(429, error("Rate limit exceeded", "rate_limit_error", "rate_limit"), "Retry-After", "2"));

        assertThatThrownBy(() -> generator.submit(documentedImagesRequest()))
                .isInstanceOfSatisfying(ProviderFailure.RateLimited.class, e -> {
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(e.getMessage()).contains("429").contains("nothing was submitted");
                });
        assertThat(stub.received()).as("retries are the application's, through the call cap").hasSize(1);
    }

    @Test
    void submit_429_without_retry_after_is_rate_limited_without_one() {
        stub.enqueue(json(429, error("Rate limit exceeded", "rate_limit_error", "rate_limit")));

        assertThatThrownBy(() -> generator.submit(documentedImagesRequest()))
                .isInstanceOfSatisfying(ProviderFailure.RateLimited.class, e -> assertThat(e.retryAfter()).isNull());
        assertThat(stub.received()).hasSize(1);
    }

    /** Answers after which a submit may or may not have been taken: what the failure's message must name. */
    static Stream<Arguments> submitAnswersOfUnknownOutcome() {
        return Stream.of(
                Arguments.of("HTTP 500", json(500, error("Internal Server Error", "internal_error", "internal_error")),
                        List.of("HTTP 500", "not sent again")),
                Arguments.of("HTTP 504", json(504, error("Gateway timeout, please try again later or use stream api",
                        "timeout", "gateway_timeout_error")), List.of("504")),
                Arguments.of("no answer within the read timeout",
                        slow(READ_TIMEOUT.multipliedBy(3), resource(200, "submit-response.json")), List.of("no answer")),
                Arguments.of("a connection dropped mid-answer", dropConnection(), List.of()),
                Arguments.of("200 with truncated JSON, named", json(200, "{\"output\":{\"task_id\":\"tas"),
                        List.of("{\"output\":{\"task_id\":\"tas")),
                Arguments.of("200 without a task id", json(200, "{\"output\":{},\"request_id\":\"r\"}"),
                        List.of("no output.task_id")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("submitAnswersOfUnknownOutcome")
    void a_submit_whose_answer_leaves_its_outcome_unknown_is_never_resent(String answer, StubModelverse.Reply reply,
            List<String> named) {
        stub.enqueue(reply);

        assertThatThrownBy(() -> generator.submit(documentedImagesRequest()))
                .isInstanceOfSatisfying(ProviderFailure.OutcomeUnknown.class,
                        e -> named.forEach(words -> assertThat(e).hasMessageContaining(words)));
        assertThat(stub.received()).hasSize(1);
    }

    @Test
    void submit_to_a_closed_port_is_unavailable_and_nothing_was_submitted() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        generator.close();
        generator = generatorAt(URI.create("http://127.0.0.1:" + closedPort));

        assertThatThrownBy(() -> generator.submit(documentedImagesRequest()))
                .isInstanceOfSatisfying(ProviderFailure.Unavailable.class, e -> {
                    assertThat(e.httpStatus()).isZero();
                    assertThat(e.getMessage()).contains("cannot be reached").contains("nothing was submitted");
                });
    }

    // --- status faults ------------------------------------------------------------------------------

    @Test
    void status_500_is_unavailable_with_its_status_in_one_attempt_and_the_next_read_works() throws Exception {
        stub.enqueue(json(500, error("Request llm server Error", "internal_error", "model_server_error")),
                resource(200, "status-success.json"));

        assertThatThrownBy(() -> generator.status("task_id"))
                .isInstanceOfSatisfying(ProviderFailure.Unavailable.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(500);
                    assertThat(e.getMessage()).contains("model_server_error");
                });
        assertThat(stub.received()).as("retries are the application's, through the call cap").hasSize(1);
        assertThat(generator.status("task_id").status()).isEqualTo(TaskStatus.SUCCESS);
    }

    @ParameterizedTest(name = "HTTP {0}")
    @CsvSource({"504, Gateway timeout, gateway_timeout_error", "408, 'Request timeout, please try again later', timeout"})
    void status_timed_out_at_the_provider_is_unavailable_in_one_attempt(int httpStatus, String message, String code) {
        stub.enqueue(json(httpStatus, error(message, "timeout", code)));

        assertThatThrownBy(() -> generator.status("task_id"))
                .isInstanceOfSatisfying(ProviderFailure.Unavailable.class,
                        e -> assertThat(e.httpStatus()).isEqualTo(httpStatus));
        assertThat(stub.received()).hasSize(1);
    }

    @Test
    void status_429_gives_its_retry_after_in_seconds_and_as_a_date() {
        String inThreeSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(3));
        stub.enqueue(json(429, error("Rate limit exceeded", "rate_limit_error", "rate_limit"), "Retry-After", "1"),
                json(429, error("Rate limit exceeded", "rate_limit_error", "rate_limit"), "Retry-After", inThreeSeconds));

        assertThatThrownBy(() -> generator.status("task_id")).isInstanceOfSatisfying(ProviderFailure.RateLimited.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
        assertThatThrownBy(() -> generator.status("task_id")).isInstanceOfSatisfying(ProviderFailure.RateLimited.class,
                e -> assertThat(e.retryAfter()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3)));
    }

    @Test
    void status_slower_than_the_timeout_is_timed_out_and_the_next_read_works() throws Exception {
        stub.enqueue(slow(READ_TIMEOUT.multipliedBy(3), resource(200, "status-failure.json")),
                resource(200, "status-success.json"));

        assertThatThrownBy(() -> generator.status("task_id"))
                .isInstanceOf(ProviderFailure.TimedOut.class)
                .hasMessageContaining("did not answer");
        assertThat(generator.status("task_id").status()).isEqualTo(TaskStatus.SUCCESS);
    }

    @Test
    void status_whose_connection_drops_is_unavailable_and_the_next_read_works() throws Exception {
        stub.enqueue(dropConnection(), resource(200, "status-success.json"));

        assertThatThrownBy(() -> generator.status("task_id")).isInstanceOf(ProviderFailure.Unavailable.class);
        assertThat(generator.status("task_id").status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(stub.received()).hasSize(2);
    }

    /** Status answers that are no status: what the failure's message must name. */
    static Stream<Arguments> malformedStatusAnswers() {
        return Stream.of(
                Arguments.of("not JSON", "<html>Bad Gateway</html>", "<html>Bad Gateway</html>"),
                Arguments.of("an unknown task status",
                        "{\"output\":{\"task_id\":\"t\",\"task_status\":\"Queued\"},\"request_id\":\"\"}", "'Queued'"),
                Arguments.of("no task status", "{\"output\":{\"task_id\":\"t\"}}", "without output.task_status"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedStatusAnswers")
    void a_malformed_status_answer_names_what_came_back_and_is_never_taken_for_success_or_failure(
            String what, String body, String named) {
        stub.enqueue(json(200, body));

        assertThatThrownBy(() -> generator.status("t"))
                .isInstanceOf(ProviderFailure.MalformedResponse.class)
                .hasMessageContaining(named);
        assertThat(stub.received()).as("one exchange, no second look").hasSize(1);
    }

    @Test
    void status_404_is_not_found_without_retry() {
        stub.enqueue(json(404, error("task not found", "invalid_request_error", "not_found")));

        assertThatThrownBy(() -> generator.status("gone"))
                .isInstanceOfSatisfying(ProviderFailure.Rejected.class,
                        e -> assertThat(e.reason()).isEqualTo(ProviderFailure.Reason.NOT_FOUND));
        assertThat(stub.received()).hasSize(1);
    }

    // --- the key ------------------------------------------------------------------------------------

    @Test
    void the_key_appears_in_no_failure_message_even_when_the_provider_echoes_it() {
        stub.enqueue(json(401, error("Invalid token " + KEY, "invalid_request_error", "auth_error")),
                json(500, "oops " + KEY),
                json(200, "garbage " + KEY), json(200, "garbage " + KEY), json(200, "garbage " + KEY), json(200, "garbage " + KEY));
        List<Throwable> failures = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            try {
                if (i == 2) {
                    generator.status("t");
                } else {
                    generator.submit(documentedImagesRequest());
                }
            } catch (ProviderFailure e) {
                failures.add(e);
            }
        }

        assertThat(failures).hasSize(3);
        for (Throwable failure : failures) {
            assertThat(failure.getMessage()).contains("***");
            for (Throwable t = failure; t != null; t = t.getCause()) {
                assertThat(t.toString()).doesNotContain(KEY);
            }
        }
    }

    @Test
    void the_key_appears_in_no_log_line_even_at_trace_level() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        root.setLevel(Level.TRACE);
        try {
            stub.enqueue(resource(200, "submit-response.json"), json(500, "oops"), resource(200, "status-success.json"),
                    json(401, error("Validate Certification failed", "invalid_request_error", "auth_error")));
            generator.submit(documentedImagesRequest());
            assertThatThrownBy(() -> generator.status("task_id")).isInstanceOf(ProviderFailure.Unavailable.class);
            generator.status("task_id");
            assertThatThrownBy(() -> generator.submit(documentedImagesRequest())).isInstanceOf(ProviderFailure.class);
        } finally {
            root.detachAppender(logs);
            root.setLevel(before);
        }
        assertThat(logs.list).isNotEmpty();
        assertThat(logs.list).allSatisfy(event -> assertThat(event.getFormattedMessage()).doesNotContain(KEY));
    }

    @Test
    void the_key_is_not_in_the_settings_text() {
        assertThat(new ModelverseSettings(stub.baseUrl(), KEY, Duration.ofSeconds(1), Duration.ofSeconds(1)).toString()).doesNotContain(KEY).contains("apiKey=***");
        assertThat(generator.toString()).doesNotContain(KEY);
    }

    @Test
    void retry_after_is_read_as_seconds_or_http_date_and_garbage_is_ignored() {
        assertThat(ModelverseVideoGenerator.retryAfter("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(ModelverseVideoGenerator.retryAfter(" 0 ")).isEqualTo(Duration.ZERO);
        assertThat(ModelverseVideoGenerator.retryAfter("soon")).isNull();
        assertThat(ModelverseVideoGenerator.retryAfter(null)).isNull();
        assertThat(ModelverseVideoGenerator.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
    }

    @Test
    void settings_refuse_a_missing_key() {
        assertThatThrownBy(() -> ModelverseSettings.defaults(ModelverseSettings.DEFAULT_BASE_URL, " "))
                .hasMessageContaining("MODELVERSE_API_KEY");
    }
}
