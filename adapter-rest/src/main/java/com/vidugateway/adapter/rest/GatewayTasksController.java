package com.vidugateway.adapter.rest;

import com.vidugateway.application.port.in.ListVideoTasks;
import com.vidugateway.application.port.in.ManageClients;
import com.vidugateway.application.port.in.ReadTaskVideo;
import com.vidugateway.application.port.in.ValidateVideoRequest;
import com.vidugateway.application.port.out.VideoArchive;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import com.vidugateway.domain.text.Sentence;
import com.vidugateway.domain.validation.Violation;
import com.vidugateway.wire.WireRequests;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The gateway's extensions on tasks: listing, the stored video, and the dry run. */
@Controller("/v1/tasks")
@Tag(name = "Gateway extensions", description = "What the provider does not offer")
@SecurityRequirement(name = "apiKey")
final class GatewayTasksController {

    static final int DEFAULT_LIMIT = 20;
    static final String VIDEO_MP4 = "video/mp4";
    private static final Logger LOG = LoggerFactory.getLogger(GatewayTasksController.class);

    private final ListVideoTasks list;
    private final ReadTaskVideo video;
    private final ValidateVideoRequest validate;
    private final ManageClients clients;
    private final SubmitBodies bodies;
    private final RestSettings settings;

    GatewayTasksController(ListVideoTasks list, ReadTaskVideo video, ValidateVideoRequest validate, SubmitBodies bodies,
                           RestSettings settings, ManageClients clients) {
        this.list = list;
        this.video = video;
        this.validate = validate;
        this.clients = clients;
        this.bodies = bodies;
        this.settings = settings;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(operationId = "listTasks", summary = "List tasks", description = "The key's tasks, newest first, a page at a time.")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RestWire.TaskList.class)))
    @ApiResponse(responseCode = "400", description = "Unknown status, limit out of range, or a cursor this gateway did"
            + " not give out", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RestWire.ErrorResponse.class)))
    @ApiResponse(responseCode = "503", description = "The task database cannot be used now; try again after"
            + " Retry-After seconds", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RestWire.ErrorResponse.class)))
    HttpResponse<?> list(HttpRequest<?> request,
                         @Parameter(description = "only tasks in this status: Accepted, Submitting, OutcomeUnknown,"
                                 + " Pending, Running, Success or Failure") @Nullable @QueryValue String status,
                         @Parameter(description = "1–100, default 20") @Nullable @QueryValue String limit,
                         @Parameter(description = "next_cursor of the previous page") @Nullable @QueryValue String cursor) {
        String requestId = GatewayFilter.requestId(request);
        TaskStatus wanted = null;
        if (status != null && !status.isBlank()) {
            Optional<TaskStatus> parsed = TaskStatus.fromDisplayName(status.strip());
            if (parsed.isEmpty()) {
                return ApiError.badRequest(Sentence.of("api.list.status", "status", SubmitBodyReader.abbreviate(status),
                        "statuses", Arrays.stream(TaskStatus.values()).map(TaskStatus::displayName)
                        .collect(Collectors.joining(", ")))).response(request);
            }
            wanted = parsed.get();
        }
        int size = DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            try {
                size = Integer.parseInt(limit.strip());
            } catch (NumberFormatException notANumber) {
                size = -1;
            }
            if (size < 1 || size > ListVideoTasks.MAX_LIMIT) {
                return ApiError.badRequest(Sentence.of("api.list.limit", "max", ListVideoTasks.MAX_LIMIT,
                        "limit", SubmitBodyReader.abbreviate(limit))).response(request);
            }
        }
        ListVideoTasks.Page page;
        try {
            page = list.list(ProviderTasksController.owner(request), wanted, size, cursor);
        } catch (ListVideoTasks.BadPage badCursor) {
            return ApiError.badRequest(badCursor.reason()).response(request);
        }
        String base = PublicUrl.of(request, settings.publicUrl());
        return HttpResponse.ok(new RestWire.TaskList(page.tasks().stream().map(t -> TaskViews.summary(t, base)).toList(),
                page.nextCursor(), requestId));
    }

    @Post(uri = "/validate", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(operationId = "validateRequest", summary = "Dry run", description = "Checks a submit body exactly as submit would: the normalized request"
            + " with every default filled in and its cost and time estimate, or every violation (200 either way)."
            + " Nothing is stored or sent.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DocumentedRequests.SubmitRequest.class)))
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RestWire.ValidateResponse.class)))
    @ApiResponse(responseCode = "400", description = "Not JSON", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RestWire.ErrorResponse.class)))
    @ApiResponse(responseCode = "503", description = "The image store could not take an inline image; try again after"
            + " Retry-After seconds", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RestWire.ErrorResponse.class)))
    HttpResponse<?> validate(HttpRequest<?> request) {
        // Closed when the answer is made: a dry run keeps none of the images it staged.
        try (SubmitBodies.Outcome outcome = bodies.read(request)) {
            return validate(request, outcome);
        }
    }

    private HttpResponse<?> validate(HttpRequest<?> request, SubmitBodies.Outcome outcome) {
        String requestId = GatewayFilter.requestId(request);
        if (outcome instanceof SubmitBodies.Rejected rejected) {
            return rejected.error().response(request);
        }
        SubmitBodyReader.Reading reading = ((SubmitBodies.Read) outcome).reading();
        ValidateVideoRequest.Verdict verdict = validate.validate(reading.draft());
        List<Violation> violations = SubmitBodyReader.merge(reading.violations(), verdict.violations());
        if (!violations.isEmpty()) {
            return HttpResponse.ok(new RestWire.ValidateResponse(false, null, null, null, null,
                    ApiError.listed(violations, ClientLanguage.of(request)), requestId));
        }
        return HttpResponse.ok(new RestWire.ValidateResponse(true, WireRequests.preview(verdict.request()),
                TaskViews.images(verdict.request()), TaskViews.estimate(verdict.estimate()),
                limitsCheck(request, verdict), List.of(), requestId));
    }

    /** The caller's budget left and what a limit would say to this submit now: validate says what submit would. */
    private RestWire.LimitsCheckJson limitsCheck(HttpRequest<?> request, ValidateVideoRequest.Verdict verdict) {
        String owner = ProviderTasksController.owner(request);
        java.math.BigDecimal estimate = verdict.estimate().isKnown() ? verdict.estimate().costCny()
                : java.math.BigDecimal.ZERO;
        java.math.BigDecimal remaining = clients.accountOf(owner).remainingBudget()
                .map(java.math.BigDecimal::stripTrailingZeros).orElse(null);
        return new RestWire.LimitsCheckJson(remaining, clients.wouldRefuse(owner, estimate,
                verdict.request().inlineImageBytes()).map(refusal -> ApiError.overLimit(refusal)
                .body(GatewayFilter.requestId(request), ClientLanguage.of(request)).error()).orElse(null));
    }

    // MediaType.ALL too: Micronaut matches no wildcard subtype (Accept: video/* was 406), and the answer says its type.
    @Get(uri = "/{id}/video", produces = {VIDEO_MP4, MediaType.APPLICATION_JSON, MediaType.ALL})
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(operationId = "getTaskVideo", summary = "The task's video", description = "The MP4 from the gateway's own storage, streamed;"
            + " supports a single `Range` (206, 416), `If-Range` with the ETag; HEAD answers the same headers.")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = VIDEO_MP4))
    @ApiResponse(responseCode = "206", description = "The requested range", content = @Content(mediaType = VIDEO_MP4))
    @ApiResponse(responseCode = "404", description = "No such task for this key", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RestWire.ErrorResponse.class)))
    @ApiResponse(responseCode = "409", description = "No stored video (yet): the message says why", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RestWire.ErrorResponse.class)))
    @ApiResponse(responseCode = "410", description = "The stored video was removed by the video retention"
            + " (VIDU_KEEP_VIDEOS)", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RestWire.ErrorResponse.class)))
    @ApiResponse(responseCode = "416", description = "Range outside the video", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RestWire.ErrorResponse.class)))
    @ApiResponse(responseCode = "503", description = "The task database or the video storage cannot be used now;"
            + " try again after Retry-After seconds", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RestWire.ErrorResponse.class)))
    HttpResponse<?> video(HttpRequest<?> request, @PathVariable String id,
                          @Parameter(description = "bytes=first-last, bytes=first- or bytes=-suffix") @Nullable @Header("Range") String range,
                          @Nullable @Header("If-Range") String ifRange) {
        return videoResponse(request, id, range, ifRange);
    }

    private HttpResponse<?> videoResponse(HttpRequest<?> request, String id, String range, String ifRange) {
        Optional<TaskId> taskId = ProviderTasksController.parse(id);
        if (taskId.isEmpty()) {
            return ProviderTasksController.notFound(id).response(request);
        }
        ReadTaskVideo.Result result;
        try {
            result = video.read(ProviderTasksController.owner(request), taskId.get());
        } catch (UncheckedIOException storage) {
            // The archive could not tell whether it holds the video (its disk or bucket does not answer).
            return videoStorageUnavailable(request, storage.getCause());
        }
        if (result instanceof ReadTaskVideo.NotFound) {
            return ProviderTasksController.notFound(id).response(request);
        }
        if (result instanceof ReadTaskVideo.NotReady notReady) {
            if (notReady.task().video() != null && notReady.task().video().removedAt() != null) {
                // Gone for good, not "not yet": no Retry-After.
                return ApiError.gone("video_removed", notReady.reason()).response(request);
            }
            MutableHttpResponse<?> response = ApiError.conflict("video_not_ready", notReady.reason())
                    .response(request);
            if (!notReady.task().isTerminal() || notReady.task().video() == null && notReady.task().status() == TaskStatus.SUCCESS) {
                response.header(HttpHeaders.RETRY_AFTER, "5");
            }
            return response;
        }
        ReadTaskVideo.Found found = (ReadTaskVideo.Found) result;
        VideoTask task = found.task();
        VideoArchive.VideoContent content = found.content();
        long size = content.size();
        String etag = "\"" + task.video().sha256() + "\"";
        Instant storedAt = task.video().storedAt();
        String lastModified = DateTimeFormatter.RFC_1123_DATE_TIME.format(storedAt.atZone(ZoneOffset.UTC));
        VideoRange wanted = ifRange != null && !ifRange.strip().equals(etag) && !ifRange.strip().equals(lastModified)
                ? new VideoRange.Whole() : VideoRange.of(range, size);
        if (wanted instanceof VideoRange.Unsatisfiable) {
            return ApiError.rangeNotSatisfiable(Sentence.of("api.video.range", "range", SubmitBodyReader.abbreviate(range),
                    "size", size)).response(request)
                    .header(HttpHeaders.CONTENT_RANGE, "bytes */" + size)
                    .header(HttpHeaders.ACCEPT_RANGES, "bytes");
        }
        long first = 0;
        long length = size;
        MutableHttpResponse<Object> response = HttpResponse.status(HttpStatus.OK);
        if (wanted instanceof VideoRange.Part part) {
            first = part.first();
            length = part.length();
            response = HttpResponse.status(HttpStatus.PARTIAL_CONTENT);
            response.header(HttpHeaders.CONTENT_RANGE, "bytes " + part.first() + "-" + part.last() + "/" + size);
        }
        response.header(HttpHeaders.ACCEPT_RANGES, "bytes")
                .header(HttpHeaders.ETAG, etag)
                .header("Content-Disposition", "inline; filename=\"" + task.id().value() + ".mp4\"")
                .contentType(VIDEO_MP4);
        if (request.getMethod() == HttpMethod.HEAD) {
            // Micronaut answers HEAD with the GET route: the headers, and no stream opened for nothing.
            return response.header(HttpHeaders.LAST_MODIFIED, lastModified).contentLength(length);
        }
        InputStream stream;
        try {
            stream = content.open(first, length);
        } catch (IOException e) {
            return videoStorageUnavailable(request, e);
        }
        return response.body(new StreamedFile(stream, MediaType.of(VIDEO_MP4), storedAt.toEpochMilli(), length));
    }

    private static HttpResponse<?> videoStorageUnavailable(HttpRequest<?> request, Throwable failure) {
        LOG.warn("video (request {}): the video storage could not be read: {}", GatewayFilter.requestId(request),
                String.valueOf(failure));
        return ApiError.videoStorageUnavailable().response(request);
    }
}
