package com.vidugateway.adapter.rest;

import com.vidugateway.application.port.out.ImageBlobs;
import com.vidugateway.application.port.out.Storage;
import com.vidugateway.application.port.out.VideoTasks;
import com.vidugateway.domain.text.Messages;
import com.vidugateway.domain.text.Sentence;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error the framework answers by itself (no such route, wrong method, unsupported content type, a body
 * over the limit, an unexpected failure) in the provider's error shape, as JSON — never an HTML page, even
 * for a browser. A 5xx never carries an exception's text: it says where to look (the log, by request id). A task
 * store that cannot be used now ({@link VideoTasks.Unavailable}, {@link Storage.Unavailable}, on any endpoint) is a 503
 * with {@code Retry-After}, not a failure of the gateway.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
final class ProviderErrorResponseProcessor implements ErrorResponseProcessor<RestWire.ErrorResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderErrorResponseProcessor.class);

    private final RestSettings settings;

    ProviderErrorResponseProcessor(RestSettings settings) {
        this.settings = settings;
    }

    @Override
    public MutableHttpResponse<RestWire.ErrorResponse> processResponse(ErrorContext context, MutableHttpResponse<?> base) {
        HttpRequest<?> request = context.getRequest();
        String requestId = GatewayFilter.requestId(request);
        int status = base.code();
        ApiError error;
        if (status == 413 || context.getRootCause().filter(ContentLengthExceededException.class::isInstance).isPresent()) {
            error = ApiError.tooLarge(settings.maxRequestSize());
        } else if (context.getRootCause().filter(OutOfMemoryError.class::isInstance).isPresent()) {
            LOG.warn("request {} {} (id {}) ran out of memory; answered 503", request.getMethodName(), request.getPath(),
                    requestId);
            error = ApiError.outOfMemory();
            base.status(HttpStatus.SERVICE_UNAVAILABLE);
        } else if (context.getRootCause().flatMap(ProviderErrorResponseProcessor::storeUnavailable).isPresent()) {
            // Expected while the database is away: one line, no stack trace, and the client is told when to retry.
            LOG.warn("request {} {} (id {}): the task store is unavailable ({}); answered 503", request.getMethodName(),
                    request.getPath(), requestId, context.getRootCause().flatMap(
                            ProviderErrorResponseProcessor::storeUnavailable).map(Throwable::getMessage).orElse(""));
            error = ApiError.storeUnavailable();
            base.status(HttpStatus.SERVICE_UNAVAILABLE);
        } else if (context.getRootCause().filter(Storage.Unavailable::causedBy).isPresent()) {
            // The endpoints answer an image or video storage outage themselves; this is for any other way it escapes.
            LOG.warn("request {} {} (id {}): the storage is unavailable; answered 503", request.getMethodName(),
                    request.getPath(), requestId);
            error = ApiError.storageUnavailable();
            base.status(HttpStatus.SERVICE_UNAVAILABLE);
        } else if (context.getRootCause().filter(ImageBlobs.StorageFull::causedBy).isPresent()) {
            // Short inline images are kept by the submit itself (long ones fail earlier, in SubmitBodies).
            LOG.warn("request {} {} (id {}): the image store is full; answered 507", request.getMethodName(),
                    request.getPath(), requestId);
            error = ApiError.storageFailed(Sentence.of("api.storage_failed.full"), true);
            base.status(507);
        } else if (status >= 500) {
            context.getRootCause().ifPresent(cause -> LOG.error("request {} {} (id {}) failed", request.getMethodName(),
                    request.getPath(), requestId, cause));
            error = ApiError.internal(requestId);
        } else {
            error = ApiError.forStatus(status, message(status, context, request));
        }
        @SuppressWarnings("unchecked")
        MutableHttpResponse<RestWire.ErrorResponse> response = (MutableHttpResponse<RestWire.ErrorResponse>) base;
        Messages messages = ClientLanguage.of(request);
        return error.retryAfter(response).contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CONTENT_LANGUAGE, messages.language().tag())
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE)
                .body(error.body(requestId, messages));
    }

    /** The task store's "cannot be used now" in {@code failure} or what caused it, however it was wrapped. */
    static Optional<VideoTasks.Unavailable> storeUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof VideoTasks.Unavailable unavailable) {
                return Optional.of(unavailable);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.empty();
    }

    /** The framework's own words (its errors' messages) are shown as they are, inside the gateway's sentence. */
    private static Sentence message(int status, ErrorContext context, HttpRequest<?> request) {
        String route = request.getMethodName() + " " + request.getPath();
        return switch (status) {
            case 404 -> Sentence.of("api.no_endpoint", "route", route);
            case 405 -> Sentence.of("api.method_not_allowed", "method", request.getMethodName(), "path", request.getPath(),
                    "detail", detail(context));
            case 415 -> Sentence.of("api.unsupported_content_type", "detail", detail(context));
            default -> Sentence.of("api.not_handled", "what", context.hasErrors()
                    ? context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "))
                    : Sentence.of("api.not_handled.unknown"), "route", route);
        };
    }

    private static String detail(ErrorContext context) {
        return context.hasErrors() ? ": " + context.getErrors().stream().map(Error::getMessage)
                .collect(Collectors.joining("; ")) : "";
    }
}
