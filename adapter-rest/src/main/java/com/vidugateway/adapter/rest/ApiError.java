package com.vidugateway.adapter.rest;

import com.vidugateway.application.port.out.ProviderFailure;
import com.vidugateway.domain.text.Messages;
import com.vidugateway.domain.text.Sentence;
import com.vidugateway.domain.validation.Violation;
import com.vidugateway.wire.ProviderWire;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import com.vidugateway.domain.client.ClientQuota;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An answer in the provider's error shape ({@code {"error":{"message","type","code","param"}}}, see
 * {@code shared/provider/modelverse-error-codes.zh.md}) with its HTTP status; {@code param} is the request id.
 */
record ApiError(int status, String type, String code, Sentence text, List<Violation> violations) {

    static final String INVALID_REQUEST = "invalid_request_error";
    /** What a 503 asks a client to wait before it sends the request again. */
    static final int RETRY_AFTER_SECONDS = 10;
    private static final int LISTED_IN_MESSAGE = 5;
    /**
     * The most violations an answer lists; a body can break rules without end (thousands of unknown fields), the
     * answer stays small. Past it one last item says how many were left out, so that the array keeps its shape.
     */
    static final int VIOLATIONS_LISTED = 20;
    /** The field of that last item: not a path in any request. */
    static final String MORE_FIELD = "(more)";

    ApiError {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(text, "text");
        violations = violations == null ? null : List.copyOf(violations);
    }

    ApiError(int status, String type, String code, Sentence text) {
        this(status, type, code, text, null);
    }

    /** The message in English (what the log and the tests read). */
    String message() {
        return message(Messages.english());
    }

    /**
     * The message in the client's language. An invalid request's message keeps the provider's own English prefix
     * "Invalid param: " in every language, as the provider's (Chinese) error table itself does: it is the provider's
     * {@code param_error} message, which its clients may match on; what follows it is translated.
     */
    String message(Messages messages) {
        if (violations == null) {
            return text.in(messages);
        }
        String listed = violations.stream().limit(LISTED_IN_MESSAGE)
                .map(violation -> violation.field() + ": " + violation.message(messages))
                .collect(Collectors.joining("; "));
        int more = violations.size() - LISTED_IN_MESSAGE;
        return "Invalid param: " + (violations.size() == 1
                ? messages.text("api.invalid.one", "listed", listed)
                : messages.text("api.invalid.many", "count", violations.size(), "listed", listed))
                + (more > 0 ? messages.text("api.invalid.more", "more", more) : "");
    }

    /** 400 param_error listing every broken rule, in the message and in {@code violations}. */
    static ApiError invalid(List<Violation> violations) {
        return new ApiError(400, INVALID_REQUEST, "param_error", Sentence.verbatim("Invalid param"), violations);
    }

    static ApiError badRequest(Sentence message) {
        return new ApiError(400, INVALID_REQUEST, "param_error", message);
    }

    static ApiError unauthorized(Sentence message) {
        return new ApiError(401, INVALID_REQUEST, "auth_error", message);
    }

    static ApiError forbidden(Sentence message) {
        return new ApiError(403, "permission_error", "forbidden", message);
    }

    static ApiError notFound(Sentence message) {
        return new ApiError(404, INVALID_REQUEST, "not_found", message);
    }

    static ApiError conflict(String code, Sentence message) {
        return new ApiError(409, INVALID_REQUEST, code, message);
    }

    /** 410: it was there and is gone for good (retention removed it). */
    static ApiError gone(String code, Sentence message) {
        return new ApiError(410, INVALID_REQUEST, code, message);
    }

    static ApiError tooLarge(long limit) {
        return new ApiError(413, INVALID_REQUEST, "request_too_large", Sentence.of("api.too_large",
                "size", Sizes.human(limit), "bytes", limit));
    }

    static ApiError unsupportedMediaType(Sentence message) {
        return new ApiError(415, INVALID_REQUEST, "unsupported_media_type", message);
    }

    static ApiError rangeNotSatisfiable(Sentence message) {
        return new ApiError(416, INVALID_REQUEST, "range_not_satisfiable", message);
    }

    static ApiError internal(String requestId) {
        // "Internal Server Error" is the provider's own message for internal_error: kept in every language.
        return new ApiError(500, "internal_error", "internal_error", Sentence.of("api.internal", "request", requestId));
    }

    /** The heap ran short while the request was handled; a retry with the same key is safe. */
    static ApiError outOfMemory() {
        return unavailable(Sentence.of("api.unavailable.memory", "seconds", RETRY_AFTER_SECONDS));
    }

    /** 503: the gateway cannot serve the request now; its answer says when to try again ({@code Retry-After}). */
    static ApiError unavailable(Sentence message) {
        return new ApiError(503, "internal_error", "service_unavailable", message);
    }

    /**
     * The task store cannot be used now (the database does not answer, or has no free connection). What the request
     * did before it failed is not known here, so the answer promises nothing about it; resending is safe.
     */
    static ApiError storeUnavailable() {
        return unavailable(Sentence.of("api.unavailable.store", "seconds", RETRY_AFTER_SECONDS));
    }

    /** The storage of images and videos cannot be used now (its object store does not answer, or fails). */
    static ApiError storageUnavailable() {
        return unavailable(Sentence.of("api.unavailable.storage", "seconds", RETRY_AFTER_SECONDS));
    }

    /** The stored videos cannot be read now (their disk or object store does not answer). */
    static ApiError videoStorageUnavailable() {
        return unavailable(Sentence.of("api.unavailable.video_storage", "seconds", RETRY_AFTER_SECONDS));
    }

    /**
     * An inline image could not be staged in the blob store: 507 when the store is out of space, else 503. The
     * request is not the problem; nothing was stored or sent.
     */
    static ApiError storageFailed(Sentence reason, boolean noSpace) {
        Sentence message = Sentence.of("api.storage_failed", "reason", reason);
        return noSpace ? new ApiError(507, "internal_error", "insufficient_storage", message)
                : unavailable(message);
    }

    /** Like {@link #storageFailed(Sentence, boolean)}, the store's own reason shown as it is. */
    static ApiError storageFailed(String reason, boolean noSpace) {
        return storageFailed(Sentence.verbatim(reason), noSpace);
    }

    /** The provider refused a submit: its status, type and code, with its message (as the provider wrote it). */
    static ApiError refused(ProviderFailure.Rejected refusal) {
        Object reason = refusal.getMessage() == null || refusal.getMessage().isBlank() ? Sentence.of("api.refused.no_reason")
                : refusal.getMessage();
        String code = refusal.code().isBlank() ? null : refusal.code();
        return switch (refusal.reason()) {
            case SENSITIVE_CONTENT -> new ApiError(400, INVALID_REQUEST, code == null ? "sensitive_check_error" : code,
                    Sentence.of("api.refused.sensitive", "reason", reason));
            case NO_MODEL_PERMISSION -> new ApiError(400, INVALID_REQUEST, "model_error",
                    Sentence.of("api.refused.model", "reason", reason));
            case AUTHENTICATION -> new ApiError(401, INVALID_REQUEST, "auth_error",
                    Sentence.of("api.refused.authentication", "reason", reason));
            case FORBIDDEN -> new ApiError(403, "permission_error", "forbidden",
                    Sentence.of("api.refused.forbidden", "reason", reason));
            case BAD_PARAMETER, NOT_FOUND -> new ApiError(400, INVALID_REQUEST, code == null ? "param_error" : code,
                    Sentence.of("api.refused.request", "reason", reason));
        };
    }

    /**
     * 429: a limit of the caller's refuses the task (its budget, its tasks running at once, its storage); the code says
     * which ({@link ClientQuota.Limit#code}: {@code insufficient_quota} is OpenAI's), the message gives the figures.
     */
    static ApiError overLimit(ClientQuota.Refusal refusal) {
        String type = refusal.limit() == ClientQuota.Limit.BUDGET ? "insufficient_quota" : "rate_limit_error";
        return new ApiError(429, type, refusal.limit().code(), refusal.reason());
    }

    /** An error the framework raised (no route, wrong method, too large…), in the same shape. */
    static ApiError forStatus(int status, Sentence message) {
        return switch (status) {
            case 400 -> badRequest(message);
            case 401 -> unauthorized(message);
            case 403 -> forbidden(message);
            case 404 -> notFound(message);
            case 405 -> new ApiError(405, INVALID_REQUEST, "method_not_allowed", message);
            case 406 -> new ApiError(406, INVALID_REQUEST, "not_acceptable", message);
            case 408 -> new ApiError(408, "timeout", "timeout", message);
            case 409 -> conflict("conflict", message);
            case 410 -> gone("gone", message);
            case 413 -> new ApiError(413, INVALID_REQUEST, "request_too_large", message);
            case 415 -> unsupportedMediaType(message);
            case 416 -> rangeNotSatisfiable(message);
            case 429 -> new ApiError(429, "rate_limit_error", "rate_limit", message);
            case 503 -> unavailable(message);
            default -> status >= 500 ? new ApiError(status, "internal_error", "internal_error", message)
                    : new ApiError(status, INVALID_REQUEST, "invalid_request", message);
        };
    }

    RestWire.ErrorResponse body(String requestId, Messages messages) {
        return new RestWire.ErrorResponse(new ProviderWire.ErrorDetail(message(messages), type, code, requestId),
                violations == null ? null : listed(violations, messages));
    }

    /** The violations as an answer lists them: the first {@value #VIOLATIONS_LISTED}, then how many more. */
    static List<RestWire.ViolationJson> listed(List<Violation> violations, Messages messages) {
        List<RestWire.ViolationJson> listed = new java.util.ArrayList<>();
        for (Violation violation : violations.subList(0, Math.min(violations.size(), VIOLATIONS_LISTED))) {
            listed.add(new RestWire.ViolationJson(violation.field(), violation.message(messages)));
        }
        int more = violations.size() - VIOLATIONS_LISTED;
        if (more > 0) {
            listed.add(new RestWire.ViolationJson(MORE_FIELD, messages.text(more == 1 ? "api.violations.more.one"
                    : "api.violations.more.many", "more", more)));
        }
        return listed;
    }

    /**
     * The answer to {@code request}: this error's status and body in the client's language ({@link ClientLanguage}),
     * which {@code Content-Language} names; a 503 also says when to try again ({@code Retry-After}).
     */
    MutableHttpResponse<RestWire.ErrorResponse> response(HttpRequest<?> request) {
        return response(GatewayFilter.requestId(request), ClientLanguage.of(request));
    }

    MutableHttpResponse<RestWire.ErrorResponse> response(String requestId, Messages messages) {
        MutableHttpResponse<RestWire.ErrorResponse> response = HttpResponse.<RestWire.ErrorResponse>status(
                        HttpStatus.valueOf(status))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CONTENT_LANGUAGE, messages.language().tag())
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE)
                .body(body(requestId, messages));
        return retryAfter(response);
    }

    /**
     * Adds {@code Retry-After} to a 503 answer, and {@code Connection: close} to a 408 (the rest of a body that came
     * too slowly is not waited for: the connection ends with the answer); any other answer is left as it is.
     */
    <T extends MutableHttpResponse<?>> T retryAfter(T response) {
        if (status == 503) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
        }
        if (status == 408) {
            response.header(HttpHeaders.CONNECTION, "close");
        }
        return response;
    }
}
