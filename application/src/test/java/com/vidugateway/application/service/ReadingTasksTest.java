package com.vidugateway.application.service;

import static com.vidugateway.application.service.Gateway.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.vidugateway.application.port.in.ListVideoTasks;
import com.vidugateway.application.port.in.SubmitVideoTask;
import com.vidugateway.application.port.in.SubmitVideoTask.Command;
import com.vidugateway.application.testing.InMemoryVideoTasks;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Get, list and await: what an owner sees of its tasks, and nothing of anyone else's. */
class ReadingTasksTest {

    private final Gateway gateway = Gateway.over(new InMemoryVideoTasks());

    private VideoTask submit(String owner, String prompt) {
        VideoTask task = ((SubmitVideoTask.Accepted) gateway.services.submit().submit(new Command(owner, draft(prompt), null))).task();
        gateway.clock.advance(Duration.ofMillis(10));
        return task;
    }

    @Test
    void an_owner_gets_its_task_and_another_owner_does_not() {
        VideoTask task = submit("alice", "make it dance");

        assertThat(gateway.services.get().get("alice", task.id(), false)).contains(task);
        assertThat(gateway.services.get().get("bob", task.id(), false)).isEmpty();
        assertThat(gateway.services.get().get("alice", new TaskId("unknown"), false)).isEmpty();
    }

    @Test
    void a_refreshing_get_asks_the_provider_and_a_plain_one_does_not() {
        VideoTask task = submit("alice", "make it dance");
        gateway.clock.advance(Duration.ofSeconds(10));

        assertThat(gateway.services.get().get("alice", task.id(), false).orElseThrow().status()).isEqualTo(TaskStatus.PENDING);
        assertThat(gateway.provider.statusReads()).isEmpty();
        assertThat(gateway.services.get().get("alice", task.id(), true).orElseThrow().status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(gateway.provider.statusReads()).hasSize(1);
    }

    @Test
    void a_list_pages_through_the_owners_tasks_newest_first() {
        List<TaskId> submitted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            submitted.add(submit("alice", "clip " + i).id());
        }
        submit("bob", "not alice's");

        ListVideoTasks.Page first = gateway.services.list().list("alice", null, 2, null);
        ListVideoTasks.Page second = gateway.services.list().list("alice", null, 2, first.nextCursor());
        ListVideoTasks.Page third = gateway.services.list().list("alice", null, 2, second.nextCursor());

        List<TaskId> seen = new ArrayList<>();
        for (ListVideoTasks.Page page : List.of(first, second, third)) {
            page.tasks().forEach(t -> seen.add(t.id()));
        }
        java.util.Collections.reverse(submitted);
        assertThat(seen).containsExactlyElementsOf(submitted);
        assertThat(third.nextCursor()).isNull();
    }

    @Test
    void a_list_filters_by_status() {
        submit("alice", "one");
        gateway.provider.failSubmits(new com.vidugateway.application.port.out.ProviderFailure.Rejected(
                com.vidugateway.application.port.out.ProviderFailure.Reason.BAD_PARAMETER, 400, "param_error", "Invalid param"));
        gateway.services.submit().submit(new Command("alice", draft("two"), null));

        assertThat(gateway.services.list().list("alice", TaskStatus.FAILURE, 10, null).tasks())
                .extracting(t -> t.prompt()).containsExactly("two");
    }

    @Test
    void a_bad_limit_or_cursor_is_refused_with_a_reason() {
        assertThatIllegalArgumentException().isThrownBy(() -> gateway.services.list().list("alice", null, 0, null))
                .withMessageContaining("between 1 and 100");
        assertThatIllegalArgumentException().isThrownBy(() -> gateway.services.list().list("alice", null, 101, null));
        assertThatIllegalArgumentException().isThrownBy(() -> gateway.services.list().list("alice", null, 10, "garbage!"))
                .withMessageContaining("next_cursor");
    }

    @Test
    void await_moves_the_task_on_itself_until_its_video_is_kept() throws InterruptedException {
        VideoTask task = submit("alice", "make it dance");
        List<TaskStatus> progress = new ArrayList<>();

        Optional<VideoTask> done = gateway.services.await().await("alice", task.id(), Duration.ofMinutes(5),
                p -> progress.add(p.task().status()));

        assertThat(done.orElseThrow().status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(done.get().video()).isNotNull();
        assertThat(progress).contains(TaskStatus.PENDING).endsWith(TaskStatus.SUCCESS);
        assertThat(Duration.between(Gateway.START, gateway.clock.instant())).isLessThan(Duration.ofSeconds(40));
    }

    @Test
    void await_returns_the_unfinished_task_at_its_deadline() throws InterruptedException {
        VideoTask task = submit("alice", "make it dance");

        Optional<VideoTask> waited = gateway.services.await().await("alice", task.id(), Duration.ofSeconds(10), t -> { });

        assertThat(waited.orElseThrow().isTerminal()).isFalse();
        assertThat(Duration.between(Gateway.START, gateway.clock.instant())).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(11));
    }

    @Test
    void await_of_someone_elses_task_finds_nothing() throws InterruptedException {
        VideoTask task = submit("alice", "make it dance");

        assertThat(gateway.services.await().await("bob", task.id(), Duration.ofSeconds(10), t -> { })).isEmpty();
    }
}
