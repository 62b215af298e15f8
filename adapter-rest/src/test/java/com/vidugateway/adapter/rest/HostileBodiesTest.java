package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A structure-aware fuzz of hostile submit bodies (issue 12, "Edges"): long arrays of every JSON type where images
 * and subjects belong, thousands of unknown or deeply nested fields, huge strings in every field that takes a word,
 * bodies up to 1 MiB. Each body is sent alone and the server's CPU for it is measured: the CPU time of every server
 * thread (the event loop reading it, the blocking thread checking it), summed over the request. Each must be
 * answered 2xx/4xx with a small answer that quotes no value at length, within a generous CPU bound (the issue's
 * target is 200 ms; the suite allows {@value #CPU_BOUND_MS} ms for a loaded CI machine; bench/hostile-bodies.sh
 * runs more bodies and reports against 200 ms).
 *
 * <p>Seeded and bounded: {@code hostile.bodies} bodies (default {@value #DEFAULT_BODIES}), seed {@code hostile.seed}.
 */
@MicronautTest
class HostileBodiesTest {

    static final int DEFAULT_BODIES = 240;
    static final long CPU_BOUND_MS = 1_000;
    static final int MAX_BODY = 1024 * 1024;
    /** The filler of every huge value: a run of it longer than this in an answer is a value echoed whole. */
    static final char FILLER = 'Q';
    static final int LONGEST_ECHO = 100;
    /** A run of the filler longer than an answer may quote. */
    private static final Pattern ECHOED = Pattern.compile(FILLER + "{" + (LONGEST_ECHO + 1) + ",}");
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Inject
    EmbeddedServer server;

    @Test
    void sixteen_thousand_numbers_in_images_are_one_short_answer() {
        Api api = new Api(server.getURI(), "key-a");
        String body = "{\"model\":\"viduq2\",\"input\":{\"prompt\":\"p\",\"images\":[" + "1,".repeat(15_999)
                + "1]},\"parameters\":{\"vidu_type\":\"reference2video\"}}";

        Measured measured = measure(() -> api.postJson("/v1/tasks/submit", body));

        Api.Answer answer = measured.answer();
        assertThat(answer.status()).isEqualTo(400);
        JsonNode violations = answer.at("violations");
        assertThat(violations.size()).isLessThanOrEqualTo(ApiError.VIOLATIONS_LISTED + 1);
        assertThat(answer.text()).contains("16000 images given").contains("only the first 7 are checked");
        assertThat(answer.body().length).isLessThan(8_192);
        assertThat(measured.cpuNanos()).isLessThan(CPU_BOUND_MS * 1_000_000);
    }

    @Test
    void thousands_of_unknown_fields_list_twenty_and_say_how_many_more() {
        Api api = new Api(server.getURI(), "key-a");
        StringBuilder body = new StringBuilder("{\"model\":\"viduq2\",\"input\":{\"prompt\":\"p\",\"images\":[\""
                + Bodies.URL_IMAGE + "\"]},\"parameters\":{\"vidu_type\":\"reference2video\"");
        for (int i = 0; i < 990; i++) {
            body.append(",\"f").append(i).append("\":0");
        }
        body.append("}}");

        for (String path : List.of("/v1/tasks/submit", "/v1/tasks/validate")) {
            Api.Answer answer = api.postJson(path, body.toString());

            JsonNode violations = answer.at("violations");
            assertThat(violations.size()).as(path).isEqualTo(ApiError.VIOLATIONS_LISTED + 1);
            JsonNode last = violations.get(ApiError.VIOLATIONS_LISTED);
            assertThat(last.get("field").getStringValue()).isEqualTo(ApiError.MORE_FIELD);
            // 20 named, one "(body): 970 more fields" item; of those 21, the first 20 are listed.
            assertThat(last.get("message").getStringValue()).startsWith("and 1 more violation");
            assertThat(answer.text()).contains("has 970 more fields this API does not know");
        }
    }

    @Test
    void an_object_of_more_than_a_thousand_fields_is_refused_where_it_overflows() {
        Api api = new Api(server.getURI(), "key-a");
        StringBuilder body = new StringBuilder("{\"model\":\"viduq2\",\"input\":{\"x\":{\"a\":0");
        for (int i = 1; i <= RequestJson.MAX_FIELDS; i++) {
            body.append(",\"f").append(i).append("\":0");
        }
        body.append("}}}");

        Api.Answer answer = api.postJson("/v1/tasks/submit", body.toString());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.string("error.message")).contains("more than 1000 fields").contains("line 1, column");
    }

    @Test
    void hostile_bodies_are_answered_4xx_or_2xx_small_and_within_the_cpu_bound() throws IOException {
        int bodies = Integer.getInteger("hostile.bodies", DEFAULT_BODIES);
        Random random = new Random(Long.getLong("hostile.seed", 20_261_212L));
        Api api = new Api(server.getURI(), "key-a");
        String valid = "{\"model\":\"viduq2\",\"input\":{\"prompt\":\"a cat\",\"images\":[\"" + Bodies.URL_IMAGE
                + "\"]},\"parameters\":{\"vidu_type\":\"reference2video\"}}";
        for (int i = 0; i < 30; i++) { // warm-up: the first requests pay for class loading and JIT
            api.postJson("/v1/tasks/validate", valid);
            api.postJson("/v1/tasks/submit", FuzzBodies.generate(random, i).body());
        }
        List<Long> baseline = new ArrayList<>();
        Map<String, Long> worstByKind = new TreeMap<>();
        Map<String, String> worstBody = new HashMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < bodies; i++) {
            Measured trivial = measure(() -> api.postJson("/v1/tasks/validate", valid));
            assertThat(trivial.answer().status()).isEqualTo(200);
            baseline.add(trivial.cpuNanos());

            FuzzBodies.Body body = FuzzBodies.generate(random, i);
            String path = i % 2 == 0 ? "/v1/tasks/submit" : "/v1/tasks/validate";
            Measured measured = measure(() -> api.postJson(path, body.body()));
            String problem = problem(measured.answer(), body);
            if (problem != null) {
                failures.add(body.kind() + " #" + i + " (" + body.body().length() + " chars) to " + path + ": " + problem);
            }
            if (measured.cpuNanos() > worstByKind.getOrDefault(body.kind(), -1L)) {
                worstByKind.put(body.kind(), measured.cpuNanos());
                worstBody.put(body.kind(), body.body().length() + " chars, answered " + measured.answer().status());
            }
        }
        baseline.sort(null);
        long median = baseline.get(baseline.size() / 2);
        long worst = worstByKind.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        String report = report(bodies, median, worstByKind, worstBody);
        System.out.println(report);
        String to = System.getProperty("hostile.report");
        if (to != null) {
            Files.writeString(Path.of(to), report, StandardCharsets.UTF_8);
        }

        assertThat(failures).as("bodies answered wrongly").isEmpty();
        assertThat(worst).as("worst server CPU per body, ns").isLessThan(CPU_BOUND_MS * 1_000_000);
    }

    /** Why an answer breaks the rules; null when it does not. */
    private static String problem(Api.Answer answer, FuzzBodies.Body body) {
        if (answer.status() < 200 || answer.status() >= 500) {
            return "status " + answer.status() + ": " + head(answer.text());
        }
        if (answer.status() < 400) {
            // Accepted, or a dry run that passed: the answer restates the request (a long valid voice id included).
            return null;
        }
        if (answer.body().length > 16_384) {
            return "an answer of " + answer.body().length + " bytes";
        }
        Matcher echoed = ECHOED.matcher(answer.text());
        if (echoed.find()) {
            return "a value echoed with " + echoed.group().length() + " characters: " + head(answer.text());
        }
        JsonNode violations = answer.status() >= 400 ? answer.at("violations") : null;
        if (violations != null && violations.size() > ApiError.VIOLATIONS_LISTED + 1) {
            return violations.size() + " violations listed";
        }
        return null;
    }

    private static String head(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    private static String report(int bodies, long median, Map<String, Long> worstByKind, Map<String, String> bodyOf) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "hostile bodies: %d, trivial valid body (median of %d): %.2f ms server CPU%n",
                bodies, bodies, median / 1e6));
        out.append(String.format(Locale.ROOT, "%-22s %12s %10s %9s  %s%n", "kind", "worst CPU ms", "x trivial",
                "vs 200ms", "that body"));
        worstByKind.forEach((kind, nanos) -> out.append(String.format(Locale.ROOT, "%-22s %12.2f %10.1f %9s  %s%n",
                kind, nanos / 1e6, (double) nanos / Math.max(median, 1), nanos <= 200_000_000 ? "met" : "MISSED",
                bodyOf.get(kind))));
        return out.toString();
    }

    // ---- measuring ------------------------------------------------------------------------------------------

    record Measured(Api.Answer answer, long cpuNanos) {}

    /** The answer and the CPU time every thread of this JVM but the client's spent while it was made. */
    static Measured measure(java.util.function.Supplier<Api.Answer> request) {
        Map<Long, Long> before = serverCpu();
        Api.Answer answer = request.get();
        Map<Long, Long> after = serverCpu();
        long spent = 0;
        for (Map.Entry<Long, Long> thread : after.entrySet()) {
            spent += thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
        }
        return new Measured(answer, spent);
    }

    /** CPU time per live thread, leaving out the test's own thread and the JDK HTTP client's (the client side). */
    private static Map<Long, Long> serverCpu() {
        Map<Long, Long> cpu = new HashMap<>();
        long self = Thread.currentThread().getId();
        for (java.lang.management.ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info == null || info.getThreadId() == self || info.getThreadName().startsWith("HttpClient")) {
                continue;
            }
            long nanos = THREADS.getThreadCpuTime(info.getThreadId());
            if (nanos >= 0) {
                cpu.put(info.getThreadId(), nanos);
            }
        }
        return cpu;
    }

    // ---- generating -----------------------------------------------------------------------------------------

    /** Hostile bodies by kind; each kind is a structure a real body has, pushed to an extreme. */
    static final class FuzzBodies {
        record Body(String kind, String body) {}

        static final int KINDS = 9;
        private static final String[] WORD_FIELDS = {"model", "vidu_type", "aspect_ratio", "resolution",
            "movement_amplitude", "callback_url", "prompt", "subject id", "voice_id", "image", "field name"};

        /** Body number {@code n}: the kinds in turn, and the word fields in turn within the huge-word kinds. */
        static Body generate(Random random, int n) {
            String field = WORD_FIELDS[(n / KINDS) % WORD_FIELDS.length];
            return switch (n % KINDS) {
                case 0 -> new Body("long images array", request(array(random, MAX_BODY - 300), null, ""));
                case 1 -> new Body("long subjects array", request(null, subjects(random, MAX_BODY - 300), ""));
                case 2 -> new Body("long subject images", request(null, "[{\"id\":\"a\",\"images\":"
                        + array(random, MAX_BODY - 300) + "}]", ""));
                case 3 -> new Body("many fields", manyFields(random));
                case 4 -> new Body("deep fields", deep(random));
                case 5 -> hugeWord(random, field, 100 + random.nextInt(60_000));
                // (twice in the body for the subject ids: each half of what fits)
                case 6 -> hugeWord(random, field, (70_000 + random.nextInt(MAX_BODY - 71_000)) / 2);
                case 7 -> new Body("long array in a param", request(quoted(Bodies.URL_IMAGE), null,
                        ",\"" + pick(random, "duration", "seed", "aspect_ratio", "bgm", "callback_url", "extra") + "\":"
                        + array(random, MAX_BODY - 300)));
                default -> new Body("all at once", allAtOnce(random));
            };
        }

        /** A body with {@code images} (a JSON array text) or {@code subjects}, and more parameter text. */
        private static String request(String images, String subjects, String moreParameters) {
            String reference = images != null ? "\"images\":" + images : "\"subjects\":" + subjects;
            return "{\"model\":\"viduq2\",\"input\":{\"prompt\":\"@a walks\"," + reference
                    + "},\"parameters\":{\"vidu_type\":\"reference2video\"" + moreParameters + "}}";
        }

        /** A JSON array of about {@code size} characters, of one element type or mixed. */
        private static String array(Random random, int size) {
            int target = 16 + random.nextInt(Math.max(1, size - 16));
            String[] elements = {"1", "null", "true", "{}", "[]", "\"\"", "\"x\"", "1.5e300", "{\"a\":[1]}",
                quoted(Bodies.URL_IMAGE), "\"data:image/png;base64,AAAA\"", "[[[[1]]]]"};
            return arrayOf(random, target, elements);
        }

        private static String subjects(Random random, int size) {
            String[] subjects = {"{\"id\":\"a\",\"images\":[\"" + Bodies.URL_IMAGE + "\"]}", "null", "1", "[]", "{}",
                "{\"id\":1,\"images\":1,\"voice_id\":[]}", "{\"id\":\"a\",\"images\":[1,2,3,4,5],\"x\":0}"};
            int target = 16 + random.nextInt(size - 16);
            return arrayOf(random, target, subjects);
        }

        /** A JSON array of at least {@code target} characters: one of {@code elements} over and over, or a mix of them. */
        private static String arrayOf(Random random, int target, String[] elements) {
            boolean mixed = random.nextBoolean();
            String one = elements[random.nextInt(elements.length)];
            StringBuilder out = new StringBuilder("[");
            while (out.length() < target) {
                if (out.length() > 1) {
                    out.append(',');
                }
                out.append(mixed ? elements[random.nextInt(elements.length)] : one);
            }
            return out.append(']').toString();
        }

        private static String manyFields(Random random) {
            String where = pick(random, "top", "input", "parameters", "subject");
            int target = 1_000 + random.nextInt(MAX_BODY - 2_000);
            int nameLength = 1 + random.nextInt(random.nextBoolean() ? 8 : 2_000);
            StringBuilder fields = new StringBuilder();
            for (int i = 0; fields.length() < target; i++) {
                String name = "f" + i + (nameLength > 8 ? String.valueOf(FILLER).repeat(nameLength) : "");
                fields.append(",\"").append(name).append("\":").append(random.nextBoolean() ? "0" : "\"v\"");
            }
            return switch (where) {
                case "top" -> request(quoted(Bodies.URL_IMAGE), null, "").replaceFirst("\\}$", fields + "}");
                case "input" -> "{\"model\":\"viduq2\",\"input\":{\"prompt\":\"p\",\"images\":[" + quoted(Bodies.URL_IMAGE)
                        + "]" + fields + "},\"parameters\":{\"vidu_type\":\"reference2video\"}}";
                case "parameters" -> request(quoted(Bodies.URL_IMAGE), null, fields.toString());
                default -> request(null, "[{\"id\":\"a\",\"images\":[" + quoted(Bodies.URL_IMAGE) + "]" + fields + "}]", "");
            };
        }

        private static String deep(Random random) {
            int depth = 1 + random.nextInt(random.nextBoolean() ? 40 : 100_000);
            String open = random.nextBoolean() ? "[" : "{\"" + String.valueOf(FILLER).repeat(random.nextInt(200)) + "\":";
            String close = open.equals("[") ? "]" : "}";
            String deep = open.repeat(depth) + "1" + close.repeat(depth);
            if (deep.length() > MAX_BODY - 300) {
                int fit = (MAX_BODY - 300) / (open.length() + 1);
                deep = open.repeat(fit) + "1" + close.repeat(fit);
            }
            return request(quoted(Bodies.URL_IMAGE), null, ",\"" + pick(random, "duration", "extra", "seed") + "\":" + deep);
        }

        /** A string of {@code length} filler characters in one of the fields that take a word. */
        private static Body hugeWord(Random random, String field, int length) {
            String huge = String.valueOf(FILLER).repeat(length);
            String value = field.equals("callback_url") && random.nextBoolean() ? "https://" + huge + ".example.com/"
                    : field.equals("image") && random.nextBoolean() ? "https://example.com/" + huge : huge;
            String body = switch (field) {
                case "model" -> request(quoted(Bodies.URL_IMAGE), null, "").replace("\"viduq2\"", quoted(value));
                case "prompt" -> request(quoted(Bodies.URL_IMAGE), null, "").replace("\"@a walks\"", quoted(value));
                case "subject id" -> request(null, "[{\"id\":" + quoted(value) + ",\"images\":[" + quoted(Bodies.URL_IMAGE)
                        + "]},{\"id\":" + quoted(value) + ",\"images\":[" + quoted(Bodies.URL_IMAGE) + "]}]", "");
                case "voice_id" -> request(null, "[{\"id\":\"a\",\"images\":[" + quoted(Bodies.URL_IMAGE)
                        + "],\"voice_id\":" + quoted(value) + "}]", "");
                case "image" -> request("[" + quoted(value) + "]", null, "");
                case "field name" -> request(quoted(Bodies.URL_IMAGE), null, "," + quoted(value) + ":1");
                case "vidu_type" -> request(quoted(Bodies.URL_IMAGE), null, "").replace("\"reference2video\"", quoted(value));
                default -> request(quoted(Bodies.URL_IMAGE), null, ",\"" + field + "\":" + quoted(value));
            };
            return new Body(length > 65_536 ? "huge word (long)" : "huge word", body);
        }

        private static String allAtOnce(Random random) {
            StringBuilder body = new StringBuilder("{\"model\":" + quoted(String.valueOf(FILLER).repeat(50_000))
                    + ",\"input\":{\"prompt\":1,\"images\":" + array(random, 200_000) + ",\"subjects\":"
                    + subjects(random, 200_000) + "},\"parameters\":{\"vidu_type\":[]");
            for (String field : List.of("aspect_ratio", "resolution", "movement_amplitude", "callback_url")) {
                body.append(",\"").append(field).append("\":").append(quoted(String.valueOf(FILLER).repeat(50_000)));
            }
            for (int i = 0; body.length() < MAX_BODY - 100; i++) {
                body.append(",\"u").append(i).append("\":[1]");
            }
            return body.append("}}").toString();
        }

        private static String quoted(String text) {
            return "\"" + text + "\"";
        }

        private static String pick(Random random, String... choices) {
            return choices[random.nextInt(choices.length)];
        }
    }

    static {
        if (!THREADS.isThreadCpuTimeSupported()) {
            throw new UncheckedIOException(new IOException("thread CPU time is not supported by this JVM"));
        }
        THREADS.setThreadCpuTimeEnabled(true);
    }
}
