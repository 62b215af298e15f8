package com.vidugateway.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import org.junit.jupiter.api.Test;

/** {@code vidu cancel ID} over the real services in memory: the provider takes the task, the command cancels it. */
class CancelCommandTest {

    private final InMemoryGateway gateway = new InMemoryGateway();

    @Test
    void cancel_ends_a_running_task_says_what_it_means_and_is_idempotent() {
        assertThat(gateway.run("submit", "--image", "https://example.com/cat.png", "--prompt", "a cat")).isZero();
        VideoTask task = gateway.tasks.all().get(0);

        assertThat(gateway.run("cancel", task.id().value())).as(gateway.err()).isZero();

        assertThat(gateway.tasks.all().get(0).status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(gateway.out()).contains("Cancelled").contains("[cancelled]");
        assertThat(gateway.err()).contains("may still finish and charge it");
        assertThat(gateway.run("cancel", task.id().value())).isZero();
        assertThat(gateway.run("status", task.id().value())).isEqualTo(ExitCode.TASK_FAILED);
        assertThat(gateway.run("status", task.id().value(), "--json")).isEqualTo(ExitCode.TASK_FAILED);
        assertThat(gateway.out()).contains("\"code\":\"cancelled\"").contains("\"category\":\"client\"");
    }

    @Test
    void an_unknown_task_exits_2() {
        assertThat(gateway.run("cancel", "00000000-0000-0000-0000-000000000000")).isEqualTo(ExitCode.INVALID);
        assertThat(gateway.err()).contains("00000000-0000-0000-0000-000000000000");
    }
}
