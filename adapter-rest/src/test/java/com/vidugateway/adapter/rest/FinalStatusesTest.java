package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.application.service.ValidateVideoRequestService;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.catalogue.PriceLatencyTable;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.request.VideoRequestDraft;
import com.vidugateway.domain.task.StoredVideo;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.TaskStatusView;
import com.vidugateway.domain.task.VideoTask;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FinalStatusesTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final VideoRequest REQUEST = new ValidateVideoRequestService(ModelCatalogue.STANDARD,
            PriceLatencyTable.STANDARD).validate(VideoRequestDraft.builder().model("viduq2")
            .imageInputs(VideoRequestDraft.texts(List.of("https://example.com/cat.png"))).prompt("make it dance")
            .build()).request();

    private final FinalStatuses finals = new FinalStatuses();

    @Test
    void a_failure_and_a_stored_video_are_remembered_as_final() {
        VideoTask failed = submitting("t-1").failed("refused by the provider", T0.plusSeconds(2));
        VideoTask stored = submitting("t-2").submitted("prov-2", T0.plusSeconds(2))
                .moveTo(TaskStatus.SUCCESS, T0.plusSeconds(30))
                .withVideo(new StoredVideo("videos/t-2.mp4", 10, "ab".repeat(32), T0.plusSeconds(31), null));

        finals.offer(TaskStatusView.of(failed));
        finals.offer(TaskStatusView.of(stored));

        assertThat(finals.find("alice", "t-1")).hasValueSatisfying(known -> {
            assertThat(known.status()).isEqualTo(TaskStatus.FAILURE);
            assertThat(known.errorMessage()).isEqualTo("refused by the provider");
        });
        assertThat(finals.find("alice", "t-2")).hasValueSatisfying(known -> {
            assertThat(known.videoKept()).isTrue();
            assertThat(known.resultUrls()).isEmpty();
        });
        assertThat(finals.find("bob", "t-1")).isEmpty();
    }

    @Test
    void a_failure_settled_while_the_submits_outcome_was_unknown_is_not_final_the_provider_may_still_answer() {
        VideoTask settled = submitting("t-3").moveTo(TaskStatus.OUTCOME_UNKNOWN, T0.plusSeconds(300))
                .failed("the submit's outcome is unknown", T0.plusSeconds(301));

        finals.offer(TaskStatusView.of(settled));

        assertThat(finals.find("alice", "t-3")).isEmpty();
    }

    @Test
    void a_task_still_moving_is_not_remembered() {
        finals.offer(TaskStatusView.of(submitting("t-4").submitted("prov-4", T0.plusSeconds(2))));
        finals.offer(TaskStatusView.of(submitting("t-5").submitted("prov-5", T0.plusSeconds(2)).moveTo(TaskStatus.SUCCESS,
                T0.plusSeconds(30))));

        assertThat(finals.find("alice", "t-4")).isEmpty();
        assertThat(finals.find("alice", "t-5")).isEmpty();
    }

    private static VideoTask submitting(String id) {
        return VideoTask.accept(new TaskId(id), "alice", REQUEST, T0).moveTo(TaskStatus.SUBMITTING,
                T0.plusSeconds(1));
    }
}
