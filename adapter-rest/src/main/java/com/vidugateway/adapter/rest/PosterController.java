package com.vidugateway.adapter.rest;

import com.vidugateway.application.port.in.ReadTaskPoster;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/tasks/{id}/poster}: a JPEG of the first frame of the gateway's stored video, made on the first
 * request and kept beside the video. Owner-scoped, and answering "not yet", "removed" and "unknown" as the video does.
 */
@Controller("/v1/tasks")
@Tag(name = "Gateway extensions", description = "What the provider does not offer")
@SecurityRequirement(name = "apiKey")
final class PosterController {

    static final String IMAGE_JPEG = "image/jpeg";
    /** A poster never changes while its video is kept; it is the client's own, so only its own cache keeps it. */
    static final String CACHE_CONTROL = "private, max-age=86400";
    private static final Logger LOG = LoggerFactory.getLogger(PosterController.class);

    private final ReadTaskPoster posters;

    PosterController(ReadTaskPoster posters) {
        this.posters = posters;
    }

    // MediaType.ALL too, as the video's route: an <img> asks with Accept: image/avif,image/webp,*/*.
    @Get(uri = "/{id}/poster", produces = {IMAGE_JPEG, MediaType.APPLICATION_JSON, MediaType.ALL})
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(operationId = "getTaskPoster", summary = "A poster of the task's video",
            description = "A JPEG of the first frame of the stored video, the video's size; made on the first request and"
                    + " kept beside the video (removed with it). `If-None-Match` with the ETag answers 304.")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = IMAGE_JPEG))
    @ApiResponse(responseCode = "304", description = "The poster the client has (If-None-Match)")
    @ApiResponse(responseCode = "404", description = "No such task for this key", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RestWire.ErrorResponse.class)))
    @ApiResponse(responseCode = "409", description = "No stored video (yet): the message says why", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RestWire.ErrorResponse.class)))
    @ApiResponse(responseCode = "410", description = "The stored video was removed by the video retention"
            + " (VIDU_KEEP_VIDEOS)", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RestWire.ErrorResponse.class)))
    @ApiResponse(responseCode = "422", description = "The stored video cannot be decoded, so it has no poster (code"
            + " video_undecodable); asking again gives the same answer", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RestWire.ErrorResponse.class)))
    @ApiResponse(responseCode = "503", description = "The task database or the video storage cannot be used now;"
            + " try again after Retry-After seconds", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RestWire.ErrorResponse.class)))
    HttpResponse<?> poster(HttpRequest<?> request, @PathVariable String id,
                           @Nullable @Header("If-None-Match") String ifNoneMatch) {
        Optional<TaskId> taskId = ProviderTasksController.parse(id);
        if (taskId.isEmpty()) {
            return ProviderTasksController.notFound(id).response(request);
        }
        ReadTaskPoster.Result result;
        try {
            result = posters.read(ProviderTasksController.owner(request), taskId.get());
        } catch (UncheckedIOException storage) {
            LOG.warn("poster (request {}): the video storage could not be used: {}", GatewayFilter.requestId(request),
                    String.valueOf(storage.getCause()));
            return ApiError.videoStorageUnavailable().response(request);
        }
        if (result instanceof ReadTaskPoster.NotFound) {
            return ProviderTasksController.notFound(id).response(request);
        }
        if (result instanceof ReadTaskPoster.NotReady notReady) {
            VideoTask task = notReady.task();
            if (task.video() != null && task.video().removedAt() != null) {
                return ApiError.gone("video_removed", notReady.reason()).response(request);
            }
            MutableHttpResponse<?> response = ApiError.conflict("video_not_ready", notReady.reason()).response(request);
            if (!task.isTerminal() || task.video() == null && task.status() == TaskStatus.SUCCESS) {
                response.header(HttpHeaders.RETRY_AFTER, "5");
            }
            return response;
        }
        if (result instanceof ReadTaskPoster.Undecodable undecodable) {
            LOG.info("poster (request {}): task {} has no poster: {}", GatewayFilter.requestId(request), id,
                    undecodable.reason().english());
            return new ApiError(422, ApiError.INVALID_REQUEST, "video_undecodable", undecodable.reason())
                    .response(request);
        }
        byte[] jpeg = ((ReadTaskPoster.Found) result).jpeg();
        String etag = "\"" + digest(jpeg) + "\"";
        if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
            return HttpResponse.status(HttpStatus.NOT_MODIFIED).header(HttpHeaders.ETAG, etag)
                    .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
        }
        return HttpResponse.ok(jpeg)
                .contentType(IMAGE_JPEG)
                .header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                .header("Content-Disposition", "inline; filename=\"" + taskId.get().value() + ".jpg\"");
    }

    /** Whether an If-None-Match list names {@code etag} (or is {@code *}); a weak one matches too. */
    private static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }
}
