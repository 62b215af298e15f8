package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The request parser (jackson-core behind {@link LongStringFilter}) against jackson-core alone, configured the same
 * way ({@link RequestJson#FACTORY}: strict JSON, trailing commas allowed, duplicate fields refused, 32 levels,
 * 100-character numbers), on the fuzz test's 10,000 bodies and on edge cases. Taking long strings out of the
 * parser's way must not change what a document means: both accept and refuse the same documents and read the same
 * values — a long string's value being what its receipt got — except where the filter is deliberately stricter
 * (a half surrogate pair, bytes that are not UTF-8). A tiny threshold puts most strings, names included, through
 * receipts; and wherever a body is refused, it is refused at the same line and column whatever the threshold.
 */
class RequestJsonDifferentialTest {

    private static final JsonFactory JACKSON = RequestJson.FACTORY;
    /** Longer than any name the fuzz bodies repeat (a duplicate of a longer name would go unseen here). */
    private static final int TINY = 24;

    @Test
    void agrees_with_jackson_on_the_fuzz_bodies() {
        Random random = new Random(SubmitFuzzTest.SEED);
        List<String> disagreements = new ArrayList<>();
        int accepted = 0;
        int spilled = 0;
        for (int i = 0; i < SubmitFuzzTest.BODIES; i++) {
            byte[] body = SubmitFuzzTest.generate(i, random).body();
            Ours tiny = ours(body, TINY);
            Ours usual = ours(body, RequestJson.LONG_STRING);
            String theirs = jackson(body);
            if (!tiny.value().equals(theirs) && !knownDifference(theirs)) {
                disagreements.add("#" + i + " ours " + cut(tiny.value()) + " / jackson " + cut(theirs) + " / body "
                        + cut(new String(body, StandardCharsets.UTF_8)));
            }
            if (!tiny.value().equals(usual.value()) || !tiny.where().equals(usual.where())) {
                disagreements.add("#" + i + " threshold " + TINY + ": " + cut(tiny.value()) + " " + tiny.where()
                        + " / usual: " + cut(usual.value()) + " " + usual.where());
            }
            accepted += tiny.value().startsWith("refused") ? 0 : 1;
            spilled += tiny.longStrings();
        }
        assertThat(disagreements).isEmpty();
        assertThat(accepted).isGreaterThan(SubmitFuzzTest.BODIES / 2);
        assertThat(spilled).as("strings that went through receipts").isGreaterThan(SubmitFuzzTest.BODIES);
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
            "[\"unterminated", "{\"a\":[}", "[1]]", "NaN", "[Infinity]", "[\"\\u12\"]", "[\"\\uZZZZ\"]",
            "{\"" + "k".repeat(40) + "\":\"" + "v".repeat(40) + "\",\"b\":[\"" + "w".repeat(30) + "\" 1]}",
            "[\"" + "\\u00e9".repeat(20) + "\", \"" + "\u732b".repeat(20) + "\"]"};
        for (String text : cases) {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            Ours tiny = ours(body, TINY);
            Ours usual = ours(body, RequestJson.LONG_STRING);
            assertThat(tiny.value()).as(text).isEqualTo(jackson(body)).isEqualTo(usual.value());
            assertThat(tiny.where()).as(text).isEqualTo(usual.where());
        }
    }

    @Test
    void is_stricter_than_jackson_where_jackson_is_lenient() {
        byte[][] bodies = {
            {'[', '"', (byte) 0xc0, (byte) 0xaf, '"', ']'},               // overlong '/'
            {'[', '"', (byte) 0xe2, (byte) 0x82, '"', ']'},               // truncated
            {'[', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', ']'},  // a surrogate, UTF-8 encoded
            {'[', '"', (byte) 0xf5, (byte) 0x80, (byte) 0x80, (byte) 0x80, '"', ']'}, // beyond U+10FFFF
            {'[', '"', (byte) 0x80, '"', ']'},                            // a lone continuation byte
            {'[', (byte) 0xe2, (byte) 0x82, (byte) 0xac, ']'},            // non-ASCII outside a string
            "[\"\\ud800\"]".getBytes(StandardCharsets.UTF_8),                // half a surrogate pair, escaped
            "[\"\\udc00\\ud800\"]".getBytes(StandardCharsets.UTF_8)};
        for (byte[] body : bodies) {
            assertThat(ours(body, TINY).value()).startsWith("refused");
            assertThat(ours(body, RequestJson.LONG_STRING).value()).startsWith("refused");
        }
        // jackson-core takes the overlong form of '/' (a classic filter bypass) and the escaped half pair
        assertThat(jackson(bodies[0])).doesNotStartWith("refused");
        assertThat(jackson(bodies[6])).doesNotStartWith("refused");
        assertThat(jackson(bodies[5])).startsWith("refused");
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

    /** Our reading: the canonical value (or "refused"), where it was refused, and how many strings were long. */
    record Ours(String value, String where, int longStrings) {}

    private static Ours ours(byte[] body, int threshold) {
        RecordingImages received = new RecordingImages(true);
        try (LongStrings strings = new LongStrings(received)) {
            JsonNode root = new RequestJson(threshold).parse(new ByteArrayInputStream(body), strings);
            return new Ours(canonical(root, strings, received), "", strings.count());
        } catch (RequestJson.Malformed malformed) {
            Matcher where = WHERE.matcher(malformed.getMessage());
            return new Ours("refused", where.find() ? where.group() : malformed.getMessage(), 0);
        } catch (Exception other) {
            return new Ours("crashed: " + other, "", 0);
        }
    }

    private static final Pattern WHERE = Pattern.compile("^malformed JSON at line \\d+, column \\d+");

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

    private static String canonical(JsonNode node, LongStrings strings, RecordingImages received) {
        StringBuilder out = new StringBuilder();
        canonical(node, out, text -> {
            // A placeholder reads as the string it stands for: the receipts' texts, in order.
            int index = strings.find(text).map(s -> Integer.parseInt(text.substring(text.lastIndexOf(':') + 1)))
                    .orElse(-1);
            return index < 0 ? text : received.text(index);
        });
        return out.toString();
    }

    private static void canonical(JsonNode node, StringBuilder out, UnaryOperator<String> text) {
        if (node.isObject()) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> entry : node.entries()) {
                out.append(first ? "" : ",").append(quote(text.apply(entry.getKey()))).append(':');
                first = false;
                canonical(entry.getValue(), out, text);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            boolean first = true;
            for (JsonNode item : node.values()) {
                out.append(first ? "" : ",");
                first = false;
                canonical(item, out, text);
            }
            out.append(']');
        } else if (node.isString()) {
            out.append(quote(text.apply(node.getStringValue())));
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
