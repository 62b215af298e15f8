package com.vidugateway.domain.task;

import static com.vidugateway.domain.task.TaskStatus.ACCEPTED;
import static com.vidugateway.domain.task.TaskStatus.CANCELLED;
import static com.vidugateway.domain.task.TaskStatus.FAILURE;
import static com.vidugateway.domain.task.TaskStatus.OUTCOME_UNKNOWN;
import static com.vidugateway.domain.task.TaskStatus.PENDING;
import static com.vidugateway.domain.task.TaskStatus.RUNNING;
import static com.vidugateway.domain.task.TaskStatus.SUBMITTING;
import static com.vidugateway.domain.task.TaskStatus.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.testing.Drafts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The task lifecycle (rules.md, "Task lifecycle", plus the gateway's own states before the provider knows
 * the task): every pair of states, allowed or forbidden, and what a move records.
 */
class TaskLifecycleTest {

    /**
     * The allowed moves, written out by hand. Provider: Pending → Running → Success | Failure, and Pending →
     * Success | Failure directly. Gateway: Accepted → Submitting (or Failure before any submit); Submitting →
     * any provider state, OutcomeUnknown when no answer came, or back to Accepted when the provider certainly
     * never took it (refused connection, 429); OutcomeUnknown → whatever reconciliation finds
     * (never back to Submitting: no blind resend). A client may cancel while Accepted, Pending or Running (not while
     * a submit is on its way). Success, Failure and Cancelled are final.
     */
    private static final Map<TaskStatus, Set<TaskStatus>> ALLOWED = Map.of(
            ACCEPTED, EnumSet.of(SUBMITTING, FAILURE, CANCELLED),
            SUBMITTING, EnumSet.of(ACCEPTED, OUTCOME_UNKNOWN, PENDING, RUNNING, SUCCESS, FAILURE),
            OUTCOME_UNKNOWN, EnumSet.of(PENDING, RUNNING, SUCCESS, FAILURE),
            PENDING, EnumSet.of(RUNNING, SUCCESS, FAILURE, CANCELLED),
            RUNNING, EnumSet.of(SUCCESS, FAILURE, CANCELLED),
            SUCCESS, EnumSet.noneOf(TaskStatus.class),
            FAILURE, EnumSet.noneOf(TaskStatus.class),
            CANCELLED, EnumSet.noneOf(TaskStatus.class));

    /** A way to reach each state from Accepted. */
    private static final Map<TaskStatus, List<TaskStatus>> PATH = Map.of(
            ACCEPTED, List.of(),
            SUBMITTING, List.of(SUBMITTING),
            OUTCOME_UNKNOWN, List.of(SUBMITTING, OUTCOME_UNKNOWN),
            PENDING, List.of(SUBMITTING, PENDING),
            RUNNING, List.of(SUBMITTING, PENDING, RUNNING),
            SUCCESS, List.of(SUBMITTING, PENDING, RUNNING, SUCCESS),
            FAILURE, List.of(SUBMITTING, FAILURE),
            CANCELLED, List.of(CANCELLED));

    private static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");
    private static final TaskId ID = new TaskId("task-1");
    private static final VideoRequest REQUEST = Drafts.accepted(Drafts.valid("viduq2"));

    private static VideoTask accepted() {
        return VideoTask.accept(ID, "alice", REQUEST, T0);
    }

    /** A task in {@code status}, each step one second after the one before. */
    private static VideoTask taskIn(TaskStatus status) {
        VideoTask task = accepted();
        Instant at = T0;
        for (TaskStatus step : PATH.get(status)) {
            at = at.plusSeconds(1);
            task = task.moveTo(step, at);
        }
        assertThat(task.status()).isEqualTo(status);
        return task;
    }

    static Stream<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (TaskStatus from : TaskStatus.values()) {
            for (TaskStatus to : TaskStatus.values()) {
                pairs.add(Arguments.of(from, to, ALLOWED.get(from).contains(to)));
            }
        }
        return pairs.stream();
    }

    @Test
    void the_table_names_every_status() {
        assertThat(ALLOWED.keySet()).containsExactlyInAnyOrder(TaskStatus.values());
        assertThat(PATH.keySet()).containsExactlyInAnyOrder(TaskStatus.values());
    }

    @ParameterizedTest(name = "{0} → {1} allowed={2}")
    @MethodSource("everyPair")
    void allows_exactly_the_listed_moves(TaskStatus from, TaskStatus to, boolean allowed) {
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
        assertThat(from.next().contains(to)).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "{0} → {1} allowed={2}")
    @MethodSource("everyPair")
    void a_task_makes_exactly_the_listed_moves(TaskStatus from, TaskStatus to, boolean allowed) {
        VideoTask task = taskIn(from);
        Instant at = task.lastChangedAt().plusSeconds(30);

        if (from == to) {
            assertThat(task.moveTo(to, at)).isSameAs(task);
        } else if (allowed) {
            VideoTask moved = task.moveTo(to, at);
            assertThat(moved.status()).isEqualTo(to);
            assertThat(moved.lastChangedAt()).isEqualTo(at);
            assertThat(moved.history()).hasSize(task.history().size() + 1)
                    .startsWith(task.history().toArray(StatusChange[]::new))
                    .endsWith(new StatusChange(to, at));
            assertThat(task.status()).as("the original is unchanged").isEqualTo(from);
        } else {
            assertThatThrownBy(() -> task.moveTo(to, at))
                    .isInstanceOf(IllegalTransitionException.class)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("task task-1 cannot move from " + from.displayName() + " to " + to.displayName());
        }
    }

    @ParameterizedTest
    @EnumSource(value = TaskStatus.class, names = {"SUCCESS", "FAILURE"})
    void a_terminal_task_never_changes_again(TaskStatus terminal) {
        VideoTask task = taskIn(terminal);

        assertThat(terminal.isTerminal()).isTrue();
        assertThat(terminal.next()).isEmpty();
        for (TaskStatus other : TaskStatus.values()) {
            if (other != terminal) {
                assertThatThrownBy(() -> task.moveTo(other, T0.plusSeconds(999)))
                        .isInstanceOf(IllegalTransitionException.class)
                        .hasMessageContaining("(" + terminal.displayName() + " is final)");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = TaskStatus.class, names = {"SUCCESS", "FAILURE", "CANCELLED"}, mode = EnumSource.Mode.EXCLUDE)
    void only_success_failure_and_cancelled_are_terminal(TaskStatus status) {
        assertThat(status.isTerminal()).isFalse();
    }

    @Test
    void a_forbidden_move_says_which_moves_are_allowed() {
        assertThatThrownBy(() -> taskIn(RUNNING).moveTo(PENDING, T0.plusSeconds(99)))
                .hasMessage("task task-1 cannot move from Running to Pending; allowed: [Success, Failure, Cancelled]");
    }

    @Test
    void a_cancel_before_sending_lets_the_images_go_and_after_sending_waits_for_the_providers_outcome() {
        VideoTask unsent = accepted().cancelled(T0.plusSeconds(5));
        assertThat(unsent.status()).isEqualTo(CANCELLED);
        assertThat(unsent.imagesRemovedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(unsent.awaitsProviderOutcome()).isFalse();
        assertThat(unsent.errorMessage()).contains("before it was sent");

        VideoTask sent = accepted().moveTo(SUBMITTING, T0.plusSeconds(1)).submitted("prov-1", T0.plusSeconds(2))
                .moveTo(RUNNING, T0.plusSeconds(3)).cancelled(T0.plusSeconds(500));
        assertThat(sent.awaitsProviderOutcome()).isTrue();
        assertThat(sent.imagesRemovedAt()).isNull();
        assertThat(sent.errorMessage()).contains("may still finish and charge it");
        VideoTask learnt = sent.withProviderOutcome(SUCCESS);
        assertThat(learnt.providerOutcome()).isEqualTo(SUCCESS);
        assertThat(learnt.revision()).isEqualTo(sent.revision() + 1);
        assertThat(learnt.awaitsProviderOutcome()).isFalse();
        assertThat(learnt.withProviderOutcome(FAILURE)).isSameAs(learnt);
        assertThat(taskIn(SUBMITTING).isCancellable()).isFalse();
        assertThat(taskIn(OUTCOME_UNKNOWN).isCancellable()).isFalse();
        assertThat(CANCELLED.providerView()).isEqualTo(FAILURE);
    }

    @Test
    void an_unknown_outcome_is_never_resubmitted() {
        assertThatThrownBy(() -> taskIn(OUTCOME_UNKNOWN).moveTo(SUBMITTING, T0.plusSeconds(99)))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void a_failure_settled_while_the_outcome_was_unknown_takes_the_providers_late_answer() {
        VideoTask settled = taskIn(OUTCOME_UNKNOWN).failed("no answer to the submit", T0.plusSeconds(400));

        assertThat(settled.awaitsLateSubmitAnswer()).isTrue();
        VideoTask reconciled = settled.reconciled("prov-9", T0.plusSeconds(420));

        assertThat(reconciled.status()).isEqualTo(PENDING);
        assertThat(reconciled.providerTaskId()).isEqualTo("prov-9");
        assertThat(reconciled.errorMessage()).isNull();
        assertThat(reconciled.awaitsLateSubmitAnswer()).isFalse();
    }

    @Test
    void any_other_failure_is_final() {
        VideoTask refused = taskIn(SUBMITTING).failed("refused by the provider", T0.plusSeconds(5));
        VideoTask failedThere = taskIn(PENDING).moveTo(FAILURE, T0.plusSeconds(60));

        assertThat(refused.awaitsLateSubmitAnswer()).isFalse();
        assertThat(failedThere.awaitsLateSubmitAnswer()).isFalse();
        assertThatThrownBy(() -> refused.reconciled("prov-9", T0.plusSeconds(99)))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @ParameterizedTest
    @EnumSource(TaskStatus.class)
    void seeing_the_same_status_again_is_no_change(TaskStatus status) {
        VideoTask task = taskIn(status);

        VideoTask again = task.moveTo(status, T0.plus(Duration.ofHours(1)));

        assertThat(again).isSameAs(task);
        assertThat(again.lastChangedAt()).isEqualTo(task.lastChangedAt());
    }

    @Test
    void every_move_is_timestamped_oldest_first() {
        Instant submitted = T0.plusSeconds(2);
        Instant pending = T0.plusSeconds(3);
        Instant running = T0.plusSeconds(20);
        Instant done = T0.plusSeconds(50);

        VideoTask task = accepted().moveTo(SUBMITTING, submitted).moveTo(PENDING, pending)
                .moveTo(RUNNING, running).moveTo(SUCCESS, done);

        assertThat(task.history()).containsExactly(
                new StatusChange(ACCEPTED, T0), new StatusChange(SUBMITTING, submitted),
                new StatusChange(PENDING, pending), new StatusChange(RUNNING, running),
                new StatusChange(SUCCESS, done));
        assertThat(task.acceptedAt()).isEqualTo(T0);
        assertThat(task.lastChangedAt()).isEqualTo(done);
    }

    @Test
    void a_clock_that_goes_backwards_never_puts_a_move_before_the_previous_one() {
        VideoTask running = accepted().moveTo(SUBMITTING, T0.plusSeconds(10)).moveTo(RUNNING, T0.plusSeconds(20));

        VideoTask done = running.moveTo(SUCCESS, T0.plusSeconds(5));

        assertThat(done.lastChangedAt()).isEqualTo(T0.plusSeconds(20));
        assertThat(done.status()).isEqualTo(SUCCESS);
    }

    @Test
    void accept_starts_the_history_with_accepted() {
        VideoTask task = accepted();

        assertThat(task.status()).isEqualTo(ACCEPTED);
        assertThat(task.history()).containsExactly(new StatusChange(ACCEPTED, T0));
        assertThat(task.owner()).isEqualTo("alice");
        assertThat(task.request()).isSameAs(REQUEST);
    }

    @Test
    void a_history_must_start_with_accepted() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new VideoTask(ID, "alice", REQUEST, List.of()))
                .withMessageContaining("Accepted");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new VideoTask(ID, "alice", REQUEST, List.of(new StatusChange(PENDING, T0))))
                .withMessageContaining("Accepted");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new VideoTask(ID, "alice", REQUEST,
                        List.of(new StatusChange(SUBMITTING, T0), new StatusChange(PENDING, T0))));
    }

    @Test
    void a_stored_history_with_a_forbidden_move_is_refused() {
        assertThatThrownBy(() -> new VideoTask(ID, "alice", REQUEST, List.of(
                new StatusChange(ACCEPTED, T0), new StatusChange(RUNNING, T0.plusSeconds(1)))))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("Accepted to Running");
        assertThatThrownBy(() -> new VideoTask(ID, "alice", REQUEST, List.of(
                new StatusChange(ACCEPTED, T0), new StatusChange(ACCEPTED, T0.plusSeconds(1)))))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void a_stored_history_that_goes_back_in_time_is_refused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new VideoTask(ID, "alice", REQUEST, List.of(
                        new StatusChange(ACCEPTED, T0), new StatusChange(SUBMITTING, T0.minusMillis(1)))))
                .withMessageContaining("before");
    }

    @Test
    void a_stored_history_is_a_copy() {
        List<StatusChange> history = new ArrayList<>(List.of(new StatusChange(ACCEPTED, T0)));
        VideoTask task = new VideoTask(ID, "alice", REQUEST, history);

        history.add(new StatusChange(SUBMITTING, T0.plusSeconds(1)));

        assertThat(task.history()).hasSize(1);
        assertThatThrownBy(() -> task.history().add(new StatusChange(FAILURE, T0))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void a_task_needs_id_owner_and_request() {
        List<StatusChange> history = List.of(new StatusChange(ACCEPTED, T0));
        assertThatNullPointerException().isThrownBy(() -> new VideoTask(null, "alice", REQUEST, history));
        assertThatNullPointerException().isThrownBy(() -> new VideoTask(ID, null, REQUEST, history));
        assertThatNullPointerException().isThrownBy(() -> new VideoTask(ID, "alice", null, history));
    }

    @ParameterizedTest(name = "{0} is shown as {1} and reads as {2} to a provider client")
    @CsvSource({
            "ACCEPTED,        Accepted,       PENDING",
            "SUBMITTING,      Submitting,     PENDING",
            "OUTCOME_UNKNOWN, OutcomeUnknown, PENDING",
            "PENDING,         Pending,        PENDING",
            "RUNNING,         Running,        RUNNING",
            "SUCCESS,         Success,        SUCCESS",
            "FAILURE,         Failure,        FAILURE"})
    void statuses_use_the_providers_spelling_and_parse_back_and_the_gateways_own_states_read_as_pending(
            TaskStatus status, String name, TaskStatus seenByAProviderClient) {
        assertThat(status.providerView()).isEqualTo(seenByAProviderClient);
        assertThat(status.displayName()).isEqualTo(name);
        assertThat(status).hasToString(name);
        assertThat(TaskStatus.fromDisplayName(name)).hasValue(status);
        assertThat(TaskStatus.fromDisplayName(name.toUpperCase())).hasValue(status);
    }

    @Test
    void an_unknown_status_name_parses_to_nothing() {
        assertThat(TaskStatus.fromDisplayName("Done")).isEmpty();
        assertThat(TaskStatus.fromDisplayName("OUTCOME_UNKNOWN")).isEmpty();
    }
}
