package com.vidugateway.adapter.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.vidugateway.application.port.in.CancelVideoTask;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.text.Sentence;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Optional;

/**
 * {@code POST /v1/tasks/{id}/cancel}: a client stops a task. Before it was sent, it ends Cancelled with nothing sent
 * or charged; after the provider took it (Modelverse has no cancel), it ends Cancelled for the client at once and the
 * gateway learns quietly how it ends there, for what is charged, which the answer says. Idempotent.
 */
@Controller("/v1/tasks")
@Tag(name = "Gateway extensions")
@SecurityRequirement(name = "apiKey")
final class TaskCancelController {

    /** How soon a task that is being sent this moment can be cancelled: its send ends within seconds. */
    static final int SENDING_RETRY_AFTER_SECONDS = 2;

    private final CancelVideoTask cancel;
    private final RestSettings settings;

    TaskCancelController(CancelVideoTask cancel, RestSettings settings) {
        this.cancel = cancel;
        this.settings = settings;
    }

    /** The task as the list shows it, and what its cancel means for the client's money. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CancelAnswer")
    record CancelAnswer(@JsonUnwrapped RestWire.TaskSummary task, String message,
                        @JsonProperty("request_id") String requestId) {}

    @Post(uri = "/{id}/cancel", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(operationId = "cancelTask", summary = "Cancel a task",
            description = "A task not yet sent ends `Cancelled` with nothing sent and its reservation released. A task"
                    + " the provider took ends `Cancelled` at once; the provider cannot stop it, so the gateway keeps"
                    + " asking how it ends there and counts what it charges. Cancelling a cancelled task answers the"
                    + " same again; an ended task is 409 naming its state; a task being sent this moment is 409 with"
                    + " Retry-After.")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CancelAnswer.class)))
    @ApiResponse(responseCode = "409", description = "Ended already (code task_ended), or being sent this moment (code"
            + " task_being_sent, Retry-After)", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RestWire.ErrorResponse.class)))
    HttpResponse<?> cancel(HttpRequest<?> request, @PathVariable String id) {
        Optional<TaskId> taskId = ProviderTasksController.parse(id);
        if (taskId.isEmpty()) {
            return ProviderTasksController.notFound(id).response(request);
        }
        CancelVideoTask.Result result = cancel.cancel(ProviderTasksController.owner(request), taskId.get());
        if (result instanceof CancelVideoTask.NotFound) {
            return ProviderTasksController.notFound(id).response(request);
        }
        if (result instanceof CancelVideoTask.NotCancellable refused) {
            if (refused.ended()) {
                return ApiError.conflict("task_ended", Sentence.of("api.cancel.ended", "task", id,
                        "status", refused.task().status().displayName())).response(request);
            }
            MutableHttpResponse<?> busy = ApiError.conflict("task_being_sent", Sentence.of("api.cancel.sending",
                    "task", id, "seconds", SENDING_RETRY_AFTER_SECONDS)).response(request);
            return busy.header(HttpHeaders.RETRY_AFTER, String.valueOf(SENDING_RETRY_AFTER_SECONDS));
        }
        CancelVideoTask.Cancelled cancelled = (CancelVideoTask.Cancelled) result;
        Sentence note = Sentence.of(cancelled.task().providerTaskId() == null ? "api.cancel.unsent" : "api.cancel.sent");
        String base = PublicUrl.of(request, settings.publicUrl());
        return HttpResponse.ok(new CancelAnswer(TaskViews.summary(cancelled.task().summary(), base),
                note.in(ClientLanguage.of(request)), GatewayFilter.requestId(request)));
    }
}
