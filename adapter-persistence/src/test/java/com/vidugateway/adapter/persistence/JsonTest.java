package com.vidugateway.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    /** Long enough to be streamed by reference, with escapes at its very start and end. */
    private static final String LONG = "\"" + "ab\\c\n".repeat(2000) + "x🎬\u0000\"";

    private static Json.Writer sample() {
        return new Json.Writer().beginObject()
                .name("short").value("plain \"q\" ")
                .name("long").value(LONG)
                .name("list").strings(List.of(LONG, "", "z"))
                .name("n").value(-42L)
                .name("yes").value(true)
                .name("none").value((String) null)
                .name("empty").beginObject().endObject()
                .endObject();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 7, 64, 4096, 1 << 20})
    void the_streamed_text_is_the_whole_text_whatever_the_reads(int bufferSize) throws IOException {
        String whole = sample().toString();
        StringBuilder streamed = new StringBuilder();
        try (Reader reader = sample().reader()) {
            char[] buffer = new char[bufferSize];
            for (int n = reader.read(buffer); n != -1; n = reader.read(buffer)) {
                streamed.append(buffer, 0, n);
            }
        }

        assertThat(streamed.toString()).isEqualTo(whole);
    }

    @Test
    void what_is_written_parses_back() throws IOException {
        Object parsed = Json.parse(sample().reader());

        assertThat(parsed).isInstanceOf(Map.class);
        Map<?, ?> object = (Map<?, ?>) parsed;
        assertThat(object.get("short")).isEqualTo("plain \"q\" ");
        assertThat(object.get("long")).isEqualTo(LONG);
        assertThat(object.get("list")).isEqualTo(List.of(LONG, "", "z"));
        assertThat(object.get("n")).isEqualTo(-42L);
        assertThat(object.get("yes")).isEqualTo(true);
        assertThat(object.containsKey("none")).isTrue();
        assertThat(object.get("none")).isNull();
        assertThat(object.get("empty")).isEqualTo(Map.of());
    }

    @Test
    void the_text_is_ascii_so_any_database_encoding_keeps_it() {
        assertThat(sample().toString()).matches("\\p{ASCII}*");
    }

    @Test
    void standard_json_from_elsewhere_parses() throws IOException {
        assertThat(Json.parse(new StringReader(" { \"a\" : [ 1 , 2.5 , \"\\u00e9\\/\" , false ] } ")))
                .isEqualTo(Map.of("a", List.of(1L, new java.math.BigDecimal("2.5"), "é/", false)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"a\" 1}", "[1,]x", "\"open", "{\"a\":1} trailing", "tru", "\"\\x\""})
    void malformed_text_is_reported(String text) {
        assertThatThrownBy(() -> Json.parse(new StringReader(text))).isInstanceOf(Json.MalformedJson.class)
                .hasMessageStartingWith("malformed JSON at character");
    }
}
