package com.vidugateway.application.port.out;

import java.time.Duration;
import java.util.Objects;

/**
 * Why the provider did not do what was asked. The subtype tells the caller what it may do next; the
 * message is safe to show (it never holds the API key).
 */
public abstract sealed class ProviderFailure extends Exception {

    private ProviderFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** Why a 4xx refusal happened, in the provider's terms ({@code rules.md}, "Provider errors"). */
    public enum Reason {
        /** 400 param_error, tokens_too_long and other 400s: the request itself is wrong. */
        BAD_PARAMETER,
        /** 400 sensitive_check_error / invalid_messages: content moderation refused it. */
        SENSITIVE_CONTENT,
        /** 400 model_error: this key may not use the model. */
        NO_MODEL_PERMISSION,
        /** 401 auth_error: the API key is missing or wrong. */
        AUTHENTICATION,
        /** 403: spending limit, IP allow-list. */
        FORBIDDEN,
        /** 404 or an unknown task id. */
        NOT_FOUND
    }

    /** The provider refused (4xx). Resending the same request cannot help; nothing was charged. */
    public static final class Rejected extends ProviderFailure {
        private final Reason reason;
        private final int httpStatus;
        private final String code;

        public Rejected(Reason reason, int httpStatus, String code, String message) {
            super(message, null);
            this.reason = Objects.requireNonNull(reason, "reason");
            this.httpStatus = httpStatus;
            this.code = code == null ? "" : code;
        }

        public Reason reason() {
            return reason;
        }

        public int httpStatus() {
            return httpStatus;
        }

        /** The provider's error code, e.g. {@code sensitive_check_error}. */
        public String code() {
            return code;
        }
    }

    /** 429: the provider is throttling. Nothing was charged; wait {@link #retryAfter()} when it says. */
    public static final class RateLimited extends ProviderFailure {
        private final Duration retryAfter;

        public RateLimited(Duration retryAfter, String message) {
            super(message, null);
            this.retryAfter = retryAfter;
        }

        /** The provider's Retry-After; null when it gave none. */
        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /** 5xx or unreachable, known not to have taken the request (for a submit) or after retries (for a read). */
    public static final class Unavailable extends ProviderFailure {
        private final int httpStatus;

        public Unavailable(int httpStatus, String message, Throwable cause) {
            super(message, cause);
            this.httpStatus = httpStatus;
        }

        /** The HTTP status, or 0 when no answer came (connection refused). */
        public int httpStatus() {
            return httpStatus;
        }
    }

    /** No answer in time (reads only: a submit that times out is {@link OutcomeUnknown}). */
    public static final class TimedOut extends ProviderFailure {
        public TimedOut(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The answer was not the documented JSON, or held a status the documentation does not name. */
    public static final class MalformedResponse extends ProviderFailure {
        public MalformedResponse(String message) {
            super(message, null);
        }
    }

    /**
     * Submit only: the request may have reached the provider (timeout, 5xx or a dropped connection after
     * the body was sent, an unreadable 200). It may have been charged; it must not be resent blindly.
     */
    public static final class OutcomeUnknown extends ProviderFailure {
        public OutcomeUnknown(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
