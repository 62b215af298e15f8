package com.vidugateway.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.request.VideoRequestDraft;
import com.vidugateway.domain.request.VideoRequestDraft.SubjectDraft;
import com.vidugateway.domain.task.TaskStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link VideoGenerator} does, the simulated one and the Modelverse client alike: the same
 * request gives the same observable behaviour. Each implementation's test extends this class.
 *
 * <p>Scripted prompts (the fake provider's triggers, which the stub Modelverse honours too): {@code [fail]}
 * ends in Failure, {@code [reject:sensitive]} is refused at submit.
 */
public abstract class VideoGeneratorContract {

    protected static final String IMAGE_URL = "https://umodelverse-inference.cn-wlcb.ufileos.com/ucloud-maxcot.jpg";

    /** The generator under test. */
    protected abstract VideoGenerator generator();

    /** Lets the provider move on between two status reads (advance a clock, or nothing for a scripted stub). */
    protected abstract void letTimePass();

    protected static VideoRequest request(String prompt, int seconds) {
        return VideoRequest.from(VideoRequestDraft.builder().model("viduq2").images(IMAGE_URL).prompt(prompt)
                .duration(seconds).build(), ModelCatalogue.STANDARD).value();
    }

    /** Reads the task until it ends (at most 200 reads), returning every status seen. */
    protected List<ProviderTask> followToTheEnd(String providerTaskId) throws ProviderFailure {
        List<ProviderTask> seen = new ArrayList<>();
        for (int read = 0; read < 200; read++) {
            ProviderTask task = generator().status(providerTaskId);
            seen.add(task);
            if (task.status().isTerminal()) {
                return seen;
            }
            letTimePass();
        }
        throw new AssertionError("task " + providerTaskId + " did not end in 200 reads: " + seen.get(seen.size() - 1));
    }

    @Test
    void submit_returns_a_task_id_that_status_reads_back() throws ProviderFailure {
        VideoGenerator.Submission submission = generator().submit(request("make it dance.", 5));

        ProviderTask task = generator().status(submission.providerTaskId());

        assertThat(submission.providerTaskId()).isNotBlank();
        assertThat(task.taskId()).isEqualTo(submission.providerTaskId());
        assertThat(task.status()).isIn(TaskStatus.PENDING, TaskStatus.RUNNING, TaskStatus.SUCCESS);
    }

    @Test
    void two_submits_are_two_tasks() throws ProviderFailure {
        String first = generator().submit(request("make it dance.", 5)).providerTaskId();
        String second = generator().submit(request("make it dance.", 5)).providerTaskId();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void a_task_only_moves_forward_and_succeeds_with_urls_times_and_usage() throws ProviderFailure {
        String id = generator().submit(request("make it dance.", 4)).providerTaskId();

        List<ProviderTask> seen = followToTheEnd(id);

        for (int i = 1; i < seen.size(); i++) {
            TaskStatus before = seen.get(i - 1).status();
            TaskStatus after = seen.get(i).status();
            assertThat(after == before || before.canMoveTo(after))
                    .as("%s then %s", before, after).isTrue();
        }
        ProviderTask done = seen.get(seen.size() - 1);
        assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(done.urls()).isNotEmpty().allMatch(url -> url.startsWith("http://") || url.startsWith("https://"));
        assertThat(done.errorMessage()).isNull();
        assertThat(done.submitTime()).isNotNull();
        assertThat(done.finishTime()).isNotNull().isAfterOrEqualTo(done.submitTime());
        assertThat(done.usageSeconds()).isEqualTo(4);
    }

    @Test
    void a_scripted_failure_ends_in_failure_with_a_message_and_no_urls() throws ProviderFailure {
        String id = generator().submit(request("make it dance [fail]", 5)).providerTaskId();

        List<ProviderTask> seen = followToTheEnd(id);
        ProviderTask done = seen.get(seen.size() - 1);

        assertThat(done.status()).isEqualTo(TaskStatus.FAILURE);
        assertThat(done.errorMessage()).isNotBlank();
        assertThat(done.urls()).isEmpty();
        assertThat(done.finishTime()).isNotNull();
    }

    @Test
    void sensitive_content_is_rejected_at_submit() {
        assertThatThrownBy(() -> generator().submit(request("something [reject:sensitive]", 5)))
                .isInstanceOfSatisfying(ProviderFailure.Rejected.class, rejected -> {
                    assertThat(rejected.reason()).isEqualTo(ProviderFailure.Reason.SENSITIVE_CONTENT);
                    assertThat(rejected.httpStatus()).isEqualTo(400);
                    assertThat(rejected.code()).isEqualTo("sensitive_check_error");
                    assertThat(rejected.getMessage()).isNotBlank();
                });
    }

    @Test
    void an_id_it_never_issued_is_not_found() {
        assertThatThrownBy(() -> generator().status("no-such-task"))
                .isInstanceOfSatisfying(ProviderFailure.Rejected.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo(ProviderFailure.Reason.NOT_FOUND));
    }

    @Test
    void the_subjects_shape_is_generated_like_the_images_shape() throws ProviderFailure {
        VideoRequest subjects = VideoRequest.from(VideoRequestDraft.builder().model("viduq2")
                .subjects(List.of(SubjectDraft.of("1", List.of(IMAGE_URL), ""), SubjectDraft.of("2", List.of(IMAGE_URL), "")))
                .prompt("@1 and @2 run together").duration(3).audio(true).build(), ModelCatalogue.STANDARD).value();

        String id = generator().submit(subjects).providerTaskId();
        List<ProviderTask> seen = followToTheEnd(id);

        assertThat(seen.get(seen.size() - 1).status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(seen.get(seen.size() - 1).usageSeconds()).isEqualTo(3);
    }
}
