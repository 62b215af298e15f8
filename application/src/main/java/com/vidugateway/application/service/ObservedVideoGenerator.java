package com.vidugateway.application.service;

import com.vidugateway.application.port.in.ObserveGateway.ProviderCall;
import com.vidugateway.application.port.in.ObserveGateway.ProviderReachability;
import com.vidugateway.application.port.in.ObserveGateway.Reachability;
import com.vidugateway.application.port.out.ProviderFailure;
import com.vidugateway.application.port.out.ProviderTask;
import com.vidugateway.application.port.out.VideoGenerator;
import com.vidugateway.domain.request.VideoRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The provider, with every call counted by operation and outcome, and whether the latest one got an answer:
 * the gateway's view of the provider's health, learnt from the calls it makes anyway (a probe would cost calls
 * against the provider's rate limit).
 */
final class ObservedVideoGenerator implements VideoGenerator {

    private final VideoGenerator provider;
    private final Clock clock;
    private final Map<ProviderCall, LongAdder> calls = new ConcurrentHashMap<>();
    private volatile ProviderReachability reachability = ProviderReachability.UNKNOWN;

    ObservedVideoGenerator(VideoGenerator provider, Clock clock) {
        this.provider = provider;
        this.clock = clock;
    }

    @Override
    public Submission submit(VideoRequest request) throws ProviderFailure {
        return observed("submit", () -> provider.submit(request));
    }

    @Override
    public ProviderTask status(String providerTaskId) throws ProviderFailure {
        return observed("status", () -> provider.status(providerTaskId));
    }

    private interface Call<T> {
        T run() throws ProviderFailure;
    }

    private <T> T observed(String operation, Call<T> call) throws ProviderFailure {
        try {
            T answer = call.run();
            answered(operation, "ok");
            return answer;
        } catch (ProviderFailure failure) {
            failed(operation, failure);
            throw failure;
        }
    }

    @Override
    public String name() {
        return provider.name();
    }

    @Override
    public double pace() {
        return provider.pace();
    }

    @Override
    public void close() {
        provider.close();
    }

    Map<ProviderCall, Long> calls() {
        Map<ProviderCall, Long> counted = new HashMap<>();
        calls.forEach((call, count) -> counted.put(call, count.sum()));
        return counted;
    }

    ProviderReachability reachability() {
        return reachability;
    }

    private void answered(String operation, String outcome) {
        count(operation, outcome);
        reachability = new ProviderReachability(Reachability.UP, clock.instant(), null);
    }

    private void failed(String operation, ProviderFailure failure) {
        String outcome;
        if (failure instanceof ProviderFailure.Rejected) {
            outcome = "refused";
        } else if (failure instanceof ProviderFailure.RateLimited) {
            outcome = "rate_limited";
        } else if (failure instanceof ProviderFailure.Unavailable) {
            outcome = "unavailable";
        } else if (failure instanceof ProviderFailure.TimedOut) {
            outcome = "timed_out";
        } else if (failure instanceof ProviderFailure.OutcomeUnknown) {
            outcome = "outcome_unknown";
        } else {
            outcome = "malformed_response";
        }
        // A refusal, a throttle or a malformed body are answers: the provider is there.
        boolean noAnswer = failure instanceof ProviderFailure.Unavailable || failure instanceof ProviderFailure.TimedOut
                || failure instanceof ProviderFailure.OutcomeUnknown;
        if (noAnswer) {
            count(operation, outcome);
            reachability = new ProviderReachability(Reachability.DOWN, reachability.lastAnswerAt(), failure.getMessage());
        } else {
            answered(operation, outcome);
        }
    }

    private void count(String operation, String outcome) {
        calls.computeIfAbsent(new ProviderCall(operation, outcome), key -> new LongAdder()).increment();
    }
}
