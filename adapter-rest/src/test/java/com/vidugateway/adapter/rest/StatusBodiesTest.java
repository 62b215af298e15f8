package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.TaskStatusView;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A held answer is, byte for byte, what serializing the answer each time gives, whatever the request id. */
class StatusBodiesTest {

    private static final ObjectMapper JSON = ObjectMapper.getDefault();
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final TaskId ID = new TaskId("task-1");

    static Stream<Arguments> answers() {
        List<TaskStatusView> views = List.of(
                view(TaskStatus.ACCEPTED, null, null, false, List.of()),
                view(TaskStatus.RUNNING, null, null, false, List.of()),
                view(TaskStatus.SUCCESS, T0.plusSeconds(40), null, true, List.of()),
                view(TaskStatus.SUCCESS, T0.plusSeconds(40), null, false, List.of("https://cdn.example.com/v.mp4?a=1&b=\"2\"")),
                view(TaskStatus.FAILURE, T0.plusSeconds(3), "refused: \"quoted\", back\\slash, new\nline, 中文, 🎬", false,
                        List.of()));
        List<String> requestIds = List.of("0123456789abcdef0123456789abcdef", "f", "vidu-request-id", "Not \"hex\" \u2028",
                "");
        return views.stream().flatMap(view -> requestIds.stream().map(id -> Arguments.of(view, id)));
    }

    @ParameterizedTest
    @MethodSource("answers")
    void a_held_answer_is_the_serialized_answer(TaskStatusView view, String requestId) throws IOException {
        StatusBodies bodies = new StatusBodies(JSON);
        String base = "http://127.0.0.1:8080";

        bodies.answer(view, base, "00000000000000000000000000000000");
        HttpResponse<?> answer = bodies.answer(view, base, requestId);

        assertThat(bytes(answer)).isEqualTo(JSON.writeValueAsBytes(TaskViews.status(view, base, requestId)));
        assertThat(answer.getContentType()).hasValue(MediaType.APPLICATION_JSON_TYPE);
    }

    private static byte[] bytes(HttpResponse<?> answer) throws IOException {
        Object body = answer.body();
        return body instanceof byte[] bytes ? bytes : JSON.writeValueAsBytes(body);
    }

    private static TaskStatusView view(TaskStatus status, Instant endedAt, String error, boolean kept, List<String> urls) {
        return new TaskStatusView(ID, "alice", status, T0, endedAt, error, kept, urls, 5, false);
    }
}
