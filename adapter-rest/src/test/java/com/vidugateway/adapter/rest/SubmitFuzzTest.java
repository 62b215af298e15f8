package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.application.testing.ScriptedGenerator;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * 10,000 generated and mutated submit bodies (seeded, so a failure can be replayed): random JSON, valid
 * requests with fields of the wrong type or value, unknown fields, byte-level damage, huge strings, deep
 * nesting, broken base64 and bogus images, odd content types. Not one may get a 5xx or a non-JSON answer,
 * and only the accepted ones may reach the provider.
 */
@MicronautTest
class SubmitFuzzTest {

    static final int BODIES = 10_000;
    static final long SEED = 20_260_501L;

    @Inject
    EmbeddedServer server;
    @Inject
    ScriptedGenerator provider;

    @Test
    void ten_thousand_bodies_no_5xx_and_nothing_invalid_reaches_the_provider() throws Exception {
        Api api = new Api(server.getURI(), "key-a");
        Random random = new Random(SEED);
        List<Case> cases = new ArrayList<>(BODIES);
        for (int i = 0; i < BODIES; i++) {
            cases.add(generate(i, random));
        }
        int before = provider.submits().size();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> kinds = new ConcurrentHashMap<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger accepted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (Case c : cases) {
                sent.add(pool.submit(() -> {
                    Api.Answer answer = c.contentType() == null ? api.post("/v1/tasks/submit", c.body())
                            : api.post("/v1/tasks/submit", c.body(), "Content-Type", c.contentType());
                    statuses.computeIfAbsent(answer.status(), k -> new AtomicInteger()).incrementAndGet();
                    kinds.computeIfAbsent(c.kind() + " " + answer.status(), k -> new AtomicInteger()).incrementAndGet();
                    String problem = check(answer);
                    if (problem != null) {
                        failures.add(c.kind() + " #" + c.index() + ": " + problem + " — body starts "
                                + preview(c.body()));
                    }
                    if (answer.status() == 200) {
                        accepted.incrementAndGet();
                    }
                }));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        System.out.println("fuzz: statuses " + statuses + "; by kind " + new java.util.TreeMap<>(kinds));
        assertThat(failures).as("answers that break the rules (first ones)").isEmpty();
        assertThat(statuses.keySet()).allSatisfy(status -> assertThat(status).isBetween(200, 499));
        assertThat(provider.submits().size() - before).as("provider submits = accepted bodies").isEqualTo(accepted.get());
        assertThat(accepted.get()).as("some bodies are valid").isGreaterThan(100);
        assertThat(statuses.getOrDefault(400, new AtomicInteger()).get()).isGreaterThan(BODIES / 2);
    }

    /** Why an answer is not acceptable; null when it is. */
    private static String check(Api.Answer answer) {
        if (answer.status() >= 500 || answer.status() < 200) {
            return "status " + answer.status() + ": " + answer;
        }
        String type = answer.header("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            return "Content-Type " + type + ": " + answer;
        }
        JsonNode json;
        try {
            json = answer.json();
        } catch (AssertionError notJson) {
            return "not JSON: " + answer;
        }
        if (!json.isObject()) {
            return "not an object: " + answer;
        }
        if (answer.status() == 200) {
            return answer.string("output.task_id") == null ? "200 without a task id: " + answer : null;
        }
        for (String field : List.of("error.message", "error.type", "error.code", "error.param")) {
            String value = answer.string(field);
            if (value == null || value.isBlank()) {
                return "no " + field + ": " + answer;
            }
        }
        JsonNode violations = answer.at("violations");
        if (violations != null) {
            for (JsonNode violation : violations.values()) {
                if (violation.get("field") == null || violation.get("message") == null
                        || violation.get("message").getStringValue().isBlank()) {
                    return "a violation without field or message: " + answer;
                }
            }
        }
        return null;
    }

    private static String preview(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 160), StandardCharsets.UTF_8);
        return text.replaceAll("\\s+", " ") + (body.length > 160 ? "… (" + body.length + " bytes)" : "");
    }

    record Case(int index, String kind, byte[] body, String contentType) {}

    // ---- generation ---------------------------------------------------------------------------------------

    private static final String[] MODELS = {"viduq2", "viduq1", "vidu2.0", "vidu1.5", "viduq3", "", "VIDUQ2"};
    private static final String[] RATIOS = {"16:9", "9:16", "4:3", "3:4", "1:1", "2:1", "16/9", ""};
    private static final String[] RESOLUTIONS = {"360p", "540p", "720p", "1080p", "4k", "720P"};
    private static final String[] AMPLITUDES = {"auto", "small", "medium", "large", "huge"};
    private static final String VALID_PNG = Base64.getEncoder().encodeToString(Bodies.png(160, 128));

    static Case generate(int index, Random random) {
        int pick = random.nextInt(100);
        if (pick < 25) {
            return json(index, "valid-ish", plausible(random), random);
        }
        if (pick < 45) {
            Map<String, Object> body = plausible(random);
            int mutations = 1 + random.nextInt(3);
            for (int i = 0; i < mutations; i++) {
                mutate(body, random);
            }
            return json(index, "mutated", body, random);
        }
        if (pick < 60) {
            return new Case(index, "bytes", damage(write(plausible(random)).getBytes(StandardCharsets.UTF_8), random),
                    "application/json");
        }
        if (pick < 70) {
            return json(index, "random-json", randomValue(random, 0), random);
        }
        if (pick < 78) {
            Map<String, Object> body = plausible(random);
            images(body).set(0, bogusImage(random));
            return json(index, "bogus-image", body, random);
        }
        if (pick < 83) {
            Map<String, Object> body = plausible(random);
            String huge = random.nextBoolean() ? "x".repeat(100_000 + random.nextInt(2_000_000))
                    : "data:image/png;base64," + VALID_PNG + "A".repeat(random.nextInt(3_000_000));
            if (random.nextBoolean()) {
                input(body).put("prompt", huge);
            } else {
                images(body).add(huge);
            }
            return json(index, "huge-string", body, random);
        }
        if (pick < 88) {
            int depth = 10 + random.nextInt(5_000);
            String deep = random.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth)
                    : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
            String body = random.nextBoolean() ? deep
                    : "{\"model\":\"viduq2\",\"input\":{\"prompt\":" + deep + "},\"parameters\":{\"vidu_type\":\"reference2video\"}}";
            return new Case(index, "deep", body.getBytes(StandardCharsets.UTF_8), "application/json");
        }
        if (pick < 93) {
            Map<String, Object> body = plausible(random);
            images(body).set(0, "data:image/png;base64," + brokenBase64(random));
            return json(index, "broken-base64", body, random);
        }
        if (pick < 96) {
            String[] types = {null, "text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1",
                    "multipart/form-data; boundary=x", "application/problem+json", "APPLICATION/JSON"};
            return new Case(index, "content-type", write(plausible(random)).getBytes(StandardCharsets.UTF_8),
                    types[random.nextInt(types.length)]);
        }
        byte[] noise = new byte[random.nextInt(2_000)];
        random.nextBytes(noise);
        return new Case(index, "noise", noise, "application/json");
    }

    private static Case json(int index, String kind, Object body, Random random) {
        return new Case(index, kind, write(body).getBytes(StandardCharsets.UTF_8), "application/json");
    }

    /** A body that is valid more often than not. */
    static Map<String, Object> plausible(Random random) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", random.nextInt(4) == 0 ? MODELS[random.nextInt(MODELS.length)] : "viduq2");
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("prompt", random.nextInt(10) == 0 ? "" : "fuzz " + random.nextInt(1_000_000) + " \u732b @1 \"quoted\"");
        if (random.nextInt(4) == 0) {
            List<Object> subjects = new ArrayList<>();
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                Map<String, Object> subject = new LinkedHashMap<>();
                subject.put("id", Integer.toString(i + 1));
                List<Object> images = new ArrayList<>();
                images.add(random.nextBoolean() ? Bodies.URL_IMAGE : "data:image/png;base64," + VALID_PNG);
                subject.put("images", images);
                subject.put("voice_id", "");
                subjects.add(subject);
            }
            input.put("subjects", subjects);
        } else {
            List<Object> images = new ArrayList<>();
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                images.add(random.nextBoolean() ? Bodies.URL_IMAGE + "?" + i : "data:image/png;base64," + VALID_PNG);
            }
            input.put("images", images);
        }
        body.put("input", input);
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("vidu_type", "reference2video");
        if (random.nextBoolean()) {
            parameters.put("duration", (long) (1 + random.nextInt(10)));
        }
        if (random.nextInt(4) == 0) {
            parameters.put("aspect_ratio", RATIOS[random.nextInt(RATIOS.length)]);
        }
        if (random.nextInt(4) == 0) {
            parameters.put("resolution", RESOLUTIONS[random.nextInt(RESOLUTIONS.length)]);
        }
        if (random.nextInt(6) == 0) {
            parameters.put("movement_amplitude", AMPLITUDES[random.nextInt(AMPLITUDES.length)]);
        }
        if (random.nextInt(4) == 0) {
            parameters.put("seed", (long) random.nextInt(1000));
        }
        if (random.nextInt(4) == 0) {
            parameters.put("bgm", random.nextBoolean());
        }
        body.put("parameters", parameters);
        return body;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> input(Map<String, Object> body) {
        return (Map<String, Object>) body.get("input");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> images(Map<String, Object> body) {
        Map<String, Object> input = input(body);
        if (input.get("images") instanceof List<?> list) {
            return (List<Object>) list;
        }
        Map<String, Object> subject = (Map<String, Object>) ((List<Object>) input.get("subjects")).get(0);
        return (List<Object>) subject.get("images");
    }

    /** One change: a field gets a random value, disappears, or an unknown field appears, anywhere in the body. */
    @SuppressWarnings("unchecked")
    static void mutate(Map<String, Object> body, Random random) {
        List<Map<String, Object>> objects = new ArrayList<>();
        collect(body, objects);
        Map<String, Object> target = objects.get(random.nextInt(objects.size()));
        List<String> keys = new ArrayList<>(target.keySet());
        int what = random.nextInt(3);
        if (what == 0 && !keys.isEmpty()) {
            target.put(keys.get(random.nextInt(keys.size())), randomValue(random, 2));
        } else if (what == 1 && !keys.isEmpty()) {
            target.remove(keys.get(random.nextInt(keys.size())));
        } else {
            String[] names = {"prompt", "duration", "images", "aspectRatio", "extra", "", "vidu_type", "voice", "\u0000"};
            target.put(names[random.nextInt(names.length)], randomValue(random, 2));
        }
    }

    @SuppressWarnings("unchecked")
    private static void collect(Object value, List<Map<String, Object>> objects) {
        if (value instanceof Map<?, ?> map) {
            objects.add((Map<String, Object>) map);
            map.values().forEach(v -> collect(v, objects));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collect(v, objects));
        }
    }

    static Object randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 6 : 9);
        return switch (kind) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextLong() >> random.nextInt(64);
            case 3 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
            case 4 -> randomString(random);
            case 5 -> new java.math.BigDecimal(random.nextInt(1000) + "E" + (random.nextInt(2000) - 1000));
            case 6, 7 -> {
                List<Object> list = new ArrayList<>();
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    list.add(randomValue(random, depth + 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> map = new LinkedHashMap<>();
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    map.put(randomString(random), randomValue(random, depth + 1));
                }
                yield map;
            }
        };
    }

    static String randomString(Random random) {
        String[] samples = {"", "viduq2", "reference2video", "16:9", "720p", "auto", "5", "true", "null",
                "https://example.com/a.png", "data:image/png;base64,", "\u0000\u0001", "\ud83d\ude00", "\ud800",
                "<script>", "' OR 1=1 --", "../../etc/passwd", "%s%n", "\\u0000"};
        if (random.nextInt(3) > 0) {
            return samples[random.nextInt(samples.length)];
        }
        StringBuilder out = new StringBuilder();
        int length = random.nextInt(40);
        for (int i = 0; i < length; i++) {
            out.append((char) (random.nextBoolean() ? 32 + random.nextInt(95) : random.nextInt(0x3000)));
        }
        return out.toString();
    }

    static String bogusImage(Random random) {
        byte[] png = Bodies.png(160, 128);
        String[] bogus = {
            "", " ", "http://", "https://", "https://[::1", "ftp://example.com/a.png", "example.com/a.png",
            "data:", "data:image/png,abc", "data:image/png;base64", "data:text/plain;base64,aGVsbG8=",
            "data:image/gif;base64,R0lGODlhAQABAAAAACw=", "data:image/bmp;base64,Qk0=",
            "data:image/jpeg;base64," + VALID_PNG,
            "data:image/png;base64," + Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(png, 20)),
            "data:image/png;base64," + Base64.getEncoder().encodeToString(Bodies.png(10, 10)),
            "data:image/png;base64," + Base64.getEncoder().encodeToString(Bodies.png(600, 140)),
            "data:image/webp;base64,UklGRgAAAABXRUJQ", "iVBORw0KGgo" + VALID_PNG.substring(11),
            "https://exa mple.com/a.png", "https://\u4f8b\u5b50.\u6d4b\u8bd5/a.png", "http://" + "a".repeat(10_000) + ".com/",
            "data:image/png;base64," + VALID_PNG.replace('A', '*')};
        return bogus[random.nextInt(bogus.length)];
    }

    static String brokenBase64(Random random) {
        StringBuilder out = new StringBuilder(VALID_PNG);
        int damage = 1 + random.nextInt(5);
        for (int i = 0; i < damage; i++) {
            int at = random.nextInt(out.length());
            switch (random.nextInt(4)) {
                case 0 -> out.setCharAt(at, "!@#$%^&*()~`\u00e9 \n=".charAt(random.nextInt(16)));
                case 1 -> out.deleteCharAt(at);
                case 2 -> out.setLength(at);
                default -> out.insert(at, "====");
            }
            if (out.length() == 0) {
                break;
            }
        }
        return out.toString();
    }

    static byte[] damage(byte[] body, Random random) {
        byte[] out = body.clone();
        int changes = 1 + random.nextInt(4);
        for (int i = 0; i < changes && out.length > 0; i++) {
            int at = random.nextInt(out.length);
            switch (random.nextInt(4)) {
                case 0 -> out[at] = (byte) random.nextInt(256);
                case 1 -> out = java.util.Arrays.copyOf(out, at);
                case 2 -> {
                    byte[] longer = new byte[out.length + 1];
                    System.arraycopy(out, 0, longer, 0, at);
                    longer[at] = "{}[],:\"\\ 0-e".getBytes(StandardCharsets.US_ASCII)[random.nextInt(12)];
                    System.arraycopy(out, at, longer, at + 1, out.length - at);
                    out = longer;
                }
                default -> {
                    byte[] shorter = new byte[out.length - 1];
                    System.arraycopy(out, 0, shorter, 0, at);
                    System.arraycopy(out, at + 1, shorter, at, out.length - at - 1);
                    out = shorter;
                }
            }
        }
        return out;
    }

    // ---- a small JSON writer (the body under test must not depend on the code under test) -----------------

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            out.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(String.valueOf(entry.getKey()), out);
                out.append(':');
                write(entry.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(list.get(i), out);
            }
            out.append(']');
        } else if (value instanceof Double d) {
            out.append(d.isNaN() || d.isInfinite() ? "0" : d.toString());
        } else {
            out.append(value);
        }
    }
}
