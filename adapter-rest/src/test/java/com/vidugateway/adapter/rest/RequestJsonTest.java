package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vidugateway.application.port.in.ReceiveImage;
import com.vidugateway.domain.image.ImageInput;
import io.micronaut.json.tree.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestJsonTest {

    private final RecordingImages received = new RecordingImages(true);
    private LongStrings strings = new LongStrings(received);

    private JsonNode parse(String text) throws Exception {
        return parse(new RequestJson(), text);
    }

    private JsonNode parse(RequestJson json, String text) throws Exception {
        return json.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), strings);
    }

    private String problem(String text) {
        return problem(new RequestJson(), text.getBytes(StandardCharsets.UTF_8));
    }

    private String problem(RequestJson json, byte[] body) {
        try {
            json.parse(new ByteArrayInputStream(body), new LongStrings(new RecordingImages(true)));
        } catch (RequestJson.Malformed malformed) {
            return malformed.getMessage();
        } catch (Exception other) {
            throw new AssertionError(other);
        }
        throw new AssertionError("parsed: " + new String(body, StandardCharsets.UTF_8));
    }

    /** The text a long string's placeholder stands for, as its receipt got it. */
    private String longText(JsonNode node) {
        assertThat(strings.find(node.getStringValue())).as("a long string").isPresent();
        return received.text(received.received() - 1);
    }

    @Test
    void trailing_commas_are_the_one_leniency() throws Exception {
        assertThat(parse("{\"a\":[1,2,],}").get("a").size()).isEqualTo(2);
        assertThat(problem("{\"a\":[1,,2]}")).startsWith("malformed JSON at line 1, column 9 (in a[1]): unexpected"
                + " character ','");
        assertThat(problem("{\"a\":[1,2,,]}")).startsWith("malformed JSON at line 1, column 11 (in a[2])");
        assertThat(problem("{'a':1}")).startsWith("malformed JSON at line 1, column 2: unexpected character '''");
        assertThat(problem("{\"a\":1} // comment")).startsWith("malformed JSON at line 1, column 9: there is more");
        assertThat(problem("{\"a\":NaN}")).startsWith("malformed JSON at line 1, column").contains("(in a)");
    }

    @Test
    void errors_say_line_column_and_field_path() {
        assertThat(problem("{\n \"input\": {\n  \"images\": [\"a\" \"b\"]\n }\n}"))
                .isEqualTo("malformed JSON at line 3, column 18 (in input.images[1]): unexpected character '\"':"
                        + " was expecting comma to separate Array entries");
        // columns count characters, not bytes
        assertThat(problem("[\"\u00e9\u732b\" x]")).startsWith("malformed JSON at line 1, column 7 (in [1])");
        assertThat(problem("{\"input\":{\"prompt\":\"unterminated"))
                .isEqualTo("malformed JSON at line 1, column 32 (in input.prompt): the body ends inside a string"
                        + " (a closing '\"' is missing)");
        assertThat(problem("{\"a\":[1,2")).isEqualTo("malformed JSON at line 1, column 10 (in a[1]): the body ends"
                + " inside an array (a ']' is missing)");
        assertThat(problem("{\"a\":{\"b\":1}")).startsWith("malformed JSON at line 1, column 13")
                .endsWith("the body ends inside an object (a '}' is missing)");
        assertThat(problem("{\"a\":1,\"a\":2}")).isEqualTo("malformed JSON at line 1, column 11: the field 'a' appears"
                + " twice in the request object; give each field once");
        assertThat(problem("{\"a\":\"x\\q\"}")).isEqualTo("malformed JSON at line 1, column 9 (in a): '\\q' is not a JSON"
                + " escape; use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX");
        assertThat(problem("")).startsWith("the request body is empty");
        assertThat(problem("   \n ")).startsWith("the request body is empty");
        assertThat(problem("\ufeff{} []")).startsWith("malformed JSON at line 1, column 4: there is more after the end");
    }

    @Test
    void the_first_problem_in_the_body_is_the_one_told_whoever_finds_it() {
        // jackson finds the missing comma; the filter, further on, the bad byte: the earlier one is told
        byte[] body = {'[', '1', ' ', '2', ',', '"', (byte) 0xff, '"', ']'};
        assertThat(problem(new RequestJson(), body)).contains("column 4").contains("comma");
        byte[] later = {'[', '1', ',', '"', (byte) 0xff, '"', ' ', '2', ']'};
        assertThat(problem(new RequestJson(), later)).contains("column 5").contains("not valid UTF-8");
    }

    @Test
    void deep_nesting_is_refused_without_recursing_into_it() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThat(problem(deep)).contains("nested more than 32 levels deep");
    }

    @Test
    void numbers_keep_their_kind() throws Exception {
        JsonNode node = parse("{\"i\":5,\"big\":123456789012345678901234567890,\"d\":5.0,\"e\":1e999999999,"
                + "\"l\":-9223372036854775808}");
        assertThat(node.get("i").getNumberValue()).isInstanceOf(Long.class);
        assertThat(node.get("big").getNumberValue()).isInstanceOf(java.math.BigInteger.class);
        assertThat(node.get("d").getNumberValue()).isInstanceOf(java.math.BigDecimal.class);
        assertThat(node.get("e").getNumberValue()).isInstanceOf(java.math.BigDecimal.class);
        assertThat(node.get("l").getNumberValue()).isEqualTo(Long.MIN_VALUE);
        assertThat(problem("[" + "9".repeat(101) + "]")).contains("a number longer than 100 characters");
    }

    @Test
    void a_string_up_to_the_threshold_stays_in_the_tree_and_one_byte_more_goes_to_a_receipt() throws Exception {
        RequestJson json = new RequestJson(32);
        assertThat(parse(json, "[\"" + "a".repeat(32) + "\"]").get(0).getStringValue()).isEqualTo("a".repeat(32));
        assertThat(received.received()).isZero();

        JsonNode spilled = parse(json, "[\"" + "a".repeat(33) + "\"]").get(0);
        assertThat(spilled.getStringValue()).startsWith(LongStrings.MARK).hasSizeLessThan(60);
        assertThat(longText(spilled)).isEqualTo("a".repeat(33));
        assertThat(strings.find(spilled.getStringValue()).orElseThrow().characters()).isEqualTo(33);
    }

    @ParameterizedTest(name = "threshold {0}")
    @ValueSource(ints = {1, 2, 3, 5, 7, 16, 100})
    void a_long_string_reaches_its_receipt_decoded_whatever_falls_on_the_threshold(int threshold) throws Exception {
        // Escapes, surrogate pairs and multi-byte characters at every offset against the threshold.
        String[] raw = {"\\/", "\\\"", "\\\\", "\\n", "\\u00e9", "\\ud83d\\ude00", "\u732b", "\ud83d\ude00", "é", "x"};
        String[] decoded = {"/", "\"", "\\", "\n", "é", "\ud83d\ude00", "\u732b", "\ud83d\ude00", "é", "x"};
        RequestJson json = new RequestJson(threshold);
        for (int shift = 0; shift < 8; shift++) {
            StringBuilder body = new StringBuilder("x".repeat(shift));
            StringBuilder expected = new StringBuilder("x".repeat(shift));
            for (int i = 0; i < 3 * raw.length; i++) {
                body.append(raw[i % raw.length]);
                expected.append(decoded[i % raw.length]);
            }
            JsonNode node = parse(json, "{\"s\":\"" + body + "\"}").get("s");
            if (body.toString().getBytes(StandardCharsets.UTF_8).length <= threshold) {
                assertThat(node.getStringValue()).isEqualTo(expected.toString());
            } else {
                assertThat(longText(node)).as("shift " + shift).isEqualTo(expected.toString());
            }
        }
    }

    @Test
    void a_json_escaped_base64_string_reaches_its_receipt_as_base64() throws Exception {
        String base64 = java.util.Base64.getEncoder().encodeToString(randomBytes(300_000));
        JsonNode node = parse("{\"images\":[\"data:image\\/png;base64," + base64.replace("/", "\\/") + "\"]}");

        assertThat(longText(node.get("images").get(0))).isEqualTo("data:image/png;base64," + base64);
    }

    @Test
    void columns_after_a_long_string_on_the_same_line_are_the_bodys() {
        String body = "{\"a\": \"" + "é".repeat(50) + "\" \"b\": 1}";
        String expected = "malformed JSON at line 1, column 60: unexpected character '\"': was expecting comma to"
                + " separate Object entries";
        // read whole by the parser, and through a placeholder: the same place
        assertThat(problem(new RequestJson(), body.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
        assertThat(problem(new RequestJson(16), body.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);

        String twoLines = "[\"" + "a".repeat(40) + "\",\n \"" + "b".repeat(40) + "\", \"c\"  x]";
        assertThat(problem(new RequestJson(8), twoLines.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(problem(new RequestJson(), twoLines.getBytes(StandardCharsets.UTF_8)))
                .startsWith("malformed JSON at line 2, column 51 (in [3])");
    }

    @Test
    void columns_stay_right_far_into_a_long_line_whatever_the_strings_became() {
        // 150 KB on one line: more than is kept to place the parser's offsets, with and without placeholders
        String body = "[" + ("\"ab\",".repeat(1000) + "\"abcdefghijklmnopqrstuvwxyz\",").repeat(30) + "\"z\" x]";
        String expected = "malformed JSON at line 1, column 150876 (in [30031]): unexpected character 'x'";
        assertThat(problem(new RequestJson(), body.getBytes(StandardCharsets.UTF_8))).startsWith(expected);
        assertThat(problem(new RequestJson(8), body.getBytes(StandardCharsets.UTF_8))).startsWith(expected);
    }

    @Test
    void problems_inside_a_long_string_are_told_where_they_are() {
        RequestJson json = new RequestJson(8);
        String longText = "a".repeat(20);
        assertThat(problem(json, ("{\n \"p\": \"" + longText + "\u0001\"}").getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("malformed JSON at line 2, column 28 (in p): a control character (U+0001) inside a string;"
                        + " write it escaped (\\n, \\t, \\u00XX)");
        assertThat(problem(json, ("{\"p\":\"" + longText + "\\ud800x\"}").getBytes(StandardCharsets.UTF_8)))
                .contains("column 33 (in p)").contains("\\ud800 is half of a surrogate pair");
        assertThat(problem(json, ("{\"p\":\"" + longText + "\\udc00\"}").getBytes(StandardCharsets.UTF_8)))
                .contains("second half of a surrogate pair without its first half");
        assertThat(problem(json, ("{\"p\":\"" + longText + "\\u12g4\"}").getBytes(StandardCharsets.UTF_8)))
                .contains("expected 4 hex digits after \\u, found 'g'");
        assertThat(problem(json, ("{\"p\":\"" + longText).getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("malformed JSON at line 1, column 26 (in p): the body ends inside a string (a closing"
                        + " '\"' is missing)");
        byte[] overlong = ("{\"p\":\"" + longText + "\u0000\u0000\"}").getBytes(StandardCharsets.UTF_8);
        overlong[26] = (byte) 0xc0;
        overlong[27] = (byte) 0xaf;
        assertThat(problem(json, overlong)).contains("column 27 (in p)").contains("not valid UTF-8 (byte 0xc0)");
        // A problem before the parser has its first 4 bytes (it reads them to tell the encoding) has no path.
        assertThat(problem(json, ("[\"" + longText).getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("malformed JSON at line 1, column 22: the body ends inside a string (a closing '\"' is"
                        + " missing)");
        // and the same, short: the filter checks every string, not only the long ones
        assertThat(problem(new RequestJson(), ("[\"\\ud800\"]").getBytes(StandardCharsets.UTF_8)))
                .contains("\\ud800 is half of a surrogate pair");
    }

    @Test
    void invalid_utf8_is_malformed_not_a_crash() {
        byte[] bad = {'{', '"', 'a', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'};
        assertThat(problem(new RequestJson(), bad)).startsWith("malformed JSON at line 1, column 7 (in a): the body is"
                + " not valid UTF-8 (byte 0xff)");
    }

    @Test
    void a_long_field_name_is_named_by_its_length_in_a_path() {
        String body = "{\"" + "n".repeat(100) + "\": [1 2]}";
        assertThat(problem(new RequestJson(16), body.getBytes(StandardCharsets.UTF_8)))
                .startsWith("malformed JSON at line 1, column 109 (in \"(a name of 100 characters)\"[1])");
    }

    /**
     * A jackson factory keeps the field names its parsers saw, for every later parser: 100 bodies of 20 new names of
     * 60 KB each would leave about 77 MB behind in one shared factory. Each body gets its own copy instead.
     */
    @Test
    void field_names_are_not_kept_from_one_body_to_the_next() throws Exception {
        long before = usedHeapAfterGc();
        for (int body = 0; body < 100; body++) {
            StringBuilder text = new StringBuilder("{");
            for (int name = 0; name < 20; name++) {
                text.append(name == 0 ? "" : ",").append('"').append(("b" + body + "n" + name + "-").repeat(6_000))
                        .append("\":1");
            }
            try (LongStrings each = new LongStrings(received)) {
                new RequestJson().parse(new ByteArrayInputStream(text.append('}').toString()
                        .getBytes(StandardCharsets.UTF_8)), each);
            }
        }
        assertThat(usedHeapAfterGc() - before).as("heap kept after parsing").isLessThan(20L * 1024 * 1024);
    }

    private static long usedHeapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void a_string_that_looks_like_a_placeholder_is_plain_text() throws Exception {
        RequestJson json = new RequestJson(16);
        JsonNode real = parse(json, "[\"" + "a".repeat(20) + "\"]").get(0);
        String placeholder = real.getStringValue();
        // another request's placeholder, or a guess at this one's: text like any other
        String forged = placeholder.substring(0, placeholder.length() - 1) + "1";
        assertThat(strings.find(forged)).isEmpty();
        LongStrings other = new LongStrings(received);
        assertThat(other.find(placeholder)).isEmpty();
        assertThat(strings.find(LongStrings.MARK + "0".repeat(32) + ":0")).isEmpty();
    }

    @Test
    void the_tree_holds_at_most_its_budget_of_short_values() {
        String item = "\"" + "v".repeat(60_000) + "\",";
        String body = "{\"input\":{\"images\":[" + item.repeat(40) + "\"last\"]}}";
        assertThat(problem(body)).startsWith("the request holds more than 2 MiB of JSON values besides inline images"
                + " (line 1, column").contains("in input.images[34]");
    }

    @Test
    void more_long_strings_than_a_request_can_hold_are_refused() throws Exception {
        String body = "[" + ("\"" + "w".repeat(20) + "\",").repeat(LongStrings.MAX_COUNT + 1) + "1]";
        assertThatThrownBy(() -> parse(new RequestJson(16), body)).isInstanceOf(LongStrings.TooMany.class)
                .hasMessageContaining("more than 32 strings longer than");
        strings.close();
        assertThat(received.open()).isZero();
    }

    @Test
    void a_receipt_that_cannot_store_fails_as_storage_not_as_the_clients_json() {
        ReceiveImage broken = () -> new ReceiveImage.Receipt() {
            @Override
            public void write(char[] text, int offset, int count) throws IOException {
                throw new com.vidugateway.application.port.out.ImageBlobs.StorageFull(
                        "write an upload: the disk holding /data/blobs is full (No space left on device)", null);
            }

            @Override
            public ImageInput finish() {
                throw new AssertionError("not reached");
            }

            @Override
            public void close() {}
        };
        String body = "[\"" + "z".repeat(200_000) + "\"]";
        assertThatThrownBy(() -> new RequestJson().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                new LongStrings(broken)))
                .isInstanceOfSatisfying(LongStrings.StorageFailed.class, failed -> {
                    assertThat(failed.getMessage()).isEqualTo("its image storage is full").doesNotContain("/data");
                    assertThat(failed.noSpace()).isTrue();
                    ApiError answer = ApiError.storageFailed(failed.getMessage(), failed.noSpace());
                    assertThat(answer.status()).isEqualTo(507);
                    assertThat(answer.message()).isEqualTo("the gateway could not store an inline image (its image"
                            + " storage is full); nothing was stored or sent, send the request again later");
                });
        assertThat(new LongStrings.StorageFailed(new java.nio.file.FileSystemException("/data/blobs/upload-1", null,
                "Input/output error")))
                .satisfies(other -> assertThat(other.noSpace()).isFalse())
                .satisfies(other -> assertThat(other.getMessage()).isEqualTo("Input/output error"));
        assertThat(ApiError.storageFailed("Input/output error", false).status()).isEqualTo(503);
    }

    /**
     * A 256 MiB image string streams through: the parse allocates a few MiB in all (reused buffers), not the
     * string. Allocation bounds what can be held, so memory does not grow with the image.
     */
    @Test
    void a_256_mib_string_costs_a_few_buffers_not_its_size() throws Exception {
        long size = 256L * 1024 * 1024;
        byte[] head = "{\"input\":{\"images\":[\"data:image/png;base64,".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\"]}}".getBytes(StandardCharsets.US_ASCII);
        InputStream body = new InputStream() {
            private long at;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                long total = head.length + size + tail.length;
                if (at >= total) {
                    return -1;
                }
                int n = (int) Math.min(len, total - at);
                for (int i = 0; i < n; i++, at++) {
                    b[off + i] = at < head.length ? head[(int) at]
                            : at < head.length + size ? (byte) 'A' : tail[(int) (at - head.length - size)];
                }
                return n;
            }
        };
        RecordingImages counting = new RecordingImages(false);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        LongStrings longStrings = new LongStrings(counting);
        JsonNode root = new RequestJson().parse(body, longStrings);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        String placeholder = root.get("input").get("images").get(0).getStringValue();
        assertThat(longStrings.find(placeholder).orElseThrow().characters()).isEqualTo(size + 22);
        assertThat(allocated).as("bytes allocated while parsing").isLessThan(8L * 1024 * 1024);
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new java.util.Random(7).nextBytes(bytes);
        return bytes;
    }
}
