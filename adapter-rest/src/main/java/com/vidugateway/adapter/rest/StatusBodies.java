package com.vidugateway.adapter.rest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.vidugateway.domain.task.TaskStatusView;
import com.vidugateway.wire.ProviderWire;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The body of a status answer, serialized once per answer and reused while the task does not change: clients poll
 * status many times between two changes, and serializing the answer was the largest cost of a poll answered from
 * memory (decision 13, "serialized once"; BENCHMARKS.md). Only the request id differs from poll to poll; it is
 * the answer's last field, so an answer is its serialized bytes up to the id, then the id and the closing {@code "}}.
 * The bytes are the JSON mapper's own — the same as serializing the answer each time, which a test checks.
 */
@Singleton
final class StatusBodies {

    /** Answers held: as many as the status memory holds (StatusMemory), each a few hundred bytes. */
    private static final int HELD = 20_000;
    private static final String MARK = "vidu-request-id";
    private static final byte[] END = (MARK + "\"}").getBytes(StandardCharsets.UTF_8);
    private static final byte[] CLOSE = "\"}".getBytes(StandardCharsets.UTF_8);

    private final JsonMapper json;
    private final Cache<Key, byte[]> heads = Caffeine.newBuilder().maximumSize(HELD).build();

    StatusBodies(JsonMapper json) {
        this.json = json;
    }

    private record Key(TaskStatusView task, String base) {}

    /** The answer to a status poll of {@code task}, with this request's id. */
    HttpResponse<?> answer(TaskStatusView task, String base, String requestId) {
        if (!plain(requestId)) {
            return serialized(task, base, requestId);
        }
        byte[] head = heads.get(new Key(task, base), key -> head(key.task(), key.base()));
        if (head.length == 0) {
            return serialized(task, base, requestId);
        }
        byte[] id = requestId.getBytes(StandardCharsets.US_ASCII);
        byte[] body = Arrays.copyOf(head, head.length + id.length + CLOSE.length);
        System.arraycopy(id, 0, body, head.length, id.length);
        System.arraycopy(CLOSE, 0, body, head.length + id.length, CLOSE.length);
        return HttpResponse.ok(body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private static HttpResponse<?> serialized(TaskStatusView task, String base, String requestId) {
        return HttpResponse.ok(TaskViews.status(task, base, requestId)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** The serialized answer up to its request id; empty if it does not end as expected (then it is made each time). */
    private byte[] head(TaskStatusView task, String base) {
        ProviderWire.StatusResponse answer = TaskViews.status(task, base, MARK);
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int headLength = bytes.length - END.length;
        if (headLength < 0 || !Arrays.equals(bytes, headLength, bytes.length, END, 0, END.length)) {
            return new byte[0];
        }
        return Arrays.copyOf(bytes, headLength);
    }

    /** Ids the gateway makes (hex): written into JSON as they are, with nothing to escape. */
    private static boolean plain(String requestId) {
        for (int i = 0; i < requestId.length(); i++) {
            char c = requestId.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return !requestId.isEmpty();
    }
}
