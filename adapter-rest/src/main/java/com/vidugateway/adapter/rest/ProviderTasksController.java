package com.vidugateway.adapter.rest;

import com.vidugateway.application.port.in.GetVideoTask;
import com.vidugateway.application.port.in.SubmitVideoTask;
import com.vidugateway.application.port.out.ImageBlobs;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatusView;
import com.vidugateway.domain.text.Sentence;
import com.vidugateway.wire.ProviderWire;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.inject.Named;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider-compatible endpoints: a Modelverse client pointed at the gateway works unchanged. Same paths,
 * same request JSON (both input shapes), same answers and error bodies.
 */
@Controller("/v1/tasks")
@Tag(name = "Provider-compatible", description = "The Modelverse reference2video API, unchanged")
@SecurityRequirement(name = "apiKey")
final class ProviderTasksController {

    static final int MAX_IDEMPOTENCY_KEY = 255;
    /** The status route's path, which {@link StatusFromMemory} answers first. */
    static final String STATUS_PATH = "/v1/tasks/status";
    private static final Logger LOG = LoggerFactory.getLogger(ProviderTasksController.class);

    private final SubmitVideoTask submit;
    private final GetVideoTask get;
    private final SubmitBodies bodies;
    private final GatewayMetrics metrics;
    private final RestSettings settings;
    private final StatusBodies statusBodies;
    private final ExecutorService blocking;

    ProviderTasksController(SubmitVideoTask submit, GetVideoTask get, SubmitBodies bodies, GatewayMetrics metrics,
                            RestSettings settings, StatusBodies statusBodies,
                            @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.submit = submit;
        this.get = get;
        this.bodies = bodies;
        this.metrics = metrics;
        this.settings = settings;
        this.statusBodies = statusBodies;
        this.blocking = blocking;
    }

    @Post(uri = "/submit", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(operationId = "submitTask", summary = "Submit a task",
            description = "Checks the request against every rule (nothing is stored or sent when it breaks one),"
                    + " stores it, then sends it to the provider once. `parameters.vidu_type` is required."
                    + " `Idempotency-Key`: the same key with the same request returns the same task without a second"
                    + " provider submit; with a different request, 409.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DocumentedRequests.SubmitRequest.class),
            examples = @ExampleObject(name = "images", value = DocumentedRequests.IMAGES_EXAMPLE)))
    @ApiResponse(responseCode = "200", description = "Stored (and sent unless the provider is unreachable, then queued)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProviderWire.SubmitResponse.class)))
    @ApiResponse(responseCode = "400", description = "Invalid param (every violation listed), malformed JSON, or"
            + " refused by the provider", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RestWire.ErrorResponse.class)))
    @ApiResponse(responseCode = "401", description = "No or unknown API key", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RestWire.ErrorResponse.class)))
    @ApiResponse(responseCode = "429", description = "A limit of the caller's refuses the task: code insufficient_quota"
            + " (monthly budget), concurrency_limit (tasks running at once; Retry-After) or storage_quota; nothing stored"
            + " or sent", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RestWire.ErrorResponse.class)))
    @ApiResponse(responseCode = "409", description = "Idempotency-Key reused with a different request",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RestWire.ErrorResponse.class)))
    @ApiResponse(responseCode = "413", description = "Body over VIDU_MAX_REQUEST_SIZE", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RestWire.ErrorResponse.class)))
    @ApiResponse(responseCode = "415", description = "Not application/json", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RestWire.ErrorResponse.class)))
    @ApiResponse(responseCode = "503", description = "Try again after Retry-After seconds, with the same"
            + " Idempotency-Key: the task database cannot be used now, the image store failed (nothing stored or sent),"
            + " or the gateway was short of memory", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RestWire.ErrorResponse.class)))
    @ApiResponse(responseCode = "507", description = "The blob store is out of space; nothing stored or sent",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RestWire.ErrorResponse.class)))
    HttpResponse<?> submit(HttpRequest<?> request,
                           @Parameter(in = ParameterIn.HEADER, description = "a client key for safe retries (1–255 visible ASCII characters)")
                           @Nullable @Header("Idempotency-Key") String idempotencyKey) {
        if (idempotencyKey != null && !validIdempotencyKey(idempotencyKey)) {
            return ApiError.badRequest(Sentence.of("api.idempotency_key.invalid", "max", MAX_IDEMPOTENCY_KEY))
                    .response(request);
        }
        // Closed whatever happens: the images the submit kept stay, every other staged one is removed.
        try (SubmitBodies.Outcome outcome = bodies.read(request)) {
            return submit(request, idempotencyKey, outcome);
        }
    }

    private HttpResponse<?> submit(HttpRequest<?> request, String idempotencyKey, SubmitBodies.Outcome outcome) {
        String requestId = GatewayFilter.requestId(request);
        if (outcome instanceof SubmitBodies.Rejected rejected) {
            metrics.rejectedBeforeSubmit();
            return rejected.error().response(request);
        }
        SubmitBodyReader.Reading reading = ((SubmitBodies.Read) outcome).reading();
        if (!reading.violations().isEmpty()) {
            metrics.rejectedBeforeSubmit();
            return ApiError.invalid(bodies.allViolations(reading)).response(request);
        }
        SubmitVideoTask.Result result;
        try {
            result = submit.submit(new SubmitVideoTask.Command(owner(request), reading.draft(), idempotencyKey));
        } catch (UncheckedIOException storage) {
            // The use case's only I/O of its own is keeping the inline images: their store failed, not the request.
            boolean full = ImageBlobs.StorageFull.causedBy(storage);
            LOG.warn("submit (request {}): the image store failed: {}", requestId, storage.getMessage());
            return ApiError.storageFailed(Sentence.of(full ? "api.storage_failed.full" : "api.storage_failed.unusable"),
                    full).response(request);
        }
        metrics.submitted(result);
        if (result instanceof SubmitVideoTask.Accepted accepted) {
            MutableHttpResponse<ProviderWire.SubmitResponse> ok = HttpResponse.ok(new ProviderWire.SubmitResponse(
                    new ProviderWire.SubmitOutput(accepted.task().id().value()), requestId));
            return accepted.replayed() ? ok.header("Idempotent-Replayed", "true") : ok;
        }
        if (result instanceof SubmitVideoTask.Refused refused) {
            return ApiError.refused(refused.refusal()).response(request);
        }
        if (result instanceof SubmitVideoTask.Invalid invalid) {
            return ApiError.invalid(invalid.violations()).response(request);
        }
        if (result instanceof SubmitVideoTask.OverLimit over) {
            MutableHttpResponse<?> refused = ApiError.overLimit(over.refusal()).response(request);
            if (over.refusal().retryAfter() != null) {
                refused.header(HttpHeaders.RETRY_AFTER, String.valueOf(over.refusal().retryAfter().toSeconds()));
            }
            return refused;
        }
        SubmitVideoTask.IdempotencyConflict conflict = (SubmitVideoTask.IdempotencyConflict) result;
        return ApiError.conflict("idempotency_conflict", Sentence.of("api.idempotency_key.conflict",
                "key", SubmitBodyReader.abbreviate(conflict.idempotencyKey()), "task", conflict.existingTask()))
                .response(request);
    }

    /**
     * What memory does not answer ({@link StatusFromMemory} answers the rest before this route runs): a missing or
     * malformed id on the event loop, and the database read on the blocking executor, as
     * {@code @ExecuteOn(TaskExecutors.BLOCKING)} would send it.
     */
    @Get(uri = "/status", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "getTaskStatus", summary = "A task's status",
            description = "The provider's status shape. `task_status` is Pending, Running, Success or Failure;"
                    + " `urls` point at the gateway's own copy of the video once stored (until then, for a"
                    + " Success, at the provider's short-lived URL).")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ProviderWire.StatusResponse.class)))
    @ApiResponse(responseCode = "400", description = "task_id missing", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RestWire.ErrorResponse.class)))
    @ApiResponse(responseCode = "404", description = "No such task for this key", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RestWire.ErrorResponse.class)))
    @ApiResponse(responseCode = "503", description = "The task database cannot be used now; try again after"
            + " Retry-After seconds", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RestWire.ErrorResponse.class)))
    CompletableFuture<HttpResponse<?>> status(HttpRequest<?> request,
            @Parameter(description = "the task id from submit") @Nullable @QueryValue("task_id") String taskId) {
        String requestId = GatewayFilter.requestId(request);
        if (taskId == null || taskId.isBlank()) {
            return CompletableFuture.completedFuture(ApiError.badRequest(Sentence.of("api.task_id.required"))
                    .response(request));
        }
        Optional<TaskId> id = parse(taskId);
        if (id.isEmpty()) {
            return CompletableFuture.completedFuture(notFound(taskId).response(request));
        }
        String owner = owner(request);
        return CompletableFuture.supplyAsync(() -> {
            Optional<TaskStatusView> task = get.status(owner, id.get());
            return task.isPresent() ? statusAnswer(request, task.get(), requestId) : notFound(taskId).response(request);
        }, blocking);
    }

    HttpResponse<?> statusAnswer(HttpRequest<?> request, TaskStatusView task, String requestId) {
        metrics.statusRead(task.status().providerView());
        // Only the gateway's own copy of the video is addressed by this server's URL; most polls are of running tasks.
        String base = task.videoKept() ? PublicUrl.of(request, settings.publicUrl()) : null;
        return statusBodies.answer(task, base, requestId);
    }

    static Optional<TaskId> parse(String taskId) {
        try {
            return Optional.of(new TaskId(taskId.strip()));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    static ApiError notFound(String taskId) {
        return ApiError.notFound(Sentence.of("api.task.not_found", "task", SubmitBodyReader.abbreviate(taskId)));
    }

    static String owner(HttpRequest<?> request) {
        return request.getAttribute(GatewayFilter.OWNER, String.class)
                .orElseThrow(() -> new IllegalStateException("no owner: the gateway filter did not run"));
    }

    static boolean validIdempotencyKey(String key) {
        if (key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
