package com.vidugateway.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.request.VideoRequestDraft;
import com.vidugateway.domain.request.VideoRequestDraft.SubjectDraft;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireRequestsTest {

    private static final ObjectMapper JSON = ObjectMapper.getDefault();

    private static VideoRequest accepted(VideoRequestDraft.Builder draft) {
        var checked = VideoRequest.from(draft.build(), ModelCatalogue.STANDARD);
        assertThat(checked.violations()).isEmpty();
        return checked.value();
    }

    @Test
    void an_images_body_leaves_out_a_random_seed_and_audio_and_fills_every_other_default() throws IOException {
        VideoRequest request = accepted(VideoRequestDraft.builder().model("viduq2")
                .images("https://img.example.com/a.png").prompt("a \"cat\"\n猫"));

        assertThat(JSON.writeValueAsString(WireRequests.preview(request))).isEqualTo("""
                {"model":"viduq2","input":{"images":["https://img.example.com/a.png"],"prompt":"a \\"cat\\"\\n猫"},\
                "parameters":{"vidu_type":"reference2video","duration":5,"aspect_ratio":"16:9","resolution":"720p",\
                "movement_amplitude":"auto","bgm":false}}""");
    }

    @Test
    void a_subjects_body_has_the_prompt_before_the_subjects_a_chosen_seed_audio_and_an_empty_voice_id() throws IOException {
        VideoRequest request = accepted(VideoRequestDraft.builder().model("viduq2")
                .subjects(List.of(SubjectDraft.of("cat", List.of("https://img.example.com/c.png"), null),
                        SubjectDraft.of("dog", List.of("https://img.example.com/d.png"), "")))
                .prompt("@cat and @dog").seed(42L).audio(true));

        assertThat(JSON.writeValueAsString(WireRequests.preview(request))).isEqualTo("""
                {"model":"viduq2","input":{"prompt":"@cat and @dog","subjects":[\
                {"id":"cat","images":["https://img.example.com/c.png"],"voice_id":""},\
                {"id":"dog","images":["https://img.example.com/d.png"],"voice_id":""}]},\
                "parameters":{"vidu_type":"reference2video","duration":5,"seed":42,"aspect_ratio":"16:9",\
                "resolution":"720p","movement_amplitude":"auto","bgm":false,"audio":true}}""");
    }

    @Test
    void wire_fields_read_the_names_order_and_omissions_that_serialization_writes() throws IOException {
        VideoRequest request = accepted(VideoRequestDraft.builder().model("viduq2")
                .subjects(List.of(SubjectDraft.of("cat", List.of("https://img.example.com/c.png"), null)))
                .prompt("@cat").seed(0L));
        ProviderWire.SubmitBody body = WireRequests.preview(request);

        assertThat(JSON.writeValueAsString(WireFields.of(body))).isEqualTo(JSON.writeValueAsString(body));
        ProviderWire.StatusResponse status = new ProviderWire.StatusResponse(
                new ProviderWire.StatusOutput("t1", "Running", null, 1L, null, null), new ProviderWire.Usage(null), "");
        assertThat(JSON.writeValueAsString(WireFields.of(status))).isEqualTo(JSON.writeValueAsString(status))
                .isEqualTo("{\"output\":{\"task_id\":\"t1\",\"task_status\":\"Running\",\"submit_time\":1},"
                        + "\"usage\":{\"duration\":null},\"request_id\":\"\"}");
    }

    @Test
    void bytes_read_in_binary_units() {
        assertThat(WireRequests.bytes(512)).isEqualTo("512 B");
        assertThat(WireRequests.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(WireRequests.bytes(2L * 1024 * 1024)).isEqualTo("2 MiB");
    }
}
