package com.vidugateway.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vidugateway.application.port.out.TaskChanges;
import com.vidugateway.application.port.out.TaskStatuses;
import com.vidugateway.application.testing.MutableClock;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.TaskStatusView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusMemoryTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final TaskId ID = new TaskId("t-1");

    private final MutableClock clock = new MutableClock(T0);
    private final Store store = new Store();
    private final Feed feed = new Feed();
    private final StatusMemory memory = new StatusMemory(store, feed, clock, Duration.ofSeconds(1));

    /** The task runs, the memory follows the feed, and it has answered for the task once (from the store). */
    private void answeredOnceWhileFollowing() {
        store.put(running(ID));
        memory.followChanges();
        memory.statusOf("alice", ID);
    }

    @Test
    void before_it_follows_the_feed_every_answer_comes_from_the_store() {
        store.put(running(ID));

        memory.statusOf("alice", ID);
        memory.statusOf("alice", ID);

        assertThat(store.reads).isEqualTo(2);
        assertThat(memory.remembered("alice", ID)).isEmpty();
    }

    @Test
    void an_answer_read_once_is_given_from_memory_while_its_task_does_not_change() {
        store.put(running(ID));
        memory.followChanges();

        assertThat(memory.statusOf("alice", ID)).contains(running(ID));
        assertThat(memory.statusOf("alice", ID)).contains(running(ID));
        assertThat(memory.remembered("alice", ID)).contains(running(ID));
        assertThat(store.reads).isEqualTo(1);
    }

    @Test
    void a_change_seen_in_the_feed_lets_the_answer_go_and_the_next_read_finds_the_new_one() {
        answeredOnceWhileFollowing();

        store.put(succeeded(ID));
        feed.changed(ID);
        assertThat(memory.followChanges()).isEqualTo(1);

        assertThat(memory.remembered("alice", ID)).isEmpty();
        assertThat(memory.statusOf("alice", ID)).contains(succeeded(ID));
        assertThat(store.reads).isEqualTo(2);
    }

    @Test
    void changes_before_the_first_round_are_not_read_again_and_later_ones_are_read_in_batches() {
        feed.changed(new TaskId("old"));
        memory.followChanges();
        for (int i = 0; i < StatusMemory.BATCH + 5; i++) {
            feed.changed(new TaskId("t-" + i));
        }

        assertThat(memory.followChanges()).isEqualTo(StatusMemory.BATCH + 5);
        assertThat(memory.followChanges()).isZero();
    }

    @Test
    void when_the_feed_was_not_followed_lately_a_running_task_is_read_from_the_store_and_a_final_one_from_memory() {
        TaskId failed = new TaskId("t-failed");
        store.put(running(ID));
        store.put(failed(failed));
        memory.followChanges();
        memory.statusOf("alice", ID);
        memory.statusOf("alice", failed);

        clock.advance(Duration.ofMillis(1001));

        assertThat(memory.remembered("alice", ID)).isEmpty();
        assertThat(memory.remembered("alice", failed)).contains(failed(failed));
        memory.statusOf("alice", ID);
        assertThat(store.reads).isEqualTo(3);
    }

    @Test
    void a_round_that_fails_leaves_the_answers_to_go_stale() {
        answeredOnceWhileFollowing();
        feed.down = true;

        clock.advance(Duration.ofMillis(600));
        assertThatThrownBy(memory::followChanges).isInstanceOf(IllegalStateException.class);
        assertThat(memory.remembered("alice", ID)).isPresent();
        clock.advance(Duration.ofMillis(600));

        assertThat(memory.remembered("alice", ID)).isEmpty();
    }

    @Test
    void an_answer_read_while_a_round_saw_its_task_change_is_not_held() {
        store.put(running(ID));
        memory.followChanges();
        // While the store reads the old answer, the task changes and a round sees it (then the read returns).
        store.duringRead = () -> {
            feed.changed(ID);
            memory.followChanges();
        };

        assertThat(memory.statusOf("alice", ID)).contains(running(ID));

        store.duringRead = () -> { };
        assertThat(memory.remembered("alice", ID)).isEmpty();
    }

    @Test
    void another_owners_task_is_never_answered_from_memory() {
        answeredOnceWhileFollowing();

        assertThat(memory.remembered("bob", ID)).isEmpty();
        assertThat(memory.statusOf("bob", ID)).isEmpty();
    }

    private static TaskStatusView running(TaskId id) {
        return new TaskStatusView(id, "alice", TaskStatus.RUNNING, T0, null, null, false, List.of(), 5, false);
    }

    private static TaskStatusView succeeded(TaskId id) {
        return new TaskStatusView(id, "alice", TaskStatus.SUCCESS, T0, T0.plusSeconds(30), null, true, List.of(), 5,
                false);
    }

    private static TaskStatusView failed(TaskId id) {
        return new TaskStatusView(id, "alice", TaskStatus.FAILURE, T0, T0.plusSeconds(3), "refused", false, List.of(),
                5, false);
    }

    /** Answers from a map, counting reads; {@code duringRead} runs in the middle of each read. */
    private static final class Store implements TaskStatuses {
        final Map<TaskId, TaskStatusView> answers = new HashMap<>();
        Runnable duringRead = () -> { };
        int reads;

        void put(TaskStatusView answer) {
            answers.put(answer.id(), answer);
        }

        @Override
        public Optional<TaskStatusView> statusOf(String owner, TaskId id) {
            reads++;
            TaskStatusView answer = answers.get(id);
            duringRead.run();
            return Optional.ofNullable(answer).filter(found -> found.owner().equals(owner));
        }
    }

    /** A feed of numbered changes, in order. */
    private static final class Feed implements TaskChanges {
        final List<Change> changes = new ArrayList<>();
        boolean down;

        void changed(TaskId id) {
            changes.add(new Change(id, changes.size() + 1));
        }

        @Override
        public long latest() {
            check();
            return changes.size();
        }

        @Override
        public List<Change> after(long after, int limit) {
            check();
            return changes.stream().filter(change -> change.number() > after).limit(limit).toList();
        }

        private void check() {
            if (down) {
                throw new IllegalStateException("the database is down");
            }
        }
    }
}
