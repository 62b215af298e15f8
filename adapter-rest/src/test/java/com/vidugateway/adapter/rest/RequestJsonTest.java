package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.json.tree.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestJsonTest {

    private final RequestJson json = new RequestJson();

    private JsonNode parse(String text) throws Exception {
        return json.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private String problem(String text) {
        try {
            parse(text);
        } catch (RequestJson.Malformed malformed) {
            return malformed.getMessage();
        } catch (Exception other) {
            throw new AssertionError(other);
        }
        throw new AssertionError("parsed: " + text);
    }

    @Test
    void trailing_commas_are_the_one_leniency() throws Exception {
        assertThat(parse("{\"a\":[1,2,],}").get("a").size()).isEqualTo(2);
        assertThat(problem("{\"a\":[1,,2]}")).startsWith("malformed JSON at line 1, column");
        assertThat(problem("{'a':1}")).contains("malformed JSON");
        assertThat(problem("{\"a\":1} // comment")).contains("malformed JSON");
        assertThat(problem("{\"a\":NaN}")).contains("malformed JSON");
    }

    @Test
    void errors_say_line_column_and_field_path() {
        assertThat(problem("{\n \"input\": {\n  \"images\": [\"a\" \"b\"]\n }\n}"))
                .startsWith("malformed JSON at line 3, column").contains("(in input.images[0])");
        assertThat(problem("{\"input\":{\"prompt\":\"unterminated"))
                .contains("(in input.prompt)");
        assertThat(problem("")).startsWith("the request body is empty");
        assertThat(problem("   \n ")).startsWith("the request body is empty");
    }

    @Test
    void deep_nesting_is_refused_without_recursing_into_it() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThat(problem(deep)).contains("nested more than 32 levels deep");
    }

    @Test
    void numbers_keep_their_kind() throws Exception {
        JsonNode node = parse("{\"i\":5,\"big\":123456789012345678901234567890,\"d\":5.0,\"e\":1e999999999}");
        assertThat(node.get("i").getNumberValue()).isInstanceOf(Long.class);
        assertThat(node.get("big").getNumberValue()).isInstanceOf(java.math.BigInteger.class);
        assertThat(node.get("d").getNumberValue()).isInstanceOf(java.math.BigDecimal.class);
        assertThat(node.get("e").getNumberValue()).isInstanceOf(java.math.BigDecimal.class);
    }

    @Test
    void long_strings_survive_chunking_whatever_they_hold() throws Exception {
        int chunk = 256 * 1024;
        StringBuilder ascii = new StringBuilder();
        for (int i = 0; ascii.length() < 3 * chunk + 17; i++) {
            ascii.append((char) ('A' + i % 26));
        }
        String plain = ascii.toString();
        java.util.List<String> samples = new java.util.ArrayList<>(java.util.List.of(plain, plain.substring(0, chunk),
                plain.substring(0, chunk + 1), plain.substring(0, 2 * chunk)));
        for (int at : new int[] {0, 100, chunk - 1, chunk, chunk + 5, 2 * chunk + 3, plain.length() - 1}) {
            samples.add(plain.substring(0, at) + "\u732b\ud83d\ude00é" + plain.substring(at));
        }
        for (String expected : samples) {
            String body = "{\"s\":\"" + expected + "\"}";
            JsonNode node = json.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
            assertThat(node.get("s").getStringValue()).isEqualTo(expected);
            String escaped = "{\"s\":\"" + expected.replace("\u732b", "\\u732b") + "\\n\"}";
            JsonNode viaEscape = json.parse(new ByteArrayInputStream(escaped.getBytes(StandardCharsets.UTF_8)));
            assertThat(viaEscape.get("s").getStringValue()).isEqualTo(expected + "\n");
        }
    }

    @Test
    void invalid_utf8_is_malformed_not_a_crash() {
        byte[] bad = {'{', '"', 'a', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'};
        assertThatThrownBy(() -> json.parse(new ByteArrayInputStream(bad))).isInstanceOf(RequestJson.Malformed.class);
    }
}
