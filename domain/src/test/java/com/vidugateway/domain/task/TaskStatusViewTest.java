package com.vidugateway.domain.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.testing.Drafts;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskStatusViewTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final VideoRequest REQUEST = Drafts.accepted(Drafts.valid("viduq2"));

    private static VideoTask submitting(String id) {
        return VideoTask.accept(new TaskId(id), "alice", REQUEST, T0).moveTo(TaskStatus.SUBMITTING, T0.plusSeconds(1));
    }

    @Test
    void a_task_shows_its_status_times_message_video_and_duration() {
        VideoTask stored = submitting("t-1").submitted("prov-1", T0.plusSeconds(2))
                .observed(TaskStatus.SUCCESS, List.of("https://cdn.example/a.mp4"), null, T0.plusSeconds(30))
                .withVideo(new StoredVideo("t-1.mp4", 10, "ab".repeat(32), T0.plusSeconds(31)));

        TaskStatusView view = TaskStatusView.of(stored);

        assertThat(view).isEqualTo(new TaskStatusView(stored.id(), "alice", TaskStatus.SUCCESS, T0, T0.plusSeconds(30),
                null, true, List.of("https://cdn.example/a.mp4"), REQUEST.duration(), false));
        assertThat(view.isFinal()).isTrue();
    }

    @Test
    void a_failure_is_final_unless_it_was_settled_while_the_submits_outcome_was_unknown() {
        VideoTask refused = submitting("t-2").failed("refused", T0.plusSeconds(2));
        VideoTask settled = submitting("t-3").moveTo(TaskStatus.OUTCOME_UNKNOWN, T0.plusSeconds(300))
                .failed("the submit's outcome is unknown", T0.plusSeconds(301));

        assertThat(TaskStatusView.of(refused).isFinal()).isTrue();
        assertThat(TaskStatusView.of(settled).isFinal()).isFalse();
        assertThat(TaskStatusView.of(settled).awaitsLateSubmitAnswer()).isTrue();
    }

    @Test
    void a_running_task_and_a_success_whose_video_is_not_kept_yet_may_still_change() {
        VideoTask running = submitting("t-4").submitted("prov-4", T0.plusSeconds(2));
        VideoTask succeeded = running.observed(TaskStatus.SUCCESS, List.of("https://cdn.example/b.mp4"), null,
                T0.plusSeconds(30));

        assertThat(TaskStatusView.of(running).isFinal()).isFalse();
        assertThat(TaskStatusView.of(running).endedAt()).isNull();
        assertThat(TaskStatusView.of(succeeded).isFinal()).isFalse();
    }

    @Test
    void an_end_time_is_there_exactly_when_the_task_ended() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TaskStatusView(new TaskId("t-5"), "alice",
                TaskStatus.RUNNING, T0, T0.plusSeconds(9), null, false, List.of(), 5, false));
        assertThatIllegalArgumentException().isThrownBy(() -> new TaskStatusView(new TaskId("t-5"), "alice",
                TaskStatus.FAILURE, T0, null, "no", false, List.of(), 5, false));
    }
}
