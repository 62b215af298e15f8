package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.application.service.VideoTaskServices;
import com.vidugateway.application.testing.MutableClock;
import com.vidugateway.application.testing.ScriptedGenerator;
import com.vidugateway.domain.image.ReferenceImage;
import com.vidugateway.domain.request.References;
import com.vidugateway.domain.request.VideoRequest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The provider's documented requests, sent as its curl commands send them (raw key in Authorization,
 * Content-Type: application/json, the --data body byte for byte), pointed at the gateway. The bodies are
 * copied into {@code src/test/resources/provider-examples/}; when {@code ../shared/provider/} is beside the
 * repository, a test checks that the copies are still verbatim.
 */
@MicronautTest
class DocumentationExamplesTest {

    @Inject
    EmbeddedServer server;
    @Inject
    ScriptedGenerator provider;
    @Inject
    MutableClock clock;
    @Inject
    VideoTaskServices services;
    @Inject
    TestGateway.BreakableTasks tasks;

    /** {@code --header 'Authorization: <YOUR_API_KEY>'}: the raw key, no Bearer. */
    private Api curl() {
        return new Api(server.getURI(), "key-a");
    }

    @Test
    void the_english_pages_example_with_its_trailing_comma_is_accepted_as_written() {
        int before = provider.submits().size();

        Api.Answer answer = curl().postJson("/v1/tasks/submit", example("english-images.json"));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.string("output.task_id")).isNotBlank();
        assertThat(provider.submits()).hasSize(before + 1);
        VideoRequest sent = provider.submits().get(before);
        assertThat(sent.references()).isInstanceOf(References.Images.class);
        assertThat(sent.references().allImages()).hasSize(1);
        assertThat(sent.references().allImages().get(0)).isEqualTo(new ReferenceImage.RemoteImage(java.net.URI.create(
                "https://umodelverse-inference.cn-wlcb.ufileos.com/ucloud-maxcot.jpg")));
        assertThat(sent.prompt()).isEqualTo("make it dance.");
        assertThat(sent.duration()).isEqualTo(5);
        assertThat(sent.resolution().wire()).isEqualTo("720p");
        assertThat(sent.aspectRatio().wire()).isEqualTo("16:9");
        assertThat(sent.bgm()).isTrue();
    }

    @Test
    void the_current_pages_subjects_example_is_accepted() {
        int before = provider.submits().size();

        Api.Answer answer = curl().postJson("/v1/tasks/submit", example("current-subjects.json"));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        VideoRequest sent = provider.submits().get(before);
        assertThat(sent.references()).isInstanceOf(References.Subjects.class);
        References.Subjects subjects = (References.Subjects) sent.references();
        assertThat(subjects.subjects()).extracting(References.Subject::id).containsExactly("1", "2");
        assertThat(subjects.subjects()).allSatisfy(s -> assertThat(s.voiceId()).isEmpty());
        assertThat(sent.prompt()).isEqualTo("让@1与@2一起跑步,一起喊加油");
        assertThat(sent.audio()).isTrue();
        assertThat(sent.bgm()).isFalse();
    }

    @Test
    void the_current_pages_images_example_is_accepted() {
        Api.Answer answer = curl().postJson("/v1/tasks/submit", example("current-images.json"));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    }

    @Test
    void the_status_example_answers_in_the_documented_shape_through_to_success() {
        String id = curl().postJson("/v1/tasks/submit", example("current-images.json")).string("output.task_id");
        TestGateway.runUntilDone(services, tasks, clock, id);

        // curl --location 'https://api.modelverse.cn/v1/tasks/status?task_id=<task_id>' --header 'Authorization: <YOUR_API_KEY>'
        Api.Answer answer = curl().get("/v1/tasks/status?task_id=" + id);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.string("output.task_id")).isEqualTo(id);
        assertThat(answer.string("output.task_status")).isEqualTo("Success");
        assertThat(answer.at("output.urls").size()).isEqualTo(1);
        assertThat(answer.at("output.submit_time").isNumber()).isTrue();
        assertThat(answer.at("output.finish_time").isNumber()).isTrue();
        assertThat(answer.at("usage.duration").getIntValue()).isEqualTo(5);
        assertThat(answer.at("request_id").isString()).isTrue();
        // and the URL it gives serves the video
        String url = answer.string("output.urls[0]");
        Api.Answer video = curl().get(url.substring(server.getURI().toString().length()));
        assertThat(video.status()).isEqualTo(200);
        assertThat(video.header("Content-Type")).isEqualTo("video/mp4");
    }

    @Test
    void the_copies_are_the_documentations_bodies_verbatim() throws IOException {
        Path provider = Path.of("..", "..", "shared", "provider").toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isDirectory(provider), "the provider documentation is not beside the repository");
        List<String> english = bodies(provider.resolve("modelverse-vidu-reference2video.md"));
        List<String> current = bodies(provider.resolve("modelverse-reference2video.current.zh.md"));
        List<String> original = bodies(provider.resolve("modelverse-vidu-reference2video.zh.txt"));

        assertThat(english).containsExactly(example("english-images.json"));
        assertThat(current).containsExactly(example("current-subjects.json"), example("current-images.json"));
        // the original Chinese page has the same trailing comma as the English rendering
        assertThat(original).containsExactly(example("english-images.json"));
    }

    private static List<String> bodies(Path page) throws IOException {
        Matcher m = Pattern.compile("--data '(.*?)'\\n", Pattern.DOTALL).matcher(Files.readString(page));
        List<String> found = new java.util.ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    static String example(String name) {
        try (InputStream in = DocumentationExamplesTest.class.getResourceAsStream("/provider-examples/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
