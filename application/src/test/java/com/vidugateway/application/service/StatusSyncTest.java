package com.vidugateway.application.service;

import static com.vidugateway.application.service.Gateway.draft;
import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.application.port.in.SubmitVideoTask;
import com.vidugateway.application.port.in.SubmitVideoTask.Command;
import com.vidugateway.application.port.out.ProviderFailure;
import com.vidugateway.application.testing.InMemoryVideoTasks;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StatusSyncTest {

    private final Gateway gateway = Gateway.over(new InMemoryVideoTasks());

    private VideoTask submitted(String prompt) {
        return ((SubmitVideoTask.Accepted) gateway.services.submit().submit(new Command("alice", draft(prompt), null))).task();
    }

    private VideoTask now(VideoTask task) {
        return gateway.store.find(task.id()).orElseThrow();
    }

    @Test
    void a_task_is_followed_to_success_and_its_video_is_kept_then_nothing_more_is_asked() {
        VideoTask task = submitted("make it dance");

        gateway.syncFor(Duration.ofSeconds(60));

        VideoTask done = now(task);
        assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(done.video()).isNotNull();
        assertThat(done.video().location()).isEqualTo(task.id().value() + ".mp4");
        assertThat(gateway.archive.downloads()).containsExactly(URI.create("https://provider.example/prov-1.mp4"));
        assertThat(gateway.store.checkOf(task.id())).isEmpty();
        int reads = gateway.provider.statusReads().size();
        gateway.syncFor(Duration.ofMinutes(5));
        assertThat(gateway.provider.statusReads()).hasSize(reads);
    }

    @Test
    void polling_waits_for_the_likely_finish_and_then_asks_a_few_times_only() {
        submitted("make it dance");

        gateway.syncFor(Duration.ofSeconds(26));
        assertThat(gateway.provider.statusReads()).isEmpty();
        gateway.syncFor(Duration.ofSeconds(30));

        // Finished at 28.7 s: seen at the first poll after it; a fixed 5-second poll would have asked 6 times.
        assertThat(gateway.provider.statusReads()).hasSizeBetween(1, 2);
    }

    @Test
    void provider_faults_during_sync_only_delay_a_task_never_end_it() {
        VideoTask task = submitted("make it dance");
        gateway.provider.answerStatus(
                new ProviderFailure.RateLimited(Duration.ofSeconds(20), "429"),
                new ProviderFailure.Unavailable(500, "internal error", null),
                new ProviderFailure.TimedOut("no answer", null),
                new ProviderFailure.MalformedResponse("'<html>'"),
                new ProviderFailure.Unavailable(504, "gateway timeout", null),
                new ProviderFailure.Rejected(ProviderFailure.Reason.AUTHENTICATION, 401, "auth_error", "bad key"));

        gateway.syncFor(Duration.ofSeconds(90));
        assertThat(now(task).status()).isNotEqualTo(TaskStatus.FAILURE);
        gateway.syncFor(Duration.ofMinutes(10));

        assertThat(now(task).status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(now(task).video()).isNotNull();
        assertThat(gateway.provider.submits()).hasSize(1);
    }

    @Test
    void a_rate_limited_read_waits_the_providers_retry_after() {
        VideoTask task = submitted("make it dance");
        gateway.provider.answerStatus(new ProviderFailure.RateLimited(Duration.ofSeconds(40), "429"));

        gateway.syncFor(Duration.ofSeconds(28));
        assertThat(gateway.provider.statusReads()).hasSize(1);

        gateway.assertCalledAgainOnlyAfter(Duration.ofSeconds(40), gateway.provider::statusReads);
        assertThat(now(task).status()).isEqualTo(TaskStatus.SUCCESS);
    }

    @Test
    void a_provider_failure_is_kept_with_its_message() {
        VideoTask task = submitted("make it dance");
        gateway.provider.answerStatus(TaskStatus.FAILURE);

        gateway.syncFor(Duration.ofSeconds(40));

        assertThat(now(task).status()).isEqualTo(TaskStatus.FAILURE);
        assertThat(now(task).errorMessage()).isEqualTo("generation failed");
        assertThat(gateway.archive.downloads()).isEmpty();
    }

    @Test
    void a_task_that_never_finishes_times_out_with_a_message_that_says_so() {
        VideoTask task = submitted("make it dance");
        Object[] running = new Object[500];
        java.util.Arrays.fill(running, TaskStatus.RUNNING);
        gateway.provider.answerStatus(running);

        // 20 × 28.7 s = 9.6 min, below the 10 min minimum: the task gets 10 minutes.
        gateway.syncFor(Duration.ofMinutes(9));
        assertThat(now(task).status()).isEqualTo(TaskStatus.RUNNING);
        gateway.syncFor(Duration.ofMinutes(2));

        VideoTask ended = now(task);
        assertThat(ended.status()).isEqualTo(TaskStatus.FAILURE);
        assertThat(ended.errorMessage()).startsWith("timed out").contains("10 min").contains("28 s");
        assertThat(gateway.store.checkOf(task.id())).isEmpty();
        // Late polls back off: far fewer than one every 4.5 s over 10 minutes.
        assertThat(gateway.provider.statusReads().size()).isLessThan(40);
    }

    @Test
    void a_failed_download_is_retried_with_fresh_urls_and_the_task_shows_the_problem_meanwhile() {
        VideoTask task = submitted("make it dance");
        gateway.archive.fail("HTTP 503 from provider.example", "connection reset");

        gateway.syncFor(Duration.ofSeconds(33));
        assertThat(now(task).status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(now(task).video()).isNull();
        assertThat(now(task).videoProblem()).contains("attempt 1 of 8").contains("HTTP 503");
        gateway.syncFor(Duration.ofMinutes(1));

        assertThat(now(task).video()).isNotNull();
        assertThat(now(task).videoProblem()).isNull();
        assertThat(gateway.archive.downloads()).hasSize(3);
    }

    @Test
    void a_download_that_keeps_failing_is_given_up_and_said_so() {
        VideoTask task = submitted("make it dance");
        gateway.archive.fail("404", "404", "404", "404", "404", "404", "404", "404", "404");

        gateway.syncFor(Duration.ofMinutes(30));

        assertThat(now(task).status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(now(task).video()).isNull();
        assertThat(now(task).videoProblem()).contains("attempt 8 of 8, giving up");
        assertThat(gateway.archive.downloads()).hasSize(8);
        assertThat(gateway.store.checkOf(task.id())).isEmpty();
    }

    @Test
    void two_processes_syncing_one_store_look_at_each_task_once_per_check() {
        Gateway other = gateway.restarted();
        VideoTask task = submitted("make it dance");

        for (int second = 0; second < 60; second++) {
            gateway.services.sync().syncDue();
            other.services.sync().syncDue();
            gateway.clock.advance(Duration.ofSeconds(1));
        }

        assertThat(now(task).status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(gateway.archive.downloads()).hasSize(1);
        assertThat(gateway.provider.statusReads()).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void the_provider_forgetting_a_task_ends_it_in_failure() {
        VideoTask task = submitted("make it dance");
        gateway.provider.answerStatus(new ProviderFailure.Rejected(ProviderFailure.Reason.NOT_FOUND, 404, "not_found", "task not found"));

        gateway.syncFor(Duration.ofSeconds(40));

        assertThat(now(task).status()).isEqualTo(TaskStatus.FAILURE);
        assertThat(now(task).errorMessage()).contains("no longer knows").contains("task not found");
    }
}
