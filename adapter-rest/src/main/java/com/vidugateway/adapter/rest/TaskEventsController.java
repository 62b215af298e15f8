package com.vidugateway.adapter.rest;

import com.vidugateway.domain.task.TaskId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Optional;
import org.reactivestreams.Publisher;

/**
 * Live task events as Server-Sent Events: {@code GET /v1/tasks/events} (all of the caller's tasks) and
 * {@code GET /v1/tasks/{id}/events} (one). One event ({@code event: task}) per change with the change number as its
 * {@code id}; {@code Last-Event-ID} (or {@code last_event_id}) resumes after it; a comment every 15 s keeps it open.
 */
@Controller("/v1/tasks")
@Tag(name = "Gateway extensions")
@SecurityRequirement(name = "apiKey")
final class TaskEventsController {

    private final TaskEventStreams streams;

    TaskEventsController(TaskEventStreams streams) {
        this.streams = streams;
    }

    @Get(uri = "/events", produces = MediaType.TEXT_EVENT_STREAM)
    @Operation(operationId = "streamTaskEvents", summary = "Live events of all of the caller's tasks",
            description = "Server-Sent Events: `event: task`, `id:` the change number, `data:` the task (`task_id`,"
                    + " `status`, `task_status`, `progress` 0–100, times, `error`). A change made through any instance"
                    + " arrives within a second. Reconnect with `Last-Event-ID` to miss nothing (a task changed twice"
                    + " meanwhile shows once, as it is now). A `: heartbeat` comment every 15 s.")
    HttpResponse<?> all(HttpRequest<?> request, @Nullable @Header("Last-Event-ID") String lastEventId,
                        @Nullable @QueryValue("last_event_id") String lastEventIdQuery) {
        Optional<Long> after = lastId(lastEventId != null ? lastEventId : lastEventIdQuery);
        if (after == null) {
            return badLastId(request);
        }
        Publisher<Event<?>> events = streams.open(ProviderTasksController.owner(request), null, after.orElse(null));
        return HttpResponse.ok(events).contentType(MediaType.TEXT_EVENT_STREAM_TYPE);
    }

    @Get(uri = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM)
    @Operation(operationId = "streamTaskEventsOfOne", summary = "Live events of one task",
            description = "As `/v1/tasks/events`, for one task; without `Last-Event-ID` the task's current state comes"
                    + " first.")
    HttpResponse<?> one(HttpRequest<?> request, @PathVariable String id, @Nullable @Header("Last-Event-ID") String lastEventId,
                        @Nullable @QueryValue("last_event_id") String lastEventIdQuery) {
        Optional<TaskId> taskId = ProviderTasksController.parse(id);
        if (taskId.isEmpty()) {
            return ProviderTasksController.notFound(id).response(request);
        }
        Optional<Long> after = lastId(lastEventId != null ? lastEventId : lastEventIdQuery);
        if (after == null) {
            return badLastId(request);
        }
        Publisher<Event<?>> events = streams.open(ProviderTasksController.owner(request), taskId.get(),
                after.orElse(null));
        return HttpResponse.ok(events).contentType(MediaType.TEXT_EVENT_STREAM_TYPE);
    }

    /** Empty when none was given; null when one was given and is not a change number. */
    private static Optional<Long> lastId(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            long id = Long.parseLong(text.strip());
            return id < 0 ? null : Optional.of(id);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static HttpResponse<?> badLastId(HttpRequest<?> request) {
        return ApiError.invalid(java.util.List.of(com.vidugateway.domain.validation.Violation.of("Last-Event-ID",
                "api.events.last_id"))).response(request);
    }
}
