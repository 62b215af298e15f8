package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.domain.text.Language;
import com.vidugateway.domain.text.Messages;
import com.vidugateway.domain.validation.Violation;
import org.junit.jupiter.api.Test;

/** A text is said in a language only when it is shown, its phrases in the same language. */
class TextTest {

    private static final Messages CHINESE = Messages.in(Language.CHINESE);

    @Test
    void a_phrase_inside_a_text_is_said_in_the_same_language() {
        Text text = Text.of("api.body.wrong_type", "expected", Text.of("api.expected.string"),
                "given", Text.of("api.given.number", "value", 5));

        assertThat(text.english()).isEqualTo("must be a string, got a number (5)");
        assertThat(text.in(CHINESE)).isEqualTo("必须是字符串，实际是数字（5）");
        assertThat(text).hasToString("must be a string, got a number (5)");
    }

    @Test
    void words_from_elsewhere_are_shown_as_written_in_every_language() {
        Text verbatim = Text.verbatim("the provider says {no}");

        assertThat(verbatim.in(CHINESE)).isEqualTo("the provider says {no}");
        assertThat(Text.of("api.refused.request", "reason", "{max} $1 \\").in(CHINESE))
                .isEqualTo("服务商拒绝了请求：{max} $1 \\");
    }

    @Test
    void a_violation_keeps_english_as_its_message_and_says_its_phrases_in_the_clients_language() {
        Text text = Text.of("api.body.not_a_boolean", "given", Text.of("api.given.string", "value", "yes"));

        Violation violation = text.violation("parameters.bgm", CHINESE);

        assertThat(violation.field()).isEqualTo("parameters.bgm");
        assertThat(violation.message()).isEqualTo("must be a boolean (true or false), got a string (\"yes\")");
        assertThat(violation.message(CHINESE)).isEqualTo("必须是布尔值（true 或 false），实际是字符串（\"yes\"）");
        assertThat(violation).isEqualTo(text.violation("parameters.bgm", Messages.english()));
    }
}
