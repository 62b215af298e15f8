package com.vidugateway.domain.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vidugateway.domain.validation.Violation;
import org.junit.jupiter.api.Test;

/** A sentence is said in a language only when it is shown, its phrases in the same language. */
class SentenceTest {

    private static final Messages CHINESE = Messages.in(Language.CHINESE);

    @Test
    void a_phrase_inside_a_sentence_is_said_in_the_same_language() {
        Sentence sentence = Sentence.of("api.body.wrong_type", "expected", Sentence.of("api.expected.string"),
                "given", Sentence.of("api.given.number", "value", 5));

        assertThat(sentence.english()).isEqualTo("must be a string, got a number (5)");
        assertThat(sentence.in(CHINESE)).isEqualTo("必须是字符串，实际是数字（5）");
        assertThat(sentence).hasToString("must be a string, got a number (5)");
    }

    @Test
    void words_from_elsewhere_are_shown_as_written_in_every_language() {
        Sentence verbatim = Sentence.verbatim("the provider says {no}");

        assertThat(verbatim.isVerbatim()).isTrue();
        assertThat(verbatim.in(CHINESE)).isEqualTo("the provider says {no}");
        assertThat(Sentence.verbatim(null).english()).isEmpty();
        assertThat(Sentence.of("api.refused.request", "reason", "{max} $1 \\").in(CHINESE))
                .isEqualTo("服务商拒绝了请求：{max} $1 \\");
        assertThat(Sentence.of("api.refused.request", "reason", verbatim).in(CHINESE))
                .isEqualTo("服务商拒绝了请求：the provider says {no}");
    }

    @Test
    void a_value_is_shown_as_string_value_of_writes_it_and_equal_values_make_equal_sentences() {
        Sentence number = Sentence.of("use.list.bad_limit", "max", 100, "limit", null);

        assertThat(number).isEqualTo(Sentence.of("use.list.bad_limit", "max", "100", "limit", "null"))
                .hasSameHashCodeAs(Sentence.of("use.list.bad_limit", "max", "100", "limit", "null"))
                .isNotEqualTo(Sentence.of("use.list.bad_limit", "max", 101, "limit", null));
        assertThat(number.english()).contains("100").contains("null");
        assertThat(Sentence.of("api.body.wrong_type", "expected", Sentence.of("api.expected.string"), "given", "x"))
                .isEqualTo(Sentence.of("api.body.wrong_type", "expected", Sentence.of("api.expected.string"), "given", "x"))
                .isNotEqualTo(Sentence.of("api.body.wrong_type", "expected", Sentence.of("api.expected.model"), "given", "x"));
    }

    @Test
    void a_key_the_catalogue_lacks_fails_where_it_is_written() {
        assertThatThrownBy(() -> Sentence.of("api.no.such.key")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("api.no.such.key");
        assertThatThrownBy(() -> Sentence.of("api.given.number", "value")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_violation_keeps_english_as_its_message_and_says_its_phrases_in_the_readers_language() {
        Sentence reason = Sentence.of("api.body.not_a_boolean", "given", Sentence.of("api.given.string", "value", "yes"));

        Violation violation = new Violation("parameters.bgm", reason);

        assertThat(violation.message()).isEqualTo("must be a boolean (true or false), got a string (\"yes\")");
        assertThat(violation.message(CHINESE)).isEqualTo("必须是布尔值（true 或 false），实际是字符串（\"yes\"）");
        assertThat(violation).hasToString("parameters.bgm: must be a boolean (true or false), got a string (\"yes\")")
                .isEqualTo(new Violation("parameters.bgm", "must be a boolean (true or false), got a string (\"yes\")"));
    }
}
