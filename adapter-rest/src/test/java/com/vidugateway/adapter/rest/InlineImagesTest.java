package com.vidugateway.adapter.rest;

import static com.vidugateway.application.testing.VideoSources.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.application.port.out.ImageBlobs;
import com.vidugateway.application.testing.InMemoryImageBlobs;
import com.vidugateway.domain.image.ReferenceImage;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.VideoTask;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Inline images longer than {@link RequestJson#LONG_STRING} stream from the body into the blob store as they
 * arrive: kept with their exact bytes and form when the submit is accepted, removed otherwise — a refused body,
 * a body cut off, a dry run — with no upload left open when the request has ended.
 */
@MicronautTest
class InlineImagesTest extends GatewayHttpTest {

    /** 200×200 random pixels: about 120 KB of PNG, 160 KB of base64 — well over the 64 KiB threshold. */
    static final byte[] LARGE_PNG = Bodies.noisyPng(200, 200, 1);
    static final String LARGE_BASE64 = Base64.getEncoder().encodeToString(LARGE_PNG);
    static final String LARGE_DATA_URI = "data:image/png;base64," + LARGE_BASE64;

    @Inject
    InMemoryImageBlobs blobs;

    @BeforeEach
    void largeIsLarge() {
        assertThat(LARGE_BASE64.length()).isGreaterThan(2 * RequestJson.LONG_STRING);
    }

    @AfterEach
    void nothingLeftOpen() {
        eventually(() -> blobs.openUploads() == 0, "every staged upload closed");
    }

    private static String body(String... images) {
        return """
                {"model":"viduq2","input":{"images":[%s],"prompt":"inline"},
                 "parameters":{"vidu_type":"reference2video"}}""".formatted(quoted(images));
    }

    private static String quoted(String... values) {
        StringBuilder out = new StringBuilder();
        for (String value : values) {
            out.append(out.length() == 0 ? "" : ",").append('"').append(value).append('"');
        }
        return out.toString();
    }

    private VideoTask submitted(String body) {
        return tasks.find(new TaskId(accepted(api, body))).orElseThrow();
    }

    @Test
    void a_large_inline_png_is_kept_as_a_blob_with_its_exact_bytes_and_the_form_it_was_sent_in() throws Exception {
        byte[] other = Bodies.noisyPng(180, 220, 2);
        int sent = provider.submits().size();

        VideoTask task = submitted(body(LARGE_DATA_URI, Base64.getEncoder().encodeToString(other)));

        List<ReferenceImage> images = task.request().references().allImages();
        ReferenceImage.InlineImage dataUri = (ReferenceImage.InlineImage) images.get(0);
        assertThat(dataUri.blob().sha256()).isEqualTo(sha256(LARGE_PNG));
        assertThat(dataUri.blob().size()).isEqualTo(LARGE_PNG.length);
        assertThat(dataUri.dataUriPrefix()).isEqualTo("data:image/png;base64,");
        assertThat(dataUri.width()).isEqualTo(200);
        assertThat(blobs.bytes(sha256(LARGE_PNG))).isEqualTo(LARGE_PNG);
        ReferenceImage.InlineImage bare = (ReferenceImage.InlineImage) images.get(1);
        assertThat(bare.dataUriPrefix()).isNull();
        assertThat(blobs.bytes(bare.blob().sha256())).isEqualTo(other);
        // what the provider was given refers to the same blobs
        assertThat(provider.submits()).hasSize(sent + 1);
        assertThat(provider.submits().get(sent).references().allImages()).containsExactlyElementsOf(images);
    }

    @Test
    void the_same_image_twice_is_stored_once() throws Exception {
        byte[] png = Bodies.noisyPng(190, 190, 3);
        String uri = "data:image/png;base64," + Base64.getEncoder().encodeToString(png);

        int before = blobs.list().size();

        VideoTask first = submitted(body(uri, uri));
        VideoTask second = submitted(body(uri));

        String sha = sha256(png);
        assertThat(first.request().references().allImages()).extracting(i -> ((ReferenceImage.InlineImage) i).blob().sha256())
                .containsExactly(sha, sha);
        assertThat(((ReferenceImage.InlineImage) second.request().references().allImages().get(0)).blob().sha256())
                .isEqualTo(sha);
        assertThat(blobs.list()).hasSize(before + 1).extracting(ImageBlobs.Blob::sha256).containsOnlyOnce(sha);
    }

    @Test
    void base64_that_breaks_after_a_valid_header_is_refused_naming_the_image_and_nothing_is_kept() {
        int kept = blobs.list().size();
        int sent = provider.submits().size();
        String broken = LARGE_DATA_URI.substring(0, 100_000) + "*" + LARGE_DATA_URI.substring(100_001);
        String brokenShort = Bodies.PNG_DATA_URI.substring(0, 1_000) + "!" + Bodies.PNG_DATA_URI.substring(1_001);

        Api.Answer answer = api.postJson("/v1/tasks/submit", body(Bodies.URL_IMAGE, broken, brokenShort));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.violationFields()).containsExactly("input.images[1]", "input.images[2]");
        assertThat(answer.violation("input.images[1]")).contains("invalid character '*' at position 99978");
        assertThat(blobs.list()).hasSize(kept);
        assertThat(provider.submits()).hasSize(sent);
        eventually(() -> blobs.openUploads() == 0, "no upload left open");
    }

    @Test
    void a_body_cut_off_mid_image_is_refused_and_leaves_nothing() {
        int kept = blobs.list().size();
        String whole = body(LARGE_DATA_URI);
        String cut = whole.substring(0, whole.indexOf(LARGE_BASE64) + 120_000);

        Api.Answer answer = api.postJson("/v1/tasks/submit", cut);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.string("error.message")).startsWith("malformed JSON at line 1, column")
                .contains("(in input.images[0]): the body ends inside a string");
        assertThat(blobs.list()).hasSize(kept);
        eventually(() -> blobs.openUploads() == 0, "no upload left open");
    }

    @Test
    void a_connection_dropped_mid_image_leaves_no_upload_open() throws Exception {
        int kept = blobs.list().size();
        String head = body(LARGE_DATA_URI);
        byte[] sent = head.substring(0, head.indexOf(LARGE_BASE64) + 150_000).getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/tasks/submit HTTP/1.1\r\nHost: localhost\r\nAuthorization: key-a\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + (head.length() + 10) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(sent);
            out.flush();
            // the image is on its way into the store...
            eventually(() -> blobs.openUploads() == 1, "the image streaming into an upload");
        }
        // ...and the client is gone: the upload goes with it
        eventually(() -> blobs.openUploads() == 0, "the upload removed");
        assertThat(blobs.list()).hasSize(kept);
    }

    @Test
    void a_json_escaped_long_base64_string_decodes_to_the_same_bytes() {
        assertThat(LARGE_BASE64).contains("/");

        VideoTask task = submitted(body("data:image\\/png;base64," + LARGE_BASE64.replace("/", "\\/")));

        ReferenceImage.InlineImage image = (ReferenceImage.InlineImage) task.request().references().allImages().get(0);
        assertThat(image.dataUriPrefix()).isEqualTo("data:image/png;base64,");
        assertThat(blobs.bytes(image.blob().sha256())).isEqualTo(LARGE_PNG);
    }

    @Test
    void a_2_mb_prompt_is_refused_by_its_length_and_never_echoed() {
        String prompt = "x".repeat(2_000_000);

        Api.Answer answer = api.postJson("/v1/tasks/submit", """
                {"model":"viduq2","input":{"images":["%s"],"prompt":"%s"},"parameters":{"vidu_type":"reference2video"}}"""
                .formatted(Bodies.URL_IMAGE, prompt));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.violationFields()).containsExactly("input.prompt");
        assertThat(answer.violation("input.prompt")).isEqualTo("is a string of 2000000 characters; at most 2000 are"
                + " allowed (only an inline image may be longer than 64 KiB)");
        assertThat(answer.text()).doesNotContain("x".repeat(30)).hasSizeLessThan(2_000);
    }

    @Test
    void a_string_shaped_like_a_placeholder_is_plain_text() {
        // shaped like the placeholder of this body's one long string (index 0), without its nonce
        String forged = LongStrings.MARK + "00112233445566778899aabbccddeeff:0";

        VideoTask task = submitted("""
                {"model":"viduq2","input":{"images":["%s"],"prompt":"%s"},"parameters":{"vidu_type":"reference2video"}}"""
                .formatted(LARGE_DATA_URI, forged));
        assertThat(task.request().prompt()).isEqualTo(forged);

        // were it taken for the placeholder, images[1] would be the PNG of images[0], and valid
        Api.Answer asImage = api.postJson("/v1/tasks/submit", body(LARGE_DATA_URI, forged));
        assertThat(asImage.status()).isEqualTo(400);
        assertThat(asImage.violationFields()).containsExactly("input.images[1]");
        assertThat(asImage.violation("input.images[1]")).contains("51 characters long");
    }

    @Test
    void the_dry_run_reads_a_large_image_and_keeps_nothing() throws Exception {
        byte[] png = Bodies.noisyPng(210, 150, 4);
        String sha = sha256(png);

        Api.Answer answer = api.postJson("/v1/tasks/validate", body(Base64.getEncoder().encodeToString(png)));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.at("valid").getBooleanValue()).isTrue();
        assertThat(answer.string("request.input.images[0]")).matches("\\(bare base64\\)<\\d+(\\.\\d)? KiB PNG 210×150 elided>");
        assertThat(answer.at("images[0].bytes").getLongValue()).isEqualTo(png.length);
        assertThat(blobs.contains(sha)).isFalse();
    }

    @Test
    void more_than_a_handful_of_long_strings_is_refused_before_they_are_all_read() {
        String many = quoted(java.util.Collections.nCopies(LongStrings.MAX_COUNT + 1, LARGE_DATA_URI)
                .toArray(String[]::new));

        Api.Answer answer = api.postJson("/v1/tasks/submit", """
                {"model":"viduq2","input":{"images":[%s],"prompt":"p"},"parameters":{"vidu_type":"reference2video"}}"""
                .formatted(many));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.string("error.message")).contains("more than 32 strings longer than 64 KiB");
    }

    private static void eventually(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
