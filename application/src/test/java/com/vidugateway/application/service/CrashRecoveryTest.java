package com.vidugateway.application.service;

import static com.vidugateway.application.service.Gateway.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vidugateway.application.port.in.SubmitVideoTask.Command;
import com.vidugateway.application.port.out.VideoTasks;
import com.vidugateway.application.testing.InMemoryVideoTasks;
import com.vidugateway.domain.task.StatusChange;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The process dies at each step of a submit (simulated: the store or the provider throws and nothing after
 * runs), then restarts on the same store: every task reaches a terminal state and none is sent twice.
 */
class CrashRecoveryTest {

    /** Where the process dies. */
    enum Step {
        WHILE_MARKING_SUBMITTING,
        BEFORE_THE_PROVIDER_IS_CALLED,
        AFTER_THE_PROVIDER_TOOK_IT,
        WHILE_SCHEDULING_THE_FIRST_POLL,
        NOWHERE
    }

    /** An Error, so that no handler on the way catches it: the rest of the code simply never runs. */
    static final class Crash extends Error {
        Crash() {
            super("the process died here");
        }
    }

    /** The in-memory store, dying on the first write that matches. */
    static final class DyingStore implements VideoTasks {
        private final InMemoryVideoTasks store = new InMemoryVideoTasks();
        private Predicate<VideoTask> dieOnReplace = task -> false;
        private boolean dieOnSchedule;

        @Override public void add(VideoTask task, Idempotency idempotency, Instant firstCheckAt, com.vidugateway.domain.client.ClientQuota quota) { store.add(task, idempotency, firstCheckAt, quota); }
        @Override public Optional<VideoTask> find(TaskId id) { return store.find(id); }
        @Override public Optional<IdempotentSubmit> findByIdempotencyKey(String owner, String key) { return store.findByIdempotencyKey(owner, key); }
        @Override public void recordRefusal(TaskId id, Refusal refusal) { store.recordRefusal(id, refusal); }
        @Override public java.util.Map<TaskStatus, Long> countByStatus() { return store.countByStatus(); }
        @Override public boolean refersToImage(String sha256) { return store.refersToImage(sha256); }
        @Override public List<VideoTask> keepingImagesEndedBefore(Instant before, int limit) { return store.keepingImagesEndedBefore(before, limit); }
        @Override public List<VideoTask> keepingVideosStoredBefore(Instant before, int limit) { return store.keepingVideosStoredBefore(before, limit); }
        @Override public List<com.vidugateway.domain.task.TaskSummary> list(String owner, TaskStatus status, PageCursor after, int limit) { return store.list(owner, status, after, limit); }
        @Override public List<Check> due(Instant now, int limit) { return store.due(now, limit); }
        @Override public Optional<Check> checkOf(TaskId id) { return store.checkOf(id); }
        @Override public boolean claim(Check check, Instant until) { return store.claim(check, until); }
        @Override public List<Check> claimDue(Instant now, int limit, Instant until) { return store.claimDue(now, limit, until); }
        @Override public int releaseLeasesOf(String holder, Instant now) { return store.releaseLeasesOf(holder, now); }
        @Override public void renewSubmitLeases(java.util.Collection<TaskId> ids, Instant until) { store.renewSubmitLeases(ids, until); }

        @Override
        public boolean replace(VideoTask updated) {
            if (dieOnReplace.test(updated)) {
                dieOnReplace = task -> false;
                throw new Crash();
            }
            return store.replace(updated);
        }

        @Override
        public void schedule(TaskId id, Instant at, int attempts) {
            if (dieOnSchedule) {
                dieOnSchedule = false;
                throw new Crash();
            }
            store.schedule(id, at, attempts);
        }
    }

    @ParameterizedTest
    @EnumSource(Step.class)
    void after_a_crash_at_any_step_every_task_ends_and_none_is_sent_twice(Step step) {
        DyingStore store = new DyingStore();
        Gateway before = Gateway.over(store);
        switch (step) {
            case WHILE_MARKING_SUBMITTING -> store.dieOnReplace = task -> task.status() == TaskStatus.SUBMITTING;
            case BEFORE_THE_PROVIDER_IS_CALLED -> before.provider.beforeSubmit(() -> {
                before.provider.beforeSubmit(() -> { });
                throw new Crash();
            });
            case AFTER_THE_PROVIDER_TOOK_IT -> store.dieOnReplace = task -> task.status() == TaskStatus.PENDING;
            case WHILE_SCHEDULING_THE_FIRST_POLL -> store.dieOnSchedule = true;
            case NOWHERE -> { }
        }
        if (step == Step.NOWHERE) {
            before.services.submit().submit(new Command("alice", draft("make it dance"), null));
        } else {
            assertThatThrownBy(() -> before.services.submit().submit(new Command("alice", draft("make it dance"), null)))
                    .isInstanceOf(Crash.class);
        }
        int sentBeforeTheCrash = before.provider.submits().size();

        Gateway after = before.restarted();
        after.syncFor(Duration.ofMinutes(15));

        List<com.vidugateway.domain.task.TaskSummary> tasks = after.services.list().list("alice", null, 10, null).tasks();
        assertThat(tasks).hasSize(1);
        com.vidugateway.domain.task.TaskSummary task = tasks.get(0);
        assertThat(task.status().isTerminal()).as("ended after restart: %s", task.history()).isTrue();
        assertThat(after.provider.submits()).hasSizeLessThanOrEqualTo(1);
        switch (step) {
            case WHILE_MARKING_SUBMITTING -> {
                // Never sent before the crash, so it is safe to send now: exactly once.
                assertThat(sentBeforeTheCrash).isZero();
                assertThat(after.provider.submits()).hasSize(1);
                assertThat(task.status()).isEqualTo(TaskStatus.SUCCESS);
            }
            case BEFORE_THE_PROVIDER_IS_CALLED, AFTER_THE_PROVIDER_TOOK_IT -> {
                // Marked Submitting: whether the provider took it cannot be known, so it is never resent.
                assertThat(after.provider.submits()).hasSize(sentBeforeTheCrash);
                assertThat(task.status()).isEqualTo(TaskStatus.FAILURE);
                assertThat(task.history()).extracting(StatusChange::status).contains(TaskStatus.OUTCOME_UNKNOWN);
                assertThat(task.errorMessage()).contains("the gateway stopped while sending it");
            }
            case WHILE_SCHEDULING_THE_FIRST_POLL, NOWHERE -> {
                assertThat(after.provider.submits()).hasSize(1);
                assertThat(task.status()).isEqualTo(TaskStatus.SUCCESS);
                assertThat(task.video()).isNotNull();
            }
        }
    }

    @Test
    void a_crash_during_a_poll_loses_nothing_the_lease_lets_another_process_take_over() {
        DyingStore store = new DyingStore();
        Gateway before = Gateway.over(store);
        VideoTask task = ((com.vidugateway.application.port.in.SubmitVideoTask.Accepted) before.services.submit()
                .submit(new Command("alice", draft("make it dance"), null))).task();
        before.clock.advance(Duration.ofSeconds(40));
        store.dieOnReplace = t -> t.status() == TaskStatus.SUCCESS;
        assertThatThrownBy(() -> before.services.sync().syncDue()).isInstanceOf(Crash.class);

        Gateway after = before.restarted();
        after.syncFor(Duration.ofMinutes(3));

        VideoTask ended = store.find(task.id()).orElseThrow();
        assertThat(ended.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(ended.video()).isNotNull();
        assertThat(after.provider.submits()).hasSize(1);
    }
}
