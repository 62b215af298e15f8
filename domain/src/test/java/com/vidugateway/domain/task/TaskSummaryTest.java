package com.vidugateway.domain.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.testing.Drafts;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskSummaryTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final VideoRequest REQUEST = Drafts.accepted(Drafts.valid("viduq2"));

    @Test
    void a_summary_shows_the_request_as_accepted_and_the_tasks_life() {
        VideoTask task = VideoTask.accept(new TaskId("t-1"), "alice", REQUEST, T0)
                .moveTo(TaskStatus.SUBMITTING, T0.plusSeconds(1)).submitted("prov-1", T0.plusSeconds(2))
                .observed(TaskStatus.SUCCESS, List.of("https://cdn.example/a.mp4"), null, T0.plusSeconds(30))
                .withVideoProblem("503");

        TaskSummary summary = task.summary();

        assertThat(summary).isEqualTo(new TaskSummary(task.id(), task.history(), "prov-1", REQUEST.modelName(),
                REQUEST.prompt(), REQUEST.duration(), REQUEST.resolution(), REQUEST.aspectRatio(),
                REQUEST.references().allImages(), null, List.of("https://cdn.example/a.mp4"), null, null, "503"));
        assertThat(summary.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(summary.acceptedAt()).isEqualTo(T0);
        assertThat(summary.endedAt()).contains(T0.plusSeconds(30));
        assertThat(summary.imageCount()).isEqualTo(REQUEST.imageCount());
    }

    @Test
    void a_running_task_has_not_ended_and_a_summary_changes_with_its_task() {
        VideoTask accepted = VideoTask.accept(new TaskId("t-2"), "alice", REQUEST, T0);
        VideoTask submitting = accepted.moveTo(TaskStatus.SUBMITTING, T0.plusSeconds(1));

        assertThat(submitting.summary().endedAt()).isEmpty();
        assertThat(submitting.summary()).isNotEqualTo(accepted.summary());
        assertThat(submitting.summary()).isEqualTo(submitting.summary());
    }

    @Test
    void a_history_starts_with_accepted() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TaskSummary(new TaskId("t-3"),
                List.of(new StatusChange(TaskStatus.RUNNING, T0)), null, "viduq2", "p", 5, REQUEST.resolution(),
                REQUEST.aspectRatio(), List.of(), null, null, null, null, null));
    }
}
