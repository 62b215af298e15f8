package com.vidugateway.adapter.rest;

import com.vidugateway.application.port.in.GetVideoTask;
import com.vidugateway.application.port.in.ReadTaskImage;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.VideoTask;
import com.vidugateway.domain.text.Sentence;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
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
            return ApiError.forStatus(405, Sentence.of("api.method_not_allowed", "method", "GET", "path", request.getPath(),
                    "detail", Sentence.of("api.use_post"))).response(request).header(HttpHeaders.ALLOW, HttpMethod.POST.name());
        }
        Optional<VideoTask> task = ProviderTasksController.parse(id)
                .flatMap(taskId -> get.get(ProviderTasksController.owner(request), taskId, false));
        if (task.isEmpty()) {
            return ProviderTasksController.notFound(id).response(request);
        }
        return HttpResponse.ok(TaskViews.details(task.get(), PublicUrl.of(request, settings.publicUrl()), requestId));
    }

    // MediaType.ALL too: Micronaut matches no wildcard subtype (Accept: image/* was 406), and the answer says its type.
    @Get(uri = "/{id}/images/{n}", produces = {"image/png", "image/jpeg", "image/webp", MediaType.APPLICATION_JSON,
            MediaType.ALL})
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
            return ProviderTasksController.notFound(id).response(request);
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
            LOG.warn("image (request {}): the image store could not be read: {}", requestId,
                    String.valueOf(storage.getCause()));
            return ApiError.storageUnavailable().response(request);
        }
        if (result instanceof ReadTaskImage.NotFound) {
            return ProviderTasksController.notFound(id).response(request);
        }
        if (result instanceof ReadTaskImage.NoSuchImage none) {
            int count = none.task().request().imageCount();
            return new ApiError(404, ApiError.INVALID_REQUEST, "image_not_found", count == 1
                    ? Sentence.of("api.image.not_found.one", "task", id, "n", SubmitBodyReader.abbreviate(n))
                    : Sentence.of("api.image.not_found", "task", id, "n", SubmitBodyReader.abbreviate(n), "count", count,
                            "last", count - 1)).response(request);
        }
        if (result instanceof ReadTaskImage.GivenByUrl url) {
            return new ApiError(404, ApiError.INVALID_REQUEST, "image_not_stored", Sentence.of("api.image.not_stored",
                    "field", field(url.task(), url.index()), "url", url.image().url())).response(request);
        }
        if (result instanceof ReadTaskImage.Removed removed) {
            return ApiError.gone("image_removed", Sentence.of("api.image.removed", "field",
                    field(removed.task(), removed.index()), "why", removed.reason())).response(request);
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
}
