package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.application.service.ImageIntake;
import com.vidugateway.application.testing.InMemoryImageBlobMarks;
import com.vidugateway.application.testing.InMemoryImageBlobs;
import io.micronaut.json.tree.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A plain HTTP client for the tests: raw bodies and headers in, status, headers and parsed JSON out. */
final class Api {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final RequestJson JSON = new RequestJson();
    /** Answers hold no string long enough to be taken apart; should one, it is decoded in memory. */
    private static final ImageIntake IN_MEMORY = new ImageIntake(new InMemoryImageBlobs(),
            new InMemoryImageBlobMarks(java.time.Clock.systemUTC(), sha256 -> false));

    private final URI base;
    private final String key;

    Api(URI base, String key) {
        this.base = base;
        this.key = key;
    }

    Api as(String otherKey) {
        return new Api(base, otherKey);
    }

    URI base() {
        return base;
    }

    Answer get(String path, String... headers) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), headers);
    }

    Answer head(String path, String... headers) {
        return send(HttpRequest.newBuilder(base.resolve(path)).method("HEAD", HttpRequest.BodyPublishers.noBody()), headers);
    }

    Answer postJson(String path, String body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "application/json";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return post(path, body.getBytes(StandardCharsets.UTF_8), all);
    }

    Answer post(String path, byte[] body, String... headers) {
        return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body)), headers);
    }

    Answer send(HttpRequest.Builder builder, String... headers) {
        builder.timeout(Duration.ofSeconds(60));
        if (key != null) {
            builder.header("Authorization", key);
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<byte[]> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A GET written on a socket, because {@link HttpClient} will not send a Host header of the caller's choosing
     * (the point of the test that uses this is a Host no URL of ours would produce).
     */
    Answer getWithHost(String path, String host, String... headers) {
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
        if (key != null) {
            request.append("Authorization: ").append(key).append("\r\n");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        request.append("Connection: close\r\n\r\n");
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            byte[] all = socket.getInputStream().readAllBytes();
            String raw = new String(all, StandardCharsets.ISO_8859_1);
            int split = raw.indexOf("\r\n\r\n");
            String[] lines = raw.substring(0, split).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, List<String>> answerHeaders = new java.util.LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                answerHeaders.computeIfAbsent(lines[i].substring(0, colon).strip(), n -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).strip());
            }
            byte[] body = java.util.Arrays.copyOfRange(all, split + 4, all.length);
            Answer answer = new Answer(status, answerHeaders, body);
            if ("chunked".equalsIgnoreCase(answer.header("Transfer-Encoding"))) {
                body = unchunk(body);
            }
            return new Answer(status, answerHeaders, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] unchunk(byte[] chunked) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = indexOfCrlf(chunked, at);
            String size = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].strip();
            int length = Integer.parseInt(size, 16);
            if (length == 0) {
                return out.toByteArray();
            }
            out.write(chunked, lineEnd + 2, length);
            at = lineEnd + 2 + length + 2;
        }
    }

    private static int indexOfCrlf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        throw new AssertionError("no line end in a chunked body");
    }

    /** An HTTP answer. */
    record Answer(int status, Map<String, List<String>> headers, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name)) {
                    return entry.getValue().get(0);
                }
            }
            return null;
        }

        JsonNode json() {
            JsonNode node;
            int longStrings;
            try (LongStrings strings = new LongStrings(IN_MEMORY)) {
                node = JSON.parse(new ByteArrayInputStream(body), strings);
                longStrings = strings.count();
            } catch (Exception e) {
                throw new AssertionError("not JSON (" + status + "): " + text(), e);
            }
            // An answer never echoes a long value (an image, a huge prompt).
            assertThat(longStrings).as("strings over 64 KiB in the answer " + this).isZero();
            return node;
        }

        /** A value by path: {@code output.task_id}, {@code violations[0].field}; null when absent. */
        JsonNode at(String path) {
            JsonNode node = json();
            for (String part : path.split("\\.")) {
                if (node == null) {
                    return null;
                }
                int bracket = part.indexOf('[');
                String name = bracket < 0 ? part : part.substring(0, bracket);
                if (!name.isEmpty()) {
                    node = node.isObject() ? node.get(name) : null;
                }
                while (node != null && bracket >= 0) {
                    int close = part.indexOf(']', bracket);
                    int index = Integer.parseInt(part.substring(bracket + 1, close));
                    node = node.isArray() && index < node.size() ? node.get(index) : null;
                    bracket = part.indexOf('[', close);
                }
            }
            return node;
        }

        String string(String path) {
            JsonNode node = at(path);
            return node == null || node.isNull() ? null : node.isString() ? node.getStringValue() : node.getValue().toString();
        }

        /** The fields of {@code violations}, in order. */
        List<String> violationFields() {
            List<String> fields = new ArrayList<>();
            JsonNode violations = at("violations");
            if (violations != null) {
                for (JsonNode violation : violations.values()) {
                    fields.add(violation.get("field").getStringValue());
                }
            }
            return fields;
        }

        String violation(String field) {
            JsonNode violations = at("violations");
            if (violations != null) {
                for (JsonNode violation : violations.values()) {
                    if (violation.get("field").getStringValue().equals(field)) {
                        return violation.get("message").getStringValue();
                    }
                }
            }
            return null;
        }

        @Override
        public String toString() {
            String text = text();
            return status + " " + (text.length() > 2000 ? text.substring(0, 2000) + "…" : text);
        }
    }
}
