package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.application.port.out.ProviderFailure;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/tasks/{id}/cancel}, and how a cancelled or failed task reads everywhere (typed failure codes). */
@MicronautTest
class CancelApiTest extends GatewayHttpTest {

    @Test
    void a_task_the_provider_took_ends_cancelled_at_once_and_the_gateway_learns_what_it_charged() {
        String id = accepted(api, Bodies.images("cancel me"));
        assertThat(tasks.find(new TaskId(id)).orElseThrow().status()).isEqualTo(TaskStatus.PENDING);

        Api.Answer cancelled = api.postJson("/v1/tasks/" + id + "/cancel", "");

        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.string("status")).isEqualTo("Cancelled");
        assertThat(cancelled.string("task_status")).isEqualTo("Failure");
        assertThat(cancelled.string("error.code")).isEqualTo("cancelled");
        assertThat(cancelled.string("error.category")).isEqualTo("client");
        assertThat(cancelled.string("error.retryable")).isEqualTo("false");
        assertThat(cancelled.string("message")).contains("may still finish and charge it");
        // A drop-in Modelverse client sees a Failure that says it was cancelled.
        Api.Answer status = api.get("/v1/tasks/status?task_id=" + id);
        assertThat(status.status()).as(status.toString()).isEqualTo(200);
        assertThat(status.string("output.task_status")).isEqualTo("Failure");
        assertThat(status.string("output.error_message")).startsWith("cancelled by the client");
        // Idempotent.
        assertThat(api.postJson("/v1/tasks/" + id + "/cancel", "").string("status")).isEqualTo("Cancelled");

        // The provider had it and finishes it: the gateway keeps asking, quietly, and counts the charge.
        for (int i = 0; i < 120 && tasks.find(new TaskId(id)).orElseThrow().providerOutcome() == null; i++) {
            clock.advance(Duration.ofSeconds(1));
            services.sync().syncDue();
        }
        VideoTask after = tasks.find(new TaskId(id)).orElseThrow();
        assertThat(after.status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(after.providerOutcome()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(api.get("/v1/usage?from=2026-05-01&to=2026-05-31").string("total.settled_cny")).isEqualTo("1.41");
    }

    @Test
    void a_task_not_yet_sent_is_cancelled_with_nothing_sent_and_an_ended_task_is_409() {
        ProviderFailure[] down = new ProviderFailure[50];
        java.util.Arrays.fill(down, new ProviderFailure.Unavailable(503, "down for a while", null));
        provider.failSubmits(down);
        String queued = accepted(api, Bodies.images("queued"));
        assertThat(tasks.find(new TaskId(queued)).orElseThrow().status()).isEqualTo(TaskStatus.ACCEPTED);
        int sent = provider.submits().size();

        Api.Answer cancelled = api.postJson("/v1/tasks/" + queued + "/cancel", "");

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.string("message")).contains("nothing was sent");
        clock.advance(Duration.ofMinutes(5));
        services.sync().syncDue();
        assertThat(provider.submits()).as("never sent after the cancel").hasSize(sent);
        provider.recover();
        assertThat(api.get("/v1/tasks?status=Cancelled").text()).contains(queued);

        String done = accepted(api, Bodies.images("done"));
        TestGateway.runUntilDone(services, tasks, clock, done);
        Api.Answer ended = api.postJson("/v1/tasks/" + done + "/cancel", "");
        assertThat(ended.status()).isEqualTo(409);
        assertThat(ended.string("error.code")).isEqualTo("task_ended");
        assertThat(ended.string("error.message")).contains("(Success)");
        assertThat(as("key-b").postJson("/v1/tasks/" + done + "/cancel", "").status()).isEqualTo(404);
    }

    @Test
    void a_provider_refusal_reads_as_its_typed_code() {
        provider.failSubmits(new ProviderFailure.Rejected(ProviderFailure.Reason.SENSITIVE_CONTENT, 400,
                "sensitive_check_error", "Sensitive check error"));
        Api.Answer refused = api.postJson("/v1/tasks/submit", Bodies.images("refused"));
        assertThat(refused.status()).isEqualTo(400);
        String id = api.get("/v1/tasks?limit=1").string("tasks[0].task_id");

        Api.Answer details = api.get("/v1/tasks/" + id);

        assertThat(details.string("status")).isEqualTo("Failure");
        assertThat(details.string("error.code")).isEqualTo("content_policy");
        assertThat(details.string("error.category")).isEqualTo("client");
        assertThat(details.string("error.retryable")).isEqualTo("false");
        assertThat(details.string("error.message")).contains("Sensitive check error");
    }
}
