package com.vidugateway.application.port.out;

import com.vidugateway.domain.request.VideoRequest;

/**
 * The provider that turns a checked request into a video: Modelverse, or the simulated one. Every failure
 * is a {@link ProviderFailure} subtype, so the caller can tell "refused" from "try later" from "the submit
 * may have been charged".
 */
public interface VideoGenerator extends AutoCloseable {

    /**
     * Sends the request once (retrying only what certainly never reached the provider).
     *
     * @return the provider's ids for the new task
     * @throws ProviderFailure.Rejected        the provider refused the request (4xx); nothing was charged
     * @throws ProviderFailure.RateLimited     the provider is throttling; nothing was charged, try later
     * @throws ProviderFailure.Unavailable     the provider could not be reached; nothing was charged
     * @throws ProviderFailure.OutcomeUnknown  the request may have reached the provider; never resend blindly
     */
    Submission submit(VideoRequest request) throws ProviderFailure;

    /**
     * The provider's view of a task it issued. Reads are retried on 408/429/5xx/timeouts before failing.
     *
     * @throws ProviderFailure.Rejected         the provider refused the query (e.g. unknown task, bad key)
     * @throws ProviderFailure.RateLimited      still throttled after the retries
     * @throws ProviderFailure.Unavailable      5xx or unreachable after the retries
     * @throws ProviderFailure.TimedOut         no answer in time after the retries
     * @throws ProviderFailure.MalformedResponse the answer was not the documented JSON
     */
    ProviderTask status(String providerTaskId) throws ProviderFailure;

    /** Which provider this is, for messages and metrics: {@code modelverse} or {@code fake}. */
    String name();

    /**
     * How many times faster than the provider's published typical times this generator works: 1 for
     * Modelverse, {@code VIDU_FAKE_SPEED} for the fake. Poll schedules, timeouts and ETAs divide by it.
     */
    default double pace() {
        return 1.0;
    }

    /** Releases connections or servers the generator holds; calling it twice is harmless. */
    @Override
    default void close() {}

    /** What a successful submit returns. */
    record Submission(String providerTaskId, String requestId) {
        public Submission {
            if (providerTaskId == null || providerTaskId.isBlank()) {
                throw new IllegalArgumentException("a submission has the provider's task id");
            }
            requestId = requestId == null ? "" : requestId;
        }
    }
}
