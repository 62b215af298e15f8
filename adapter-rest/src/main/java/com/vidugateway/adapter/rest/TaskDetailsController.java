package com.vidugateway.adapter.rest;

import com.vidugateway.application.port.in.GetVideoTask;
import com.vidugateway.application.port.in.ReadTaskImage;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.VideoTask;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /v1/tasks/{id}} (one task with its parameters, history and images) and its images' bytes. */
@Controller("/v1/tasks")
@Tag(name = "Gateway extensions")
@SecurityRequirement(name = "apiKey")
final class TaskDetailsController {

    /** The POST-only paths beside {@code /v1/tasks/{id}}: a GET on them is a wrong method, not a task id. */
    private static final Set<String> POST_ONLY = Set.of("submit", "validate");
    private static final String IMAGE_TYPES = "image/png, image/jpeg or image/webp";
    /** What a 503 asks a client to wait, as the gateway's other 503s do. */
    private static final int RETRY_AFTER_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(TaskDetailsController.class);

    private final GetVideoTask get;
    private final ReadTaskImage images;
    private final RestSettings settings;

    TaskDetailsController(GetVideoTask get, ReadTaskImage images, RestSettings settings) {
        this.get = get;
        this.images = images;
        this.settings = settings;
    }

    @Get(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(operationId = "getTask", summary = "One task in full", description = "The task as the list shows it"
            + " (`GET /v1/tasks`), and its `parameters` (the checked request, every default filled in), its `history`"
            + " (every status it entered and when, oldest first, with the reason where there is one) and its"
            + " `reference_images` (field path, format, size, and where to fetch each).")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RestWire.TaskDetails.class)))
    @ApiResponse(responseCode = "404", description = "No such task for this key", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RestWire.ErrorResponse.class)))
    @ApiResponse(responseCode = "503", description = "The task database cannot be used now; try again after"
            + " Retry-After seconds", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RestWire.ErrorResponse.class)))
    HttpResponse<?> task(HttpRequest<?> request, @Parameter(description = "the task id from submit") @PathVariable String id) {
        String requestId = GatewayFilter.requestId(request);
        if (POST_ONLY.contains(id)) {
            return error(405, "method_not_allowed", "the method GET is not allowed on " + request.getPath()
                    + "; use POST", requestId).header(HttpHeaders.ALLOW, HttpMethod.POST.name());
        }
        Optional<VideoTask> task = ProviderTasksController.parse(id)
                .flatMap(taskId -> get.get(ProviderTasksController.owner(request), taskId, false));
        if (task.isEmpty()) {
            return noSuchTask(id, requestId);
        }
        return HttpResponse.ok(TaskViews.details(task.get(), PublicUrl.of(request, settings.publicUrl()), requestId));
    }

    @Get(uri = "/{id}/images/{n}", produces = {"image/png", "image/jpeg", "image/webp", MediaType.APPLICATION_JSON})
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(operationId = "getTaskImage", summary = "A task's reference image", description = "The n-th reference"
            + " image of the task (from 0, in the order of the task's `reference_images`), from the gateway's own store, with its"
            + " content type (" + IMAGE_TYPES + "). An image the client gave by URL has no gateway copy (404; the"
            + " task's `images` has the URL); one removed by the image retention (VIDU_KEEP_IMAGES) answers 410.")
    @ApiResponse(responseCode = "200", description = "The image file", content = {
            @Content(mediaType = "image/png"), @Content(mediaType = "image/jpeg"), @Content(mediaType = "image/webp")})
    @ApiResponse(responseCode = "404", description = "No such task for this key, no such image, or an image given by"
            + " URL (error code image_not_stored)", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RestWire.ErrorResponse.class)))
    @ApiResponse(responseCode = "410", description = "The image was removed by the image retention (VIDU_KEEP_IMAGES)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RestWire.ErrorResponse.class)))
    @ApiResponse(responseCode = "503", description = "The task database or the image store cannot be used now; try"
            + " again after Retry-After seconds", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RestWire.ErrorResponse.class)))
    HttpResponse<?> image(HttpRequest<?> request, @PathVariable String id,
                          @Parameter(description = "the image's number, from 0") @PathVariable String n) {
        String requestId = GatewayFilter.requestId(request);
        Optional<TaskId> taskId = ProviderTasksController.parse(id);
        if (taskId.isEmpty()) {
            return noSuchTask(id, requestId);
        }
        int index;
        try {
            index = Integer.parseInt(n);
        } catch (NumberFormatException notANumber) {
            index = -1;
        }
        ReadTaskImage.Result result;
        try {
            result = images.read(ProviderTasksController.owner(request), taskId.get(), index);
        } catch (UncheckedIOException storage) {
            return imageStorageUnavailable(requestId, storage.getCause());
        }
        if (result instanceof ReadTaskImage.NotFound) {
            return noSuchTask(id, requestId);
        }
        if (result instanceof ReadTaskImage.NoSuchImage none) {
            int count = none.task().request().imageCount();
            return error(404, "image_not_found", "task '" + id + "' has no image '" + SubmitBodyReader.abbreviate(n)
                    + "'; its " + count + " image" + (count == 1 ? " is" : "s are") + " numbered from 0"
                    + (count > 1 ? " to " + (count - 1) : ""), requestId);
        }
        if (result instanceof ReadTaskImage.GivenByUrl url) {
            return error(404, "image_not_stored", field(url.task(), url.index()) + " was given by URL, so the gateway holds"
                    + " no copy of it: " + url.image().url(), requestId);
        }
        if (result instanceof ReadTaskImage.Removed removed) {
            return error(410, "image_removed", field(removed.task(), removed.index()) + ": " + removed.why(), requestId);
        }
        ReadTaskImage.Found found = (ReadTaskImage.Found) result;
        MediaType type = MediaType.of("image/" + found.image().format().mediaSubtype());
        MutableHttpResponse<Object> response = HttpResponse.ok()
                .contentType(type)
                .header(HttpHeaders.ETAG, "\"" + found.image().blob().sha256() + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-cache")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", "inline; filename=\"" + taskId.get().value() + "-" + found.index() + "."
                        + found.image().format().mediaSubtype() + "\"");
        long length = found.image().decodedBytes();
        if (request.getMethod() == HttpMethod.HEAD) {
            close(found);
            return response.contentLength(length);
        }
        return response.body(new StreamedFile(found.bytes(), type, found.task().acceptedAt().toEpochMilli(), length));
    }

    private static String field(VideoTask task, int index) {
        return TaskViews.imageFields(task.request()).get(index);
    }

    private static void close(ReadTaskImage.Found found) {
        try {
            found.bytes().close();
        } catch (IOException ignored) {
            // nothing was read from it
        }
    }

    private static HttpResponse<?> imageStorageUnavailable(String requestId, Throwable failure) {
        LOG.warn("image (request {}): the image store could not be read: {}", requestId, String.valueOf(failure));
        return error(503, "service_unavailable", "the gateway's image store cannot be read right now; try again in "
                + RETRY_AFTER_SECONDS + " s", requestId).header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
    }

    private static MutableHttpResponse<RestWire.ErrorResponse> noSuchTask(String id, String requestId) {
        return error(404, "not_found", "there is no task '" + SubmitBodyReader.abbreviate(id) + "' for this API key",
                requestId);
    }

    /**
     * An answer in the provider's error shape, in English. Built here rather than with {@code ApiError}, whose
     * interface is being reworked (messages from the catalogue, in the client's language): these answers move to it
     * once that has settled.
     */
    private static MutableHttpResponse<RestWire.ErrorResponse> error(int status, String code, String message,
                                                                     String requestId) {
        String type = status >= 500 ? "internal_error" : "invalid_request_error";
        return HttpResponse.<RestWire.ErrorResponse>status(HttpStatus.valueOf(status))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CONTENT_LANGUAGE, "en")
                .body(new RestWire.ErrorResponse(new RestWire.ErrorDetail(message, type, code, requestId), null));
    }
}
