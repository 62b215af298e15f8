package com.vidugateway.domain.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.testing.Drafts;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the provider's answers and the gateway's copy do to a task, and that each change is one revision. */
class VideoTaskChangesTest {

    private static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");
    private static final VideoRequest REQUEST = Drafts.accepted(Drafts.valid("viduq2"));

    private static VideoTask submitting() {
        return VideoTask.accept(new TaskId("t-1"), "alice", REQUEST, T0).moveTo(TaskStatus.SUBMITTING, T0.plusSeconds(1));
    }

    private static VideoTask pending() {
        return submitting().submitted("prov-1", T0.plusSeconds(2));
    }

    @Test
    void every_change_is_exactly_one_revision() {
        VideoTask accepted = VideoTask.accept(new TaskId("t-1"), "alice", REQUEST, T0);
        VideoTask sending = accepted.moveTo(TaskStatus.SUBMITTING, T0);
        VideoTask taken = sending.submitted("prov-1", T0);
        VideoTask running = taken.observed(TaskStatus.RUNNING, List.of(), null, T0);
        VideoTask done = running.observed(TaskStatus.SUCCESS, List.of("https://x/a.mp4"), null, T0);
        VideoTask problem = done.withVideoProblem("503");
        VideoTask kept = problem.withVideo(new StoredVideo("t-1.mp4", 10, "ab", T0));

        assertThat(List.of(accepted, sending, taken, running, done, problem, kept))
                .extracting(VideoTask::revision).containsExactly(0, 1, 2, 3, 4, 5, 6);
    }

    @Test
    void submitted_records_the_provider_id_and_makes_it_pending() {
        VideoTask task = pending();

        assertThat(task.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(task.providerTaskId()).isEqualTo("prov-1");
        assertThat(task.enteredAt(TaskStatus.PENDING)).contains(T0.plusSeconds(2));
    }

    @Test
    void only_a_task_being_sent_can_be_submitted() {
        VideoTask accepted = VideoTask.accept(new TaskId("t-1"), "alice", REQUEST, T0);

        assertThatThrownBy(() -> accepted.submitted("prov-1", T0)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void a_success_keeps_its_urls_and_a_failure_its_message() {
        VideoTask success = pending().observed(TaskStatus.SUCCESS, List.of("https://x/a.mp4"), null, T0.plusSeconds(30));
        VideoTask failure = pending().observed(TaskStatus.FAILURE, List.of(), "audit failed", T0.plusSeconds(30));
        VideoTask silent = pending().observed(TaskStatus.FAILURE, List.of(), " ", T0.plusSeconds(30));

        assertThat(success.resultUrls()).containsExactly("https://x/a.mp4");
        assertThat(success.errorMessage()).isNull();
        assertThat(failure.errorMessage()).isEqualTo("audit failed");
        assertThat(silent.errorMessage()).isEqualTo("the provider reported a failure without a reason");
    }

    @Test
    void a_late_answer_never_moves_a_task_backwards_and_an_ended_task_ignores_answers() {
        VideoTask running = pending().observed(TaskStatus.RUNNING, List.of(), null, T0.plusSeconds(10));
        VideoTask done = running.observed(TaskStatus.SUCCESS, List.of("https://x/a.mp4"), null, T0.plusSeconds(30));

        assertThat(running.observed(TaskStatus.PENDING, List.of(), null, T0.plusSeconds(11))).isSameAs(running);
        assertThat(running.observed(TaskStatus.RUNNING, List.of(), null, T0.plusSeconds(12))).isSameAs(running);
        assertThat(done.observed(TaskStatus.FAILURE, List.of(), "late", T0.plusSeconds(40))).isSameAs(done);
    }

    @Test
    void failed_ends_any_unfinished_task_with_its_reason() {
        VideoTask failed = pending().failed("timed out", T0.plusSeconds(600));

        assertThat(failed.status()).isEqualTo(TaskStatus.FAILURE);
        assertThat(failed.errorMessage()).isEqualTo("timed out");
        assertThatThrownBy(() -> failed.failed("again", T0.plusSeconds(601))).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void only_a_success_has_a_video_and_keeping_it_clears_the_problem() {
        VideoTask success = pending().observed(TaskStatus.SUCCESS, List.of("https://x/a.mp4"), null, T0.plusSeconds(30))
                .withVideoProblem("HTTP 503");
        StoredVideo video = new StoredVideo("t-1.mp4", 1234, "cd".repeat(32), T0.plusSeconds(31));

        VideoTask kept = success.withVideo(video);

        assertThat(kept.video()).isEqualTo(video);
        assertThat(kept.videoProblem()).isNull();
        assertThatThrownBy(() -> pending().withVideo(video)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void fresh_urls_replace_expired_ones_and_the_same_urls_change_nothing() {
        VideoTask success = pending().observed(TaskStatus.SUCCESS, List.of("https://x/old.mp4"), null, T0.plusSeconds(30));

        assertThat(success.withResultUrls(List.of("https://x/old.mp4"))).isSameAs(success);
        assertThat(success.withResultUrls(List.of())).isSameAs(success);
        assertThat(success.withResultUrls(List.of("https://x/new.mp4")).resultUrls()).containsExactly("https://x/new.mp4");
    }

    @Test
    void a_submit_that_certainly_did_not_reach_the_provider_goes_back_to_the_queue() {
        VideoTask queued = submitting().moveTo(TaskStatus.ACCEPTED, T0.plusSeconds(3));

        assertThat(queued.status()).isEqualTo(TaskStatus.ACCEPTED);
        assertThat(queued.history()).extracting(StatusChange::status)
                .containsExactly(TaskStatus.ACCEPTED, TaskStatus.SUBMITTING, TaskStatus.ACCEPTED);
    }
}
