package com.vidugateway.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vidugateway.adapter.persistence.TaskJson.ChangeRow;
import com.vidugateway.adapter.persistence.TaskJson.ImageRow;
import com.vidugateway.adapter.persistence.TaskJson.InputRow;
import com.vidugateway.adapter.persistence.TaskJson.ParametersRow;
import com.vidugateway.adapter.persistence.TaskJson.RefusalRow;
import com.vidugateway.adapter.persistence.TaskJson.RequestRow;
import com.vidugateway.adapter.persistence.TaskJson.SubjectRow;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The row records as JSON text: what is written is read back equal; old and newer rows are read too. */
class RowJsonTest {

    private static final ImageRow INLINE = new ImageRow(null, "ab".repeat(32), 1234L, "PNG", 640L, 480L,
            "data:image/png;base64,");
    private static final ImageRow URL = ImageRow.url("https://example.com/cat.png");
    private static final RowJson.Reading<RequestRow> REQUEST = RowJson::request;
    private static final RowJson.Reading<List<ChangeRow>> HISTORY = RowJson::history;
    private static final RowJson.Reading<List<String>> STRINGS = RowJson::strings;
    private static final RowJson.Reading<RefusalRow> REFUSAL = RowJson::refusal;
    private static final ParametersRow PARAMETERS = new ParametersRow(5, 42, "16:9", "720p", "auto", true, false, null);

    @Test
    void a_request_with_images_is_read_back_equal_and_non_ascii_is_escaped() throws IOException {
        RequestRow row = new RequestRow("viduq2", new InputRow(List.of(INLINE, URL), null, "跳舞 \ud83c\udfac \"now\""),
                PARAMETERS);

        String text = RowJson.write(out -> RowJson.request(out, row));

        assertThat(text).isASCII().contains("\\u8DF3").doesNotContain("subjects").contains("\"callback_url\":null");
        assertThat(RowJson.read(text, REQUEST)).isEqualTo(row);
    }

    @Test
    void a_request_with_subjects_is_read_back_equal() throws IOException {
        RequestRow row = new RequestRow("viduq2", new InputRow(null, List.of(new SubjectRow("cat", List.of(INLINE), null),
                new SubjectRow("dog", List.of(URL), "v1")), "@cat meets @dog"), PARAMETERS);

        assertThat(RowJson.read(RowJson.write(out -> RowJson.request(out, row)), REQUEST)).isEqualTo(row);
    }

    @Test
    void fields_a_newer_gateway_writes_are_skipped_and_absent_ones_are_null() throws IOException {
        String text = "{\"model\":\"viduq2\",\"extra\":{\"a\":[1,2]},\"input\":{\"images\":[{\"url\":\"https://x/y.png\","
                + "\"note\":\"new\"}],\"prompt\":\"p\"},\"parameters\":{\"duration\":4,\"seed\":0,\"aspect_ratio\":\"1:1\","
                + "\"resolution\":\"540p\",\"movement_amplitude\":\"auto\",\"bgm\":false,\"audio\":false,\"future\":true}}";

        RequestRow row = RowJson.read(text, REQUEST);

        assertThat(row.input().images()).containsExactly(ImageRow.url("https://x/y.png"));
        assertThat(row.parameters()).isEqualTo(new ParametersRow(4, 0, "1:1", "540p", "auto", false, false, null));
    }

    @Test
    void history_strings_and_a_refusal_are_read_back_equal() throws IOException {
        List<ChangeRow> history = List.of(new ChangeRow("ACCEPTED", 1L), new ChangeRow("SUCCESS", 1_795_852_800_123L));
        List<String> urls = List.of("https://a/b.mp4", "https://c/d.mp4?x=é");
        RefusalRow refusal = new RefusalRow("SENSITIVE_CONTENT", 400, "sensitive", "内容不合规");

        assertThat(RowJson.read(RowJson.write(out -> RowJson.history(out, history)), HISTORY)).isEqualTo(history);
        assertThat(RowJson.read(RowJson.write(out -> RowJson.strings(out, urls)), STRINGS)).isEqualTo(urls);
        assertThat(RowJson.read(RowJson.write(out -> RowJson.refusal(out, refusal)), REFUSAL)).isEqualTo(refusal);
    }

    @Test
    void malformed_or_misshapen_text_is_an_io_error() {
        assertThatThrownBy(() -> RowJson.read("{\"model\":", REQUEST)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> RowJson.read("[1]", REQUEST)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> RowJson.read("[] []", STRINGS)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> RowJson.read("[{\"status\":\"ACCEPTED\"}]", HISTORY))
                .isInstanceOf(IOException.class).hasMessageContaining("'at'");
    }
}
