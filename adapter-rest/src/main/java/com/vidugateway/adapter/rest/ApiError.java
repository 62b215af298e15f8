package com.vidugateway.adapter.rest;

import com.vidugateway.application.port.out.ProviderFailure;
import com.vidugateway.domain.validation.Violation;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An answer in the provider's error shape ({@code {"error":{"message","type","code","param"}}}, see
 * {@code shared/provider/modelverse-error-codes.zh.md}) with its HTTP status; {@code param} is the request id.
 */
record ApiError(int status, String type, String code, String message, List<Violation> violations) {

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
        Objects.requireNonNull(message, "message");
        violations = violations == null ? null : List.copyOf(violations);
    }

    ApiError(int status, String type, String code, String message) {
        this(status, type, code, message, null);
    }

    /** 400 param_error listing every broken rule, in the message and in {@code violations}. */
    static ApiError invalid(List<Violation> violations) {
        String listed = violations.stream().limit(LISTED_IN_MESSAGE).map(Violation::toString)
                .collect(Collectors.joining("; "));
        int more = violations.size() - LISTED_IN_MESSAGE;
        String message = "Invalid param: " + (violations.size() == 1 ? "1 problem: " : violations.size() + " problems: ")
                + listed + (more > 0 ? "; and " + more + " more (see violations)" : "");
        return new ApiError(400, INVALID_REQUEST, "param_error", message, violations);
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, INVALID_REQUEST, "param_error", message);
    }

    static ApiError unauthorized(String message) {
        return new ApiError(401, INVALID_REQUEST, "auth_error", message);
    }

    static ApiError forbidden(String message) {
        return new ApiError(403, "permission_error", "forbidden", message);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, INVALID_REQUEST, "not_found", message);
    }

    static ApiError conflict(String code, String message) {
        return new ApiError(409, INVALID_REQUEST, code, message);
    }

    /** 410: it was there and is gone for good (retention removed it). */
    static ApiError gone(String code, String message) {
        return new ApiError(410, INVALID_REQUEST, code, message);
    }

    static ApiError tooLarge(long limit) {
        return new ApiError(413, INVALID_REQUEST, "request_too_large", "the request body is larger than the limit of "
                + Sizes.human(limit) + " (" + limit + " bytes, VIDU_MAX_REQUEST_SIZE); 7 images of 50 MiB fit in"
                + " about 467 MiB as base64, or pass images as http(s) URLs");
    }

    static ApiError unsupportedMediaType(String message) {
        return new ApiError(415, INVALID_REQUEST, "unsupported_media_type", message);
    }

    static ApiError rangeNotSatisfiable(String message) {
        return new ApiError(416, INVALID_REQUEST, "range_not_satisfiable", message);
    }

    static ApiError internal(String requestId) {
        return new ApiError(500, "internal_error", "internal_error", "Internal Server Error: the gateway failed to"
                + " answer this request (request id " + requestId + "); the details are in its log");
    }

    /** The heap ran short while the request was handled; a retry with the same key is safe. */
    static ApiError outOfMemory() {
        return unavailable("the gateway ran short of memory while handling this request; send it again in "
                + RETRY_AFTER_SECONDS + " s, with the same Idempotency-Key"
                + " so that it can never make a second task");
    }

    /** 503: the gateway cannot serve the request now; its answer says when to try again ({@code Retry-After}). */
    static ApiError unavailable(String message) {
        return new ApiError(503, "internal_error", "service_unavailable", message);
    }

    /**
     * The task store cannot be used now (the database does not answer, or has no free connection). What the request
     * did before it failed is not known here, so the answer promises nothing about it; resending is safe.
     */
    static ApiError storeUnavailable() {
        return unavailable("the gateway's task database cannot be used right now; send the request again in "
                + RETRY_AFTER_SECONDS + " s (a submit sent again with the same Idempotency-Key never makes a second"
                + " task)");
    }

    /** The storage of images and videos cannot be used now (its object store does not answer, or fails). */
    static ApiError storageUnavailable() {
        return unavailable("the gateway's storage of images and videos cannot be used right now; send the request"
                + " again in " + RETRY_AFTER_SECONDS + " s");
    }

    /** The stored videos cannot be read now (their disk or object store does not answer). */
    static ApiError videoStorageUnavailable() {
        return unavailable("the gateway's video storage cannot be read right now; try again in " + RETRY_AFTER_SECONDS
                + " s");
    }

    /**
     * An inline image could not be staged in the blob store: 507 when the store is out of space, else 503. The
     * request is not the problem; nothing was stored or sent.
     */
    static ApiError storageFailed(String reason, boolean noSpace) {
        String message = "the gateway could not store an inline image (" + reason + "); nothing was stored or sent,"
                + " send the request again later";
        return noSpace ? new ApiError(507, "internal_error", "insufficient_storage", message)
                : unavailable(message);
    }

    /** The provider refused a submit: its status, type and code, with its message. */
    static ApiError refused(ProviderFailure.Rejected refusal) {
        String reason = refusal.getMessage() == null || refusal.getMessage().isBlank() ? "no reason given"
                : refusal.getMessage();
        String code = refusal.code().isBlank() ? null : refusal.code();
        return switch (refusal.reason()) {
            case SENSITIVE_CONTENT -> new ApiError(400, INVALID_REQUEST, code == null ? "sensitive_check_error" : code,
                    "the provider's content check refused the request: " + reason);
            case NO_MODEL_PERMISSION -> new ApiError(400, INVALID_REQUEST, "model_error",
                    "the provider refused the model: " + reason);
            case AUTHENTICATION -> new ApiError(401, INVALID_REQUEST, "auth_error",
                    "the provider refused the gateway's own provider credentials (not your client key): " + reason);
            case FORBIDDEN -> new ApiError(403, "permission_error", "forbidden",
                    "the provider refused the request (spending limit or IP allow-list): " + reason);
            case BAD_PARAMETER, NOT_FOUND -> new ApiError(400, INVALID_REQUEST, code == null ? "param_error" : code,
                    "the provider refused the request: " + reason);
        };
    }

    /** An error the framework raised (no route, wrong method, too large…), in the same shape. */
    static ApiError forStatus(int status, String message) {
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

    RestWire.ErrorResponse body(String requestId) {
        return new RestWire.ErrorResponse(new RestWire.ErrorDetail(message, type, code, requestId),
                violations == null ? null : listed(violations));
    }

    /** The violations as an answer lists them: the first {@value #VIOLATIONS_LISTED}, then how many more. */
    static List<RestWire.ViolationJson> listed(List<Violation> violations) {
        List<RestWire.ViolationJson> listed = new java.util.ArrayList<>();
        for (Violation violation : violations.subList(0, Math.min(violations.size(), VIOLATIONS_LISTED))) {
            listed.add(new RestWire.ViolationJson(violation.field(), violation.message()));
        }
        int more = violations.size() - VIOLATIONS_LISTED;
        if (more > 0) {
            listed.add(new RestWire.ViolationJson(MORE_FIELD, "and " + more + " more violation" + (more == 1 ? "" : "s")
                    + ", not listed; correct the ones above and send the request again"));
        }
        return listed;
    }

    /** The answer: this error's status and body; a 503 also says when to try again ({@code Retry-After}). */
    MutableHttpResponse<RestWire.ErrorResponse> response(String requestId) {
        MutableHttpResponse<RestWire.ErrorResponse> response = HttpResponse.<RestWire.ErrorResponse>status(
                        HttpStatus.valueOf(status))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(body(requestId));
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
