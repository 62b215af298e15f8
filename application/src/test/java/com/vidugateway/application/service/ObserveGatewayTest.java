package com.vidugateway.application.service;

import static com.vidugateway.application.service.Gateway.draft;
import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.application.port.in.ObserveGateway.Observation;
import com.vidugateway.application.port.in.ObserveGateway.ProviderCall;
import com.vidugateway.application.port.in.ObserveGateway.Reachability;
import com.vidugateway.application.port.in.SubmitVideoTask;
import com.vidugateway.application.port.out.ProviderFailure;
import com.vidugateway.application.testing.InMemoryVideoTasks;
import com.vidugateway.domain.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ObserveGatewayTest {

    private final Gateway gateway = Gateway.over(new InMemoryVideoTasks());

    private Observation observe() {
        return gateway.services.observe().observe();
    }

    private SubmitVideoTask.Result submit(String prompt) {
        return gateway.services.submit().submit(new SubmitVideoTask.Command("alice", draft(prompt), null));
    }

    @Test
    void before_any_task_every_status_counts_zero_nothing_is_late_and_the_provider_is_not_known_yet() {
        Observation observation = observe();

        assertThat(observation.tasksByStatus()).hasSize(TaskStatus.values().length).allSatisfy((status, n) ->
                assertThat(n).isZero());
        assertThat(observation.syncLag()).isZero();
        assertThat(observation.providerCalls()).isEmpty();
        assertThat(observation.provider().state()).isEqualTo(Reachability.UNKNOWN);
    }

    @Test
    void tasks_are_counted_by_status_and_provider_calls_by_operation_and_outcome() {
        submit("one");
        gateway.provider.failSubmits(new ProviderFailure.Rejected(ProviderFailure.Reason.SENSITIVE_CONTENT, 400,
                "sensitive_check_error", "no"));
        submit("two");

        Observation observation = observe();

        assertThat(observation.tasksByStatus()).containsEntry(TaskStatus.PENDING, 1L).containsEntry(TaskStatus.FAILURE, 1L)
                .containsEntry(TaskStatus.SUCCESS, 0L);
        assertThat(observation.providerCalls()).containsOnly(
                org.assertj.core.api.Assertions.entry(new ProviderCall("submit", "ok"), 1L),
                org.assertj.core.api.Assertions.entry(new ProviderCall("submit", "refused"), 1L));
        // A refusal is an answer: the provider is reachable.
        assertThat(observation.provider().state()).isEqualTo(Reachability.UP);
        assertThat(observation.provider().lastAnswerAt()).isEqualTo(gateway.clock.instant());
    }

    @Test
    void the_sync_lag_is_how_long_the_most_overdue_check_has_waited() {
        submit("one");
        Instant firstCheck = gateway.store.checkOf(gateway.store.list("alice", null, null, 1).get(0).id())
                .orElseThrow().dueAt();

        gateway.clock.set(firstCheck.minusSeconds(1));
        assertThat(observe().syncLag()).isZero();
        gateway.clock.set(firstCheck.plusSeconds(42));
        assertThat(observe().syncLag()).isEqualTo(Duration.ofSeconds(42));

        gateway.services.sync().syncDue();
        assertThat(observe().syncLag()).isZero();
        assertThat(observe().providerCalls()).containsEntry(new ProviderCall("status", "ok"), 1L);
    }

    @Test
    void the_provider_is_down_when_its_latest_call_got_no_answer_and_up_again_when_one_does() {
        submit("one");
        Instant answeredAt = gateway.clock.instant();
        int attempts = SyncSettings.ProviderRetry.defaults().statusAttempts();
        ProviderFailure unavailable = new ProviderFailure.Unavailable(503, "the provider answered 503", null);
        gateway.provider.answerStatus(java.util.Collections.nCopies(attempts, unavailable).toArray());
        gateway.clock.advance(Duration.ofMinutes(5));
        gateway.services.sync().syncDue();

        Observation down = observe();
        assertThat(down.provider().state()).isEqualTo(Reachability.DOWN);
        assertThat(down.provider().lastFailure()).contains("503");
        assertThat(down.provider().lastAnswerAt()).isEqualTo(answeredAt);
        // Each attempt of the read is a call of its own (and took a slot of the cap).
        assertThat(down.providerCalls()).containsEntry(new ProviderCall("status", "unavailable"), (long) attempts);

        gateway.clock.advance(Duration.ofMinutes(1));
        gateway.services.sync().syncDue();
        assertThat(observe().provider().state()).isEqualTo(Reachability.UP);
        assertThat(observe().provider().lastFailure()).isNull();
    }
}
