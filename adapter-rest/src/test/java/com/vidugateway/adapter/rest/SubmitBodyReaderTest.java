package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.application.service.ImageIntake;
import com.vidugateway.application.testing.InMemoryImageBlobMarks;
import com.vidugateway.application.testing.InMemoryImageBlobs;
import com.vidugateway.domain.image.ImageInput;
import com.vidugateway.domain.request.VideoRequestDraft;
import com.vidugateway.domain.validation.Violation;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubmitBodyReaderTest {

    private static final ImageIntake IMAGES = new ImageIntake(new InMemoryImageBlobs(),
            new InMemoryImageBlobMarks(java.time.Clock.systemUTC(), sha256 -> false));

    private static SubmitBodyReader.Reading read(String text) {
        return read(new RequestJson(), text);
    }

    private static SubmitBodyReader.Reading read(RequestJson json, String text) {
        try (LongStrings strings = new LongStrings(IMAGES)) {
            return SubmitBodyReader.read(json.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                    strings), strings);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void a_full_body_maps_field_for_field() {
        SubmitBodyReader.Reading reading = read("""
                {"model":"viduq1","input":{"images":["u1","u2"],"prompt":"p"},
                 "parameters":{"vidu_type":"reference2video","duration":5,"seed":42,"aspect_ratio":"1:1",
                 "resolution":"1080p","movement_amplitude":"large","bgm":true,"audio":false,"callback_url":"https://h/x"}}""");

        assertThat(reading.violations()).isEmpty();
        assertThat(reading.draft()).isEqualTo(VideoRequestDraft.builder().model("viduq1").images("u1", "u2").prompt("p")
                .viduType("reference2video").duration(5).seed(42L).aspectRatio("1:1").resolution("1080p")
                .movementAmplitude("large").bgm(true).audio(false).callbackUrl("https://h/x").build());
        assertThat(reading.callbackUrl()).isEqualTo("https://h/x");
    }

    @Test
    void nulls_are_absent_and_integral_decimals_are_integers() {
        SubmitBodyReader.Reading reading = read("""
                {"model":"viduq2","input":{"images":["u"],"prompt":"p","subjects":null},
                 "parameters":{"vidu_type":"reference2video","duration":5.0,"seed":1E+2,"bgm":null}}""");

        assertThat(reading.violations()).isEmpty();
        assertThat(reading.draft().duration()).isEqualTo(5);
        assertThat(reading.draft().seed()).isEqualTo(100L);
        assertThat(reading.draft().subjects()).isNull();
        assertThat(reading.draft().bgm()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "\"duration\":99999999999   | parameters.duration | is 99999999999, out of range for this field",
            "\"duration\":1e999999999   | parameters.duration | is 1E+999999999, out of range for this field",
            "\"seed\":-1e40             | parameters.seed     | is -1E+40, out of range for this field",
            "\"duration\":5.5           | parameters.duration | must be an integer, got a number (5.5)",
            "\"duration\":true          | parameters.duration | must be an integer, got a boolean (true)",
            "\"duration\":[5]           | parameters.duration | must be an integer, got an array",
            "\"bgm\":{}                 | parameters.bgm      | must be a boolean (true or false), got an object",
            "\"vidu_type\":7            | parameters.vidu_type | must be the string \"reference2video\", got a number (7)"})
    void wrong_types_are_named(String parameter, String field, String message) {
        String parameters = parameter.startsWith("\"vidu_type\"") ? parameter
                : "\"vidu_type\":\"reference2video\"," + parameter;
        SubmitBodyReader.Reading reading = read("{\"model\":\"viduq2\",\"input\":{\"images\":[\"u\"],\"prompt\":\"p\"},"
                + "\"parameters\":{" + parameters + "}}");
        assertThat(reading.violations()).contains(new Violation(field, message));
    }

    @Test
    void array_elements_of_the_wrong_type_keep_their_index() {
        SubmitBodyReader.Reading reading = read("""
                {"model":"viduq2","input":{"images":["u",7,null,{"url":"x"}],"prompt":"p"},"parameters":{"vidu_type":"reference2video"}}""");

        assertThat(reading.draft().images()).containsExactly(new ImageInput.Text("u"), null, null, null);
        assertThat(reading.violations()).extracting(Violation::field).containsExactly("input.images[1]", "input.images[3]");
    }

    @Test
    void subjects_are_read_with_their_own_paths() {
        SubmitBodyReader.Reading reading = read("""
                {"model":"viduq2","input":{"prompt":"p","subjects":[{"id":1,"images":["u"],"voice":"x"},"s",
                 {"id":"b","images":"u"}]},"parameters":{"vidu_type":"reference2video"}}""");

        assertThat(reading.violations()).extracting(Violation::field).containsExactly("input.subjects[0].voice",
                "input.subjects[0].id", "input.subjects[1]", "input.subjects[2].images");
        assertThat(reading.draft().subjects()).hasSize(3);
        assertThat(reading.draft().subjects().get(1)).isNull();
    }

    @Test
    void a_long_string_is_an_image_where_an_image_belongs_and_refused_by_its_length_elsewhere() {
        String q = "~".repeat(100);
        String png = Bodies.PNG_DATA_URI;
        SubmitBodyReader.Reading reading = read(new RequestJson(16), """
                {"model":"%s","input":{"images":["%s","%s","u",["%s"]],"prompt":"%s"},
                 "parameters":{"vidu_type":"reference2video","%s":1}}""".formatted(q, q, png, q, q, q));

        assertThat(reading.draft().images()).hasSize(4);
        assertThat(reading.draft().images().get(0)).isEqualTo(new ImageInput.Oversized("~".repeat(100), 100));
        ImageInput.Decoded decoded = (ImageInput.Decoded) reading.draft().images().get(1);
        assertThat(decoded.dataUriPrefix()).isEqualTo("data:image/png;base64,");
        assertThat(decoded.problem()).isNull();
        assertThat(decoded.content().size()).isEqualTo(Bodies.png(160, 128).length);
        assertThat(reading.draft().images().get(2)).isEqualTo(new ImageInput.Text("u"));
        assertThat(reading.draft().images().get(3)).isNull();
        assertThat(reading.draft().model()).isNull();
        assertThat(reading.draft().prompt()).isNull();
        assertThat(reading.violations()).containsExactly(
                new Violation("model", "is a string of 100 characters; it must be a string such as \"viduq2\""
                        + " (only an inline image may be longer than 64 KiB)"),
                new Violation("input.prompt", "is a string of 100 characters; at most 2000 are allowed (only an"
                        + " inline image may be longer than 64 KiB)"),
                new Violation("input.images[3]", "must be a string: an http(s) URL or a data URI such as"
                        + " data:image/png;base64,…, got an array"),
                new Violation("parameters", "has a field whose name is a string of 100 characters; parameters has"
                        + " vidu_type, duration, seed, aspect_ratio, resolution, movement_amplitude, bgm, audio,"
                        + " callback_url"));
    }

    @Test
    void a_long_string_given_where_an_array_belongs_is_described_by_its_length() {
        SubmitBodyReader.Reading reading = read(new RequestJson(16), """
                {"model":"viduq2","input":{"images":"%s","prompt":"p"},"parameters":{"vidu_type":"reference2video"}}"""
                .formatted("r".repeat(50)));

        assertThat(reading.violations()).extracting(Violation::message).containsExactly("must be an array of image"
                + " strings (http(s) URLs or data URIs), got a string of 50 characters; wrap it in [ ]");
    }

    @Test
    void a_string_shaped_like_a_placeholder_is_an_ordinary_string() {
        String forged = LongStrings.MARK + "0123456789abcdef0123456789abcdef:0";
        SubmitBodyReader.Reading reading = read(new RequestJson(), """
                {"model":"viduq2","input":{"images":["%s","%s"],"prompt":"%s"},"parameters":{"vidu_type":"reference2video"}}"""
                .formatted("~".repeat(RequestJson.LONG_STRING + 1), forged, forged));

        assertThat(reading.draft().images().get(0)).isInstanceOf(ImageInput.Oversized.class);
        assertThat(reading.draft().images().get(1)).isEqualTo(new ImageInput.Text(forged));
        assertThat(reading.draft().prompt()).isEqualTo(forged);
        assertThat(reading.violations()).isEmpty();
    }

    @Test
    void merge_drops_what_the_reader_already_reported() {
        List<Violation> reader = List.of(new Violation("input.images", "must be an array"),
                new Violation("parameters.duration", "must be an integer"));
        List<Violation> domain = List.of(new Violation("input.images", "is required"),
                new Violation("input.images[0]", "bad"), new Violation("input.prompt", "is required"),
                new Violation("parameters.duration_x", "other"));

        assertThat(SubmitBodyReader.merge(reader, domain)).extracting(Violation::field)
                .containsExactly("input.images", "input.prompt", "parameters.duration", "parameters.duration_x");
    }
}
