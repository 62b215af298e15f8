package com.vidugateway.application.port.in;

import com.vidugateway.application.port.out.GatewayInstances;
import com.vidugateway.domain.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** How the gateway is doing, for monitoring: its tasks, how far the sync is behind, and the provider's calls. */
public interface ObserveGateway {

    /** Everything below; reads the store (tasks by status, the most overdue check). */
    Observation observe();

    /** Whether the provider answered its latest call; from memory, no store or provider access. */
    ProviderReachability provider();

    /** This gateway instance and the live ones beside it (itself included); reads the store. */
    Cluster cluster();

    /**
     * @param self the id of the instance that answers
     * @param live every instance that beat recently, this one included, oldest first
     */
    record Cluster(String self, java.util.List<GatewayInstances.Instance> live) {
        public Cluster {
            Objects.requireNonNull(self, "self");
            live = java.util.List.copyOf(live);
        }
    }

    /**
     * @param tasksByStatus every status, with how many stored tasks are in it (0 included)
     * @param syncLag       how long the most overdue task check has been waiting; zero when none is overdue
     * @param providerCalls calls made to the provider by this process since it started, by operation and outcome
     * @param provider      whether the provider answered its latest call
     */
    record Observation(Map<TaskStatus, Long> tasksByStatus, Duration syncLag, Map<ProviderCall, Long> providerCalls,
                       ProviderReachability provider) {
        public Observation {
            tasksByStatus = Map.copyOf(tasksByStatus);
            Objects.requireNonNull(syncLag, "syncLag");
            providerCalls = Map.copyOf(providerCalls);
            Objects.requireNonNull(provider, "provider");
        }
    }

    /**
     * One kind of provider call.
     *
     * @param operation {@code submit} or {@code status}
     * @param outcome   {@code ok}, {@code refused}, {@code rate_limited}, {@code unavailable}, {@code timed_out},
     *                  {@code outcome_unknown} or {@code malformed_response}
     */
    record ProviderCall(String operation, String outcome) {
        public ProviderCall {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /** UP: the latest call got an answer (a refusal is an answer); DOWN: it got none; UNKNOWN: no call yet. */
    enum Reachability { UP, DOWN, UNKNOWN }

    /**
     * @param lastAnswerAt  when the provider last answered; null when never
     * @param lastFailure   why the latest call without an answer failed; null when the latest call was answered
     */
    record ProviderReachability(Reachability state, Instant lastAnswerAt, String lastFailure) {
        public static final ProviderReachability UNKNOWN = new ProviderReachability(Reachability.UNKNOWN, null, null);

        public ProviderReachability {
            Objects.requireNonNull(state, "state");
        }
    }
}
