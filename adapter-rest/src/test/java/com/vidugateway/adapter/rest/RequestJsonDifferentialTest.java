package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.micronaut.json.tree.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The request parser against jackson-core configured the same way (strict JSON, trailing commas allowed,
 * duplicate fields refused, 32 levels, 100-character numbers), on the fuzz test's 10,000 bodies and on edge
 * cases: both must accept and refuse the same documents and read the same values.
 */
class RequestJsonDifferentialTest {

    private static final JsonFactory JACKSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(RequestJson.MAX_DEPTH)
                    .maxNumberLength(RequestJson.MAX_NUMBER_LENGTH).maxStringLength(Integer.MAX_VALUE - 16).build())
            .build();

    @Test
    void agrees_with_jackson_on_the_fuzz_bodies() {
        Random random = new Random(SubmitFuzzTest.SEED);
        List<String> disagreements = new ArrayList<>();
        int accepted = 0;
        for (int i = 0; i < SubmitFuzzTest.BODIES; i++) {
            byte[] body = SubmitFuzzTest.generate(i, random).body();
            String ours = ours(body);
            String theirs = jackson(body);
            if (!ours.equals(theirs) && !knownDifference(theirs)) {
                disagreements.add("#" + i + " ours " + cut(ours) + " / jackson " + cut(theirs) + " / body " + cut(
                        new String(body, StandardCharsets.UTF_8)));
            }
            accepted += ours.startsWith("refused") ? 0 : 1;
        }
        assertThat(disagreements).isEmpty();
        assertThat(accepted).isGreaterThan(SubmitFuzzTest.BODIES / 2);
    }

    @Test
    void agrees_with_jackson_on_edge_cases() {
        String[] cases = {"{}", "[]", "{\"a\":[1,2,],}", "[1,,2]", "[,]", "{,}", "{\"a\":1,,}", "[01]", "[-0]", "[-]",
            "[1.]", "[.5]", "[+1]", "[1e5]", "[1E+5]", "[1e-5]", "[-1.5e-10]", "[123456789012345678]",
            "[1234567890123456789]", "[-9223372036854775808]", "[9223372036854775808]", "[" + "9".repeat(100) + "]",
            "[" + "9".repeat(101) + "]", "[true]", "[tru]", "[truex]", "[null]", "[nul]", "[\"\\u00e9\\n\\t\\\"\\\\\\/\"]",
            "[\"\\ud83d\\ude00\"]", "[\"\\x\"]", "[\"a\nb\"]", "[\"\u732b\"]", "\ufeff{}", " \t\r\n{} \n",
            "{\"a\":1}{}", "{\"a\" 1}", "{a:1}", "{\"a\":1 \"b\":2}", "{\"a\":1,\"a\":2}", "[1 2]", "\"just a string\"",
            "42", "", "   ", "[" + "[".repeat(31) + "]".repeat(32), "[" + "[".repeat(32) + "]".repeat(33), "{\"a\":}",
            "[\"unterminated", "{\"a\":[}", "[1]]", "NaN", "[Infinity]", "[\"\\u12\"]", "[\"\\uZZZZ\"]"};
        for (String text : cases) {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            assertThat(ours(body)).as(text).isEqualTo(jackson(body));
        }
    }

    @Test
    void invalid_utf8_is_refused() {
        byte[][] bodies = {
            {'[', '"', (byte) 0xc0, (byte) 0xaf, '"', ']'},               // overlong '/'
            {'[', '"', (byte) 0xe2, (byte) 0x82, '"', ']'},               // truncated
            {'[', '"', (byte) 0xf5, (byte) 0x80, (byte) 0x80, (byte) 0x80, '"', ']'}, // beyond U+10FFFF
            {'[', '"', (byte) 0x80, '"', ']'},                            // a lone continuation byte
            {'[', (byte) 0xe2, (byte) 0x82, (byte) 0xac, ']'}};           // non-ASCII outside a string
        for (byte[] body : bodies) {
            assertThat(ours(body)).startsWith("refused");
        }
        // (jackson-core is more lenient here: it decodes the overlong form of '/', a classic filter bypass, and
        // a truncated sequence; so these are checked against the UTF-8 rules only)
        assertThat(jackson(bodies[4])).startsWith("refused");
    }

    /** Jackson reads a lone surrogate escape (or a UTF-8-encoded surrogate) into a string; we refuse it. */
    private static boolean knownDifference(String jackson) {
        for (int i = 0; i < jackson.length(); i++) {
            char c = jackson.charAt(i);
            if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < jackson.length()
                    && Character.isLowSurrogate(jackson.charAt(i + 1)))) {
                return !Character.isLowSurrogate(c) || i == 0 || !Character.isHighSurrogate(jackson.charAt(i - 1));
            }
        }
        return false;
    }

    private static String cut(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private static String ours(byte[] body) {
        try {
            return canonical(new RequestJson().parse(new ByteArrayInputStream(body)));
        } catch (RequestJson.Malformed malformed) {
            return "refused";
        } catch (Exception other) {
            return "crashed: " + other;
        }
    }

    private static String jackson(byte[] body) {
        try (InputStream in = new ByteArrayInputStream(body); JsonParser parser = JACKSON.createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return "refused";
            }
            StringBuilder out = new StringBuilder();
            value(parser, out);
            if (parser.nextToken() != null) {
                return "refused";
            }
            return out.toString();
        } catch (Exception refused) {
            return "refused";
        }
    }

    private static void value(JsonParser parser, StringBuilder out) throws Exception {
        switch (parser.currentToken()) {
            case START_OBJECT -> {
                out.append('{');
                boolean first = true;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    out.append(first ? "" : ",").append(quote(parser.currentName())).append(':');
                    first = false;
                    parser.nextToken();
                    value(parser, out);
                }
                out.append('}');
            }
            case START_ARRAY -> {
                out.append('[');
                boolean first = true;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    out.append(first ? "" : ",");
                    first = false;
                    value(parser, out);
                }
                out.append(']');
            }
            case VALUE_STRING -> out.append(quote(parser.getText()));
            case VALUE_NUMBER_INT -> out.append("i").append(parser.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT -> out.append("d").append(parser.getDecimalValue().toString());
            case VALUE_TRUE -> out.append("true");
            case VALUE_FALSE -> out.append("false");
            case VALUE_NULL -> out.append("null");
            default -> throw new IllegalStateException(parser.currentToken().toString());
        }
    }

    private static String canonical(JsonNode node) {
        StringBuilder out = new StringBuilder();
        canonical(node, out);
        return out.toString();
    }

    private static void canonical(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> entry : node.entries()) {
                out.append(first ? "" : ",").append(quote(entry.getKey())).append(':');
                first = false;
                canonical(entry.getValue(), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            boolean first = true;
            for (JsonNode item : node.values()) {
                out.append(first ? "" : ",");
                first = false;
                canonical(item, out);
            }
            out.append(']');
        } else if (node.isString()) {
            out.append(quote(node.getStringValue()));
        } else if (node.isNumber()) {
            Number number = node.getNumberValue();
            out.append(number instanceof BigDecimal d ? "d" + d : "i" + new BigInteger(number.toString()));
        } else if (node.isBoolean()) {
            out.append(node.getBooleanValue());
        } else {
            out.append("null");
        }
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
