package com.vidugateway.adapter.fake;

import com.vidugateway.application.port.out.ProviderFailure;
import com.vidugateway.application.port.out.ProviderFailure.Reason;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What the fake provider is told to do by the prompt: the triggers below, written anywhere in
 * {@code input.prompt}, in any letter case. They let a team make the fake fail in each way the real
 * provider fails, on purpose and every time. This table is the one place that lists them.
 *
 * <table>
 *   <caption>Prompt triggers</caption>
 *   <tr><th>trigger</th><th>when</th><th>what the fake does</th></tr>
 *   <tr><td>{@code [reject:auth]}</td><td>submit</td>
 *       <td>refuses: {@code Rejected(AUTHENTICATION)}, 401 {@code auth_error}, "Validate Certification failed"</td></tr>
 *   <tr><td>{@code [reject:forbidden]}</td><td>submit</td>
 *       <td>refuses: {@code Rejected(FORBIDDEN)}, 403 {@code forbidden} (spending limit, IP allow-list)</td></tr>
 *   <tr><td>{@code [rate-limit]}</td><td>submit</td>
 *       <td>throttles: {@code RateLimited}, Retry-After 1 s, "Rate limit exceeded, please try again later"</td></tr>
 *   <tr><td>{@code [unavailable]}</td><td>submit</td>
 *       <td>{@code Unavailable}: the provider cannot be reached (like a refused connection), so certainly
 *       nothing was submitted</td></tr>
 *   <tr><td>{@code [timeout]}</td><td>submit</td>
 *       <td>{@code OutcomeUnknown}: no answer in time, the caller cannot know whether a task was created
 *       (none was)</td></tr>
 *   <tr><td>{@code [reject:model]}</td><td>submit</td>
 *       <td>refuses: {@code Rejected(NO_MODEL_PERMISSION)}, 400 {@code model_error}, "No permission to use the model"</td></tr>
 *   <tr><td>{@code [reject:param]}</td><td>submit</td>
 *       <td>refuses: {@code Rejected(BAD_PARAMETER)}, 400 {@code param_error}, "Invalid param"</td></tr>
 *   <tr><td>{@code [reject:sensitive]}</td><td>submit</td>
 *       <td>refuses: {@code Rejected(SENSITIVE_CONTENT)}, 400 {@code sensitive_check_error}, "Sensitive check error"</td></tr>
 *   <tr><td>{@code [fail]}</td><td>generation</td>
 *       <td>accepted, Pending, Running, then Failure part way through running, with an error message
 *       that names the trigger; no video</td></tr>
 *   <tr><td>{@code [slow]}</td><td>generation</td>
 *       <td>every stage takes 5 times longer than the provider's typical time (combines with {@code [fail]})</td></tr>
 *   <tr><td>{@code [stuck]}</td><td>generation</td>
 *       <td>Pending, then Running forever: never finishes (for testing timeouts); wins over {@code [fail]}</td></tr>
 * </table>
 *
 * <p>When a prompt holds several submit triggers, the first in the table applies: the order in which a
 * provider checks a request (who you are, whether you may, whether it is busy, then the content).
 * The messages are the provider's own ({@code modelverse-error-codes.zh.md}), so a caller sees what it
 * would see from Modelverse.
 *
 * @param refusal how the submit fails, if it does
 * @param outcome how an accepted task ends
 * @param slow    whether every stage takes {@link #SLOWDOWN} times longer
 */
record Script(Optional<Refusal> refusal, Outcome outcome, boolean slow) {

    /** How much longer {@code [slow]} makes every stage. */
    static final int SLOWDOWN = 5;

    static final String FAIL = "[fail]";
    static final String SLOW = "[slow]";
    static final String STUCK = "[stuck]";

    /**
     * Why a {@code [fail]} task failed, worded like a generation failure from the provider and saying where
     * it came from, so nobody mistakes it for a real fault.
     */
    static final String FAILURE_MESSAGE = "Video generation failed: the model could not generate a video from"
            + " these reference images and prompt (simulated by the fake provider: the prompt contains [fail])";

    /** A normal task: accepted, then Pending, Running and Success on the provider's typical schedule. */
    static final Script PLAIN = new Script(Optional.empty(), Outcome.SUCCESS, false);

    /** Reads the triggers in {@code prompt}. */
    static Script of(String prompt) {
        String lower = prompt.toLowerCase(Locale.ROOT);
        Optional<Refusal> refusal = Arrays.stream(Refusal.values()).filter(r -> lower.contains(r.trigger)).findFirst();
        Outcome outcome = lower.contains(STUCK) ? Outcome.STUCK
                : lower.contains(FAIL) ? Outcome.FAILURE
                : Outcome.SUCCESS;
        return new Script(refusal, outcome, lower.contains(SLOW));
    }

    /** Throws what the scripted refusal asks for; returns quietly when the submit is to be accepted. */
    void refuseIfScripted() throws ProviderFailure {
        if (refusal.isPresent()) {
            throw refusal.get().failure();
        }
    }

    /** How an accepted task ends. The codes are stored in task ids: never change or reuse one. */
    enum Outcome {
        SUCCESS(0),
        FAILURE(1),
        /** Never ends: stays Running. */
        STUCK(2);

        final int code;

        Outcome(int code) {
            this.code = code;
        }

        static Optional<Outcome> fromCode(int code) {
            return Arrays.stream(values()).filter(o -> o.code == code).findFirst();
        }
    }

    /** A submit that fails, in table order: the first whose trigger is in the prompt wins. */
    enum Refusal {
        AUTHENTICATION("[reject:auth]"),
        FORBIDDEN("[reject:forbidden]"),
        RATE_LIMITED("[rate-limit]"),
        UNAVAILABLE("[unavailable]"),
        TIMED_OUT("[timeout]"),
        NO_MODEL_PERMISSION("[reject:model]"),
        BAD_PARAMETER("[reject:param]"),
        SENSITIVE_CONTENT("[reject:sensitive]");

        final String trigger;

        Refusal(String trigger) {
            this.trigger = trigger;
        }

        /** A new exception each time: exceptions carry the stack of the submit that threw them. */
        ProviderFailure failure() {
            return switch (this) {
                case AUTHENTICATION -> new ProviderFailure.Rejected(
                        Reason.AUTHENTICATION, 401, "auth_error", "Validate Certification failed");
                case FORBIDDEN -> new ProviderFailure.Rejected(Reason.FORBIDDEN, 403, "forbidden",
                        "Forbidden: the spending limit is reached or this IP address is not allowed");
                case RATE_LIMITED -> new ProviderFailure.RateLimited(
                        Duration.ofSeconds(1), "Rate limit exceeded, please try again later");
                case UNAVAILABLE -> new ProviderFailure.Unavailable(0,
                        "the provider cannot be reached (connection refused); nothing was submitted", null);
                case TIMED_OUT -> new ProviderFailure.OutcomeUnknown(
                        "Request timeout, please try again later", null);
                case NO_MODEL_PERMISSION -> new ProviderFailure.Rejected(
                        Reason.NO_MODEL_PERMISSION, 400, "model_error", "No permission to use the model");
                case BAD_PARAMETER -> new ProviderFailure.Rejected(
                        Reason.BAD_PARAMETER, 400, "param_error", "Invalid param");
                case SENSITIVE_CONTENT -> new ProviderFailure.Rejected(
                        Reason.SENSITIVE_CONTENT, 400, "sensitive_check_error", "Sensitive check error");
            };
        }
    }
}
