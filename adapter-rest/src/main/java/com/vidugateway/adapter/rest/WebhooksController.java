package com.vidugateway.adapter.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.vidugateway.application.port.in.ReadTaskWebhooks;
import com.vidugateway.application.port.out.WebhookOutbox;
import com.vidugateway.domain.task.TaskId;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code GET /v1/tasks/{id}/webhooks}: what became of a task's webhook events, attempt by attempt. */
@Controller("/v1/tasks")
@Tag(name = "Gateway extensions")
final class WebhooksController {

    private final ReadTaskWebhooks webhooks;

    WebhooksController(ReadTaskWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Get(uri = "/{id}/webhooks", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(operationId = "taskWebhooks", summary = "A task's webhook deliveries", description = "Every event announced"
            + " to the task's callback_url (its webhook-id and status), oldest first, with each attempt: when, the"
            + " receiver's HTTP status (0 when it did not answer) or the error, and when the next attempt is due.")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Deliveries.class)))
    @ApiResponse(responseCode = "404", description = "No such task for this key", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RestWire.ErrorResponse.class)))
    HttpResponse<?> webhooks(HttpRequest<?> request, @PathVariable String id) {
        String requestId = GatewayFilter.requestId(request);
        Optional<TaskId> taskId = ProviderTasksController.parse(id);
        Optional<List<WebhookOutbox.EventHistory>> events = taskId.flatMap(
                parsed -> webhooks.webhooksOf(ProviderTasksController.owner(request), parsed));
        if (events.isEmpty()) {
            return ProviderTasksController.notFound(id).response(request);
        }
        return HttpResponse.ok(new Deliveries(taskId.get().value(),
                events.get().stream().map(WebhooksController::event).toList(), requestId));
    }

    private static Event event(WebhookOutbox.EventHistory history) {
        WebhookOutbox.WebhookEvent event = history.event();
        String state = history.deliveredAt() != null ? "delivered" : history.gaveUpAt() != null ? "given_up" : "pending";
        return new Event(event.id(), event.status().displayName(), event.callbackUrl().toString(), text(event.createdAt()),
                state, text(history.nextAttemptAt()), history.attempts().stream()
                .map(a -> new Attempt(a.number(), text(a.at()), a.httpStatus() == 0 ? null : a.httpStatus(), a.problem(),
                        text(a.nextAttemptAt())))
                .toList());
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "WebhookDeliveries")
    record Deliveries(@JsonProperty("task_id") String taskId, List<Event> events,
                      @JsonProperty("request_id") String requestId) {}

    /**
     * @param state {@code pending} (another attempt is due at next_attempt_at), {@code delivered} or {@code given_up}
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "WebhookEvent")
    record Event(@JsonProperty("webhook_id") String webhookId, String status,
                 @JsonProperty("callback_url") String callbackUrl, @JsonProperty("created_at") String createdAt,
                 String state, @JsonProperty("next_attempt_at") String nextAttemptAt, List<Attempt> attempts) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "WebhookAttempt")
    record Attempt(int attempt, String at, @JsonProperty("http_status") Integer httpStatus, String error,
                   @JsonProperty("next_attempt_at") String nextAttemptAt) {}
}
