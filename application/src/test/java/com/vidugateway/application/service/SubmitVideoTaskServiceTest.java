package com.vidugateway.application.service;

import static com.vidugateway.application.service.Gateway.draft;
import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.application.port.in.SubmitVideoTask;
import com.vidugateway.application.port.in.SubmitVideoTask.Command;
import com.vidugateway.application.port.out.ProviderFailure;
import com.vidugateway.application.testing.InMemoryVideoTasks;
import com.vidugateway.domain.request.VideoRequestDraft;
import com.vidugateway.domain.task.StatusChange;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubmitVideoTaskServiceTest {

    private final Gateway gateway = Gateway.over(new InMemoryVideoTasks());

    private SubmitVideoTask.Result submit(VideoRequestDraft draft, String key) {
        return gateway.services.submit().submit(new Command("alice", draft, key));
    }

    private VideoTask stored(VideoTask task) {
        return gateway.store.find(task.id()).orElseThrow();
    }

    @Test
    void an_invalid_request_lists_every_violation_and_nothing_is_stored_or_sent() {
        SubmitVideoTask.Result result = submit(VideoRequestDraft.builder().model("viduq2").prompt(" ").duration(11).build(), null);

        assertThat(result).isInstanceOfSatisfying(SubmitVideoTask.Invalid.class, invalid ->
                assertThat(invalid.violations()).extracting(v -> v.field())
                        .containsExactlyInAnyOrder("input.prompt", "input.images", "parameters.duration"));
        assertThat(gateway.provider.submits()).isEmpty();
        assertThat(gateway.services.list().list("alice", null, 10, null).tasks()).isEmpty();
    }

    @Test
    void a_valid_request_is_stored_before_it_is_sent_then_sent_once_and_pending() {
        List<TaskStatus> storedWhileSending = new ArrayList<>();
        gateway.provider.beforeSubmit(() -> storedWhileSending.addAll(
                gateway.services.list().list("alice", null, 10, null).tasks().stream().map(t -> t.status()).toList()));

        SubmitVideoTask.Result result = submit(draft("make it dance"), null);

        assertThat(storedWhileSending).containsExactly(TaskStatus.SUBMITTING);
        assertThat(result).isInstanceOfSatisfying(SubmitVideoTask.Accepted.class, accepted -> {
            assertThat(accepted.replayed()).isFalse();
            assertThat(accepted.task().status()).isEqualTo(TaskStatus.PENDING);
            assertThat(accepted.task().providerTaskId()).isEqualTo("prov-1");
            assertThat(stored(accepted.task())).isEqualTo(accepted.task());
            assertThat(accepted.task().history()).extracting(StatusChange::status)
                    .containsExactly(TaskStatus.ACCEPTED, TaskStatus.SUBMITTING, TaskStatus.PENDING);
            // The first poll waits for the earliest likely finish: 75 % of 28.7 s, plus one 4.5 s interval.
            assertThat(gateway.store.checkOf(accepted.task().id()).orElseThrow().dueAt())
                    .isEqualTo(Gateway.START.plusMillis(21_525 + 4_500));
        });
        assertThat(gateway.provider.submits()).hasSize(1);
    }

    @Test
    void a_refusal_ends_the_task_in_failure_with_the_providers_reason_and_the_caller_sees_it() {
        ProviderFailure.Rejected refusal = new ProviderFailure.Rejected(ProviderFailure.Reason.SENSITIVE_CONTENT, 400,
                "sensitive_check_error", "Sensitive check error");
        gateway.provider.failSubmits(refusal);

        SubmitVideoTask.Result result = submit(draft("something"), null);

        assertThat(result).isInstanceOfSatisfying(SubmitVideoTask.Refused.class, refused -> {
            assertThat(refused.refusal()).isSameAs(refusal);
            assertThat(refused.task().status()).isEqualTo(TaskStatus.FAILURE);
            assertThat(refused.task().errorMessage()).contains("refused").contains("Sensitive check error");
            assertThat(stored(refused.task())).isEqualTo(refused.task());
            assertThat(gateway.store.checkOf(refused.task().id())).isEmpty();
        });
    }

    @Test
    void a_rate_limited_submit_is_queued_and_sent_by_the_sync_after_retry_after() {
        gateway.provider.failSubmits(new ProviderFailure.RateLimited(Duration.ofSeconds(30), "429"));

        VideoTask queued = ((SubmitVideoTask.Accepted) submit(draft("make it dance"), null)).task();
        assertThat(queued.status()).isEqualTo(TaskStatus.ACCEPTED);
        assertThat(gateway.provider.submits()).hasSize(1);

        gateway.assertCalledAgainOnlyAfter(Duration.ofSeconds(30), gateway.provider::submits);
        assertThat(stored(queued).status()).isEqualTo(TaskStatus.PENDING);
    }

    @Test
    void an_unreachable_provider_queues_the_task_and_the_sync_sends_it_when_it_is_back() {
        gateway.provider.failSubmits(new ProviderFailure.Unavailable(0, "connection refused", null),
                new ProviderFailure.Unavailable(0, "connection refused", null));

        VideoTask queued = ((SubmitVideoTask.Accepted) submit(draft("make it dance"), null)).task();
        gateway.syncFor(Duration.ofMinutes(1));

        assertThat(gateway.provider.submits()).hasSize(3);
        assertThat(stored(queued).status()).isIn(TaskStatus.PENDING, TaskStatus.RUNNING, TaskStatus.SUCCESS);
    }

    @Test
    void an_unknown_outcome_is_never_resent_and_ends_in_an_honest_failure() {
        gateway.provider.failSubmits(new ProviderFailure.OutcomeUnknown("HTTP 504 after the request was sent", null));

        VideoTask task = ((SubmitVideoTask.Accepted) submit(draft("make it dance"), null)).task();
        gateway.syncFor(Duration.ofMinutes(10));

        assertThat(gateway.provider.submits()).hasSize(1);
        VideoTask ended = stored(task);
        assertThat(ended.status()).isEqualTo(TaskStatus.FAILURE);
        assertThat(ended.history()).extracting(StatusChange::status).contains(TaskStatus.OUTCOME_UNKNOWN);
        assertThat(ended.errorMessage()).contains("HTTP 504").contains("never paid twice").contains("Submit it again");
    }

    @Test
    void the_same_idempotency_key_and_request_give_the_same_task_without_a_second_submit() {
        VideoTask first = ((SubmitVideoTask.Accepted) submit(draft("make it dance"), "order-42")).task();

        SubmitVideoTask.Result again = submit(draft("make it dance"), "order-42");

        assertThat(again).isInstanceOfSatisfying(SubmitVideoTask.Accepted.class, replay -> {
            assertThat(replay.replayed()).isTrue();
            assertThat(replay.task().id()).isEqualTo(first.id());
        });
        assertThat(gateway.provider.submits()).hasSize(1);
    }

    @Test
    void a_refused_submit_replayed_with_its_idempotency_key_is_refused_again_without_a_second_submit() {
        gateway.provider.failSubmits(new ProviderFailure.Rejected(ProviderFailure.Reason.SENSITIVE_CONTENT, 400,
                "sensitive_check_error", "Sensitive check error"));
        VideoTask first = ((SubmitVideoTask.Refused) submit(draft("something"), "order-50")).task();

        SubmitVideoTask.Result again = submit(draft("something"), "order-50");

        assertThat(again).isInstanceOfSatisfying(SubmitVideoTask.Refused.class, replay -> {
            assertThat(replay.task().id()).isEqualTo(first.id());
            assertThat(replay.refusal().reason()).isEqualTo(ProviderFailure.Reason.SENSITIVE_CONTENT);
            assertThat(replay.refusal().httpStatus()).isEqualTo(400);
            assertThat(replay.refusal().code()).isEqualTo("sensitive_check_error");
            assertThat(replay.refusal().getMessage()).isEqualTo("Sensitive check error");
        });
        assertThat(gateway.provider.submits()).hasSize(1);
    }

    @Test
    void a_submit_queued_then_refused_by_the_sync_replays_as_the_acceptance_its_client_was_given() {
        gateway.provider.failSubmits(new ProviderFailure.RateLimited(Duration.ofSeconds(30), "429"),
                new ProviderFailure.Rejected(ProviderFailure.Reason.BAD_PARAMETER, 400, "param_error", "bad image"));
        VideoTask queued = ((SubmitVideoTask.Accepted) submit(draft("make it dance"), "order-51")).task();
        gateway.syncFor(Duration.ofSeconds(31));
        assertThat(stored(queued).status()).isEqualTo(TaskStatus.FAILURE);

        assertThat(submit(draft("make it dance"), "order-51")).isInstanceOfSatisfying(SubmitVideoTask.Accepted.class,
                replay -> assertThat(replay.task().id()).isEqualTo(queued.id()));
    }

    @Test
    void defaults_spelled_out_are_the_same_request_for_idempotency() {
        submit(draft("make it dance"), "order-43");

        SubmitVideoTask.Result again = submit(VideoRequestDraft.builder().model("viduq2").images("https://example.com/cat.jpg")
                .prompt("make it dance").duration(5).resolution("720p").aspectRatio("16:9").seed(0L).bgm(false).build(), "order-43");

        assertThat(again).isInstanceOf(SubmitVideoTask.Accepted.class);
        assertThat(gateway.provider.submits()).hasSize(1);
    }

    @Test
    void the_same_idempotency_key_with_another_request_is_a_conflict() {
        VideoTask first = ((SubmitVideoTask.Accepted) submit(draft("make it dance"), "order-44")).task();

        SubmitVideoTask.Result other = submit(draft("make it sing"), "order-44");

        assertThat(other).isEqualTo(new SubmitVideoTask.IdempotencyConflict("order-44", first.id()));
        assertThat(gateway.provider.submits()).hasSize(1);
    }

    @Test
    void idempotency_keys_belong_to_their_owner() {
        submit(draft("make it dance"), "shared-key");

        SubmitVideoTask.Result bobs = gateway.services.submit().submit(new Command("bob", draft("make it dance"), "shared-key"));

        assertThat(bobs).isInstanceOfSatisfying(SubmitVideoTask.Accepted.class, accepted -> assertThat(accepted.replayed()).isFalse());
        assertThat(gateway.provider.submits()).hasSize(2);
    }
}
