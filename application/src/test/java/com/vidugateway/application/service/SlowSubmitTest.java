package com.vidugateway.application.service;

import static com.vidugateway.application.service.Gateway.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vidugateway.application.port.in.SubmitVideoTask;
import com.vidugateway.application.port.in.SubmitVideoTask.Command;
import com.vidugateway.application.port.out.LocalProcesses;
import com.vidugateway.application.port.out.VideoTasks;
import com.vidugateway.domain.task.StatusChange;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A submit the provider is slow to answer, with two instances on one store: its sender renews its lease while it
 * waits, so nobody settles it while the sender lives; an answer that comes after the task was settled anyway is kept
 * and followed to its video; a sender that stops renewing without an answer has its task settled, never resent.
 */
class SlowSubmitTest extends InstancesOnOneStore {

    private static final Duration GRACE = Duration.ofSeconds(10);

    private static final class Died extends RuntimeException {}

    private final VideoTaskServices a = instance("a", rows);
    private final VideoTaskServices b = instance("b", rows.openedBy("b"));

    private static SyncSettings withGrace(Duration grace) {
        SyncSettings d = SyncSettings.defaults();
        return new SyncSettings(d.pollInterval(), d.timeoutMultiple(), d.minTimeout(), d.maxTimeout(), d.maxQueueTime(),
                grace, d.maxDownloadAttempts(), d.retryBackoff(), d.maxRetryBackoff(), d.providerCallsPerSecond(),
                d.batchSize(), d.lease(), d.instanceHeartbeat(), d.instanceDeadAfter(), d.providerRetry());
    }

    private VideoTaskServices instance(String id, VideoTasks store) {
        return instance(id, "same-host", 1, null, store, withGrace(GRACE), LocalProcesses.NONE);
    }

    /** {@code seconds} pass while the provider has not answered: a beats only if {@code aBeats}; b beats and syncs. */
    private void whileTheProviderThinks(int seconds, boolean aBeats) {
        for (int passed = 0; passed < seconds; passed += 3) {
            clock.advance(Duration.ofSeconds(3));
            if (aBeats) {
                a.cluster().beat();
            }
            b.cluster().beat();
            b.sync().syncDue();
            a.sync().syncDue();
        }
    }

    private VideoTask theTask() {
        return rows.find(rows.list("alice", null, null, 1).get(0).id()).orElseThrow();
    }

    /** Both instances beat and b syncs until the task has its video; the task then, a success. */
    private VideoTask followedToItsVideo() {
        for (int i = 0; i < 100 && theTask().video() == null; i++) {
            clock.advance(Duration.ofSeconds(3));
            a.cluster().beat();
            b.cluster().beat();
            b.sync().syncDue();
        }
        VideoTask done = theTask();
        assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(done.video()).isNotNull();
        return done;
    }

    @BeforeEach
    void bothJoin() {
        a.cluster().join();
        b.cluster().join();
    }

    @Test
    void a_submit_answered_after_thirty_seconds_with_a_ten_second_grace_is_sent_once_and_succeeds() {
        provider.beforeSubmit(() -> whileTheProviderThinks(30, true));

        SubmitVideoTask.Result result = a.submit().submit(new Command("alice", draft("make it dance"), null));

        assertThat(result).isInstanceOf(SubmitVideoTask.Accepted.class);
        assertThat(theTask().status()).isEqualTo(TaskStatus.PENDING);
        assertThat(followedToItsVideo().history()).extracting(StatusChange::status)
                .containsExactly(TaskStatus.ACCEPTED, TaskStatus.SUBMITTING, TaskStatus.PENDING, TaskStatus.RUNNING,
                        TaskStatus.SUCCESS);
        assertThat(provider.submits()).hasSize(1);
    }

    @Test
    void an_answer_that_comes_after_the_task_was_settled_anyway_is_kept_and_the_task_is_followed_to_its_video() {
        // a is paused (no heartbeat) long enough for b to take it for dead and settle the submit it holds.
        provider.beforeSubmit(() -> {
            whileTheProviderThinks(21, false);
            assertThat(theTask().status()).isEqualTo(TaskStatus.FAILURE);
        });

        a.submit().submit(new Command("alice", draft("make it dance"), null));

        VideoTask reconciled = theTask();
        assertThat(reconciled.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(reconciled.providerTaskId()).isEqualTo("prov-1");
        assertThat(reconciled.errorMessage()).isNull();
        assertThat(followedToItsVideo().history()).extracting(StatusChange::status)
                .containsSubsequence(TaskStatus.OUTCOME_UNKNOWN, TaskStatus.FAILURE, TaskStatus.PENDING, TaskStatus.SUCCESS);
        assertThat(provider.submits()).hasSize(1);
    }

    @Test
    void a_live_sender_that_stopped_renewing_without_an_answer_has_its_task_settled_after_the_grace_and_never_resent() {
        provider.beforeSubmit(() -> {
            provider.beforeSubmit(() -> { });
            throw new Died();
        });
        assertThatThrownBy(() -> a.submit().submit(new Command("alice", draft("make it dance"), null)))
                .isInstanceOf(Died.class);
        assertThat(theTask().status()).isEqualTo(TaskStatus.SUBMITTING);

        whileTheProviderThinks(6, true);
        assertThat(theTask().status()).isEqualTo(TaskStatus.SUBMITTING);
        whileTheProviderThinks(9, true);

        VideoTask settled = theTask();
        assertThat(settled.status()).isEqualTo(TaskStatus.FAILURE);
        assertThat(settled.errorMessage()).contains("the instance sending it (a) gave no sign of it for 10 s")
                .contains("not sent again");
        assertThat(provider.submits()).isEmpty();
    }

    @Test
    void a_leaving_instance_claims_nothing_and_leaves_its_new_submits_for_the_others_to_send_at_once() throws Exception {
        a.cluster().stopWorking();

        a.submit().submit(new Command("alice", draft("make it dance"), null));
        assertThat(theTask().status()).isEqualTo(TaskStatus.ACCEPTED);
        assertThat(a.sync().syncDue()).isZero();
        assertThat(a.cluster().awaitSends(Duration.ZERO)).isTrue();
        a.cluster().leave();

        assertThat(b.sync().syncDue()).isEqualTo(1);
        assertThat(theTask().status()).isEqualTo(TaskStatus.PENDING);
        assertThat(provider.submits()).hasSize(1);
    }
}
