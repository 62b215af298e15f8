package com.vidugateway.domain.task;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Why a task failed, as a stable code a client can act on: the one table that maps every way a task ends badly — the
 * gateway's own reasons (by the sentence it writes) and the provider's (its refusal's words, its failure's message) —
 * to a code, who is at fault, and whether sending the same request again may work. Codes are part of the API: new ones
 * may be added, none is renamed.
 */
public enum FailureCode {
    /** The provider found the request itself wrong (a parameter, a prompt too long). */
    INVALID_REQUEST("invalid_request", Category.CLIENT, false),
    /** Content moderation refused the prompt or an image (the provider's sensitive-content checks). */
    CONTENT_POLICY("content_policy", Category.CLIENT, false),
    /** The provider refused the gateway's account: key, permission for the model, spending limit. */
    PROVIDER_REJECTED("provider_rejected", Category.PROVIDER, false),
    /** The provider could not be reached for the whole queue time: never sent, nothing charged. */
    PROVIDER_UNAVAILABLE("provider_unavailable", Category.PROVIDER, true),
    /** The provider took the task and reported it failed (or forgot it). */
    PROVIDER_FAILED("provider_failed", Category.PROVIDER, true),
    /** The provider took much longer than its typical time and the gateway stopped waiting. */
    TIMED_OUT("timed_out", Category.GATEWAY, true),
    /**
     * The submit may have reached the provider, and no answer came: the provider may have made (and charged) the
     * video; sending again could pay twice.
     */
    OUTCOME_UNKNOWN("outcome_unknown", Category.GATEWAY, false),
    /** The client cancelled it (or its deadline passed). */
    CANCELLED("cancelled", Category.CLIENT, false);

    /** Who is at fault. */
    public enum Category {
        CLIENT, PROVIDER, GATEWAY;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How the gateway's own failure sentences start ({@code TaskWorker} writes them); the rest are the provider's. */
    public static final String NEVER_SENT = "the provider could not be reached for ";
    public static final String REFUSED = "the provider refused the request: ";
    public static final String UNCONFIRMED = "the provider did not confirm the submit";
    public static final String TIMED_OUT_PREFIX = "timed out: ";
    public static final String FORGOTTEN = "the provider no longer knows this task: ";
    public static final String CANCELLED_PREFIX = "cancelled";

    /** Words of a content-moderation refusal, in the provider's messages (its error table, Vidu's codes) and Chinese. */
    private static final List<String> POLICY_WORDS = List.of("sensitive", "safety", "policy", "moderation",
            "inappropriate", "敏感", "违规", "审核", "合规");
    /** Words of a refusal of the request itself: the provider's param_error and tokens_too_long. */
    private static final List<String> REQUEST_WORDS = List.of("invalid param", "tokens too long", "参数");

    private final String code;
    private final Category category;
    private final boolean retryable;

    FailureCode(String code, Category category, boolean retryable) {
        this.code = code;
        this.category = category;
        this.retryable = retryable;
    }

    public String code() {
        return code;
    }

    public Category category() {
        return category;
    }

    /** Whether sending the same request again may give a video, and cannot pay twice for one. */
    public boolean retryable() {
        return retryable;
    }

    /** The code of a task; empty unless it failed or was cancelled. */
    public static Optional<FailureCode> of(VideoTask task) {
        return of(task.status(), task.errorMessage());
    }

    /** The code of a task in {@code status} with {@code errorMessage}; empty unless it failed or was cancelled. */
    public static Optional<FailureCode> of(TaskStatus status, String errorMessage) {
        return switch (status) {
            case FAILURE -> Optional.of(of(errorMessage));
            case CANCELLED -> Optional.of(CANCELLED);
            default -> Optional.empty();
        };
    }

    /** The code of a Failure with this error message: the table. */
    public static FailureCode of(String errorMessage) {
        String message = errorMessage == null ? "" : errorMessage;
        if (message.startsWith(NEVER_SENT)) {
            return PROVIDER_UNAVAILABLE;
        }
        if (message.startsWith(UNCONFIRMED)) {
            return OUTCOME_UNKNOWN;
        }
        if (message.startsWith(TIMED_OUT_PREFIX)) {
            return TIMED_OUT;
        }
        if (message.startsWith(CANCELLED_PREFIX)) {
            return CANCELLED;
        }
        if (message.startsWith(FORGOTTEN)) {
            return PROVIDER_FAILED;
        }
        String lower = message.toLowerCase(Locale.ROOT);
        if (containsAny(lower, POLICY_WORDS)) {
            return CONTENT_POLICY;
        }
        if (message.startsWith(REFUSED)) {
            return containsAny(lower, REQUEST_WORDS) ? INVALID_REQUEST : PROVIDER_REJECTED;
        }
        return PROVIDER_FAILED;
    }

    /** The code as the wire writes it, from its name there. */
    public static Optional<FailureCode> fromCode(String code) {
        for (FailureCode value : values()) {
            if (value.code.equals(code)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private static boolean containsAny(String text, List<String> words) {
        return words.stream().anyMatch(text::contains);
    }
}
