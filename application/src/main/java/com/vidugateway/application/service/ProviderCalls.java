package com.vidugateway.application.service;

import com.vidugateway.application.port.out.ProviderFailure;
import com.vidugateway.application.port.out.ProviderTask;
import com.vidugateway.application.port.out.Sleeper;
import com.vidugateway.application.port.out.VideoGenerator;
import com.vidugateway.domain.request.VideoRequest;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * The provider as the gateway calls it: every attempt — a first one, a retry, a refresh of a video's URLs — takes a
 * slot of the cluster-wide cap first ({@link ProviderCallBudget}), and a failure that certainly cost nothing is tried
 * again by the one retry policy ({@link SyncSettings.ProviderRetry}). The adapters make exactly one attempt per call;
 * no retry anywhere else reaches the provider around the cap. A submit is tried again only when the provider certainly
 * never took it (unreachable, 429): one that may have been taken is never resent (decision 3).
 */
final class ProviderCalls {

    private interface Attempt<T> {
        T run() throws ProviderFailure;
    }

    private final VideoGenerator provider;
    private final ProviderCallBudget budget;
    private final Sleeper sleeper;
    private final SyncSettings.ProviderRetry policy;
    private final RetryTiming timing;

    ProviderCalls(VideoGenerator provider, ProviderCallBudget budget, Sleeper sleeper, SyncSettings.ProviderRetry policy) {
        this.provider = provider;
        this.budget = budget;
        this.sleeper = sleeper;
        this.policy = policy;
        this.timing = new RetryTiming(policy.firstWait(), policy.longestWait());
    }

    VideoGenerator.Submission submit(VideoRequest request) throws ProviderFailure, InterruptedException {
        return call(policy.submitAttempts(), () -> provider.submit(request), ProviderCalls::certainlyNotTaken);
    }

    ProviderTask status(String providerTaskId) throws ProviderFailure, InterruptedException {
        return call(policy.statusAttempts(), () -> provider.status(providerTaskId), ProviderCalls::transientForRead);
    }

    private <T> T call(int attempts, Attempt<T> attempt, Predicate<ProviderFailure> retryable)
            throws ProviderFailure, InterruptedException {
        for (int made = 1; ; made++) {
            try {
                acquire();
                return attempt.run();
            } catch (ProviderFailure failure) {
                if (made >= attempts || !retryable.test(failure) || Thread.currentThread().isInterrupted()) {
                    throw failure;
                }
                Duration wait = waitAfter(made, failure);
                if (wait.compareTo(policy.longestWait()) > 0) {
                    // Longer than a caller should sit through: the task's next check comes back after it.
                    throw failure;
                }
                sleeper.sleep(wait);
            }
        }
    }

    /**
     * A slot of the cap. Should the timetable itself fail (its database busy past its lock timeout, or down), nothing has
     * been sent: the call fails as certainly not made, so that a submit goes back in the queue instead of failing.
     */
    private void acquire() throws ProviderFailure, InterruptedException {
        try {
            budget.acquire();
        } catch (RuntimeException timetable) {
            throw new ProviderFailure.Unavailable(0, "no provider call was made: the provider-call timetable could not"
                    + " be read (" + timetable.getMessage() + ")", timetable);
        }
    }

    /** The provider's Retry-After when it gave one, else the backoff. */
    private Duration waitAfter(int failures, ProviderFailure failure) {
        if (failure instanceof ProviderFailure.RateLimited limited && limited.retryAfter() != null) {
            return limited.retryAfter();
        }
        return timing.after(failures);
    }

    /** A submit that failed so that the provider certainly has no task: sending it again cannot pay twice. */
    private static boolean certainlyNotTaken(ProviderFailure failure) {
        return failure instanceof ProviderFailure.RateLimited || failure instanceof ProviderFailure.Unavailable;
    }

    /** A status read that failed for a reason that may pass: asking again costs nothing. */
    private static boolean transientForRead(ProviderFailure failure) {
        return failure instanceof ProviderFailure.RateLimited || failure instanceof ProviderFailure.Unavailable
                || failure instanceof ProviderFailure.TimedOut || failure instanceof ProviderFailure.MalformedResponse;
    }
}
