package com.vidugateway.application.service;

import static com.vidugateway.application.service.Gateway.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vidugateway.application.port.in.ObserveGateway;
import com.vidugateway.application.port.in.SubmitVideoTask.Command;
import com.vidugateway.application.port.in.TakePartInCluster;
import com.vidugateway.application.port.out.GatewayInstances;
import com.vidugateway.application.port.out.LocalProcesses;
import com.vidugateway.application.port.out.VideoTasks;
import com.vidugateway.domain.task.StatusChange;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Two gateway instances on one store: one dies, the other takes its work over, without sending anything twice. */
class TakeOverTest extends InstancesOnOneStore {

    private static final class Died extends RuntimeException {}

    private final Set<Long> runningHere = new HashSet<>(Set.of(1L, 2L));
    /** The PID namespace every instance of this test runs in, unless it says otherwise. */
    private static final String HERE = "boot-1/pid:[4026531836]";
    private final LocalProcesses machine = new LocalProcesses() {
        @Override
        public String pidNamespace() {
            return HERE;
        }

        @Override
        public boolean isRunning(long pid, Instant startedAt) {
            return runningHere.contains(pid);
        }
    };

    private VideoTaskServices instance(String id, String host, long pid, VideoTasks store) {
        return instance(id, host, pid, HERE, store);
    }

    private VideoTaskServices instance(String id, String host, long pid, String pidNamespace, VideoTasks store) {
        return instance(id, host, pid, pidNamespace, store, SyncSettings.defaults(), machine);
    }

    /** Instance a submits, and dies while the request is on its way to the provider. */
    private VideoTask diesWhileSending(VideoTaskServices a) {
        provider.beforeSubmit(() -> {
            provider.beforeSubmit(() -> { });
            throw new Died();
        });
        assertThatThrownBy(() -> a.submit().submit(new Command("alice", draft("make it dance"), null)))
                .isInstanceOf(Died.class);
        VideoTask task = rows.find(rows.list("alice", null, null, 1).get(0).id()).orElseThrow();
        assertThat(task.status()).isEqualTo(TaskStatus.SUBMITTING);
        return task;
    }

    @Test
    void a_silent_instances_submit_is_settled_as_soon_as_its_heartbeat_is_too_old_and_never_resent() {
        VideoTaskServices a = joined(instance("a", "m2", 1, rows));
        VideoTaskServices b = joined(instance("b", "m1", 2, rows.openedBy("b")));
        VideoTask task = diesWhileSending(a);

        clock.advance(Duration.ofSeconds(10));
        assertThat(b.cluster().beat().takenOver()).isEmpty();
        b.sync().syncDue();
        assertThat(rows.find(task.id()).orElseThrow().status()).isEqualTo(TaskStatus.SUBMITTING);

        clock.advance(Duration.ofSeconds(6));
        TakePartInCluster.Report report = b.cluster().beat();
        b.sync().syncDue();

        assertThat(report.takenOver()).singleElement().satisfies(dead -> {
            assertThat(dead.instance()).isEqualTo("a");
            assertThat(dead.why()).contains("no heartbeat for 16 s");
            assertThat(dead.tasks()).isEqualTo(1);
        });
        VideoTask settled = rows.find(task.id()).orElseThrow();
        assertThat(settled.status()).isEqualTo(TaskStatus.FAILURE);
        assertThat(settled.history()).extracting(StatusChange::status).contains(TaskStatus.OUTCOME_UNKNOWN);
        assertThat(settled.errorMessage()).contains("the gateway stopped while sending it; it ran as instance a")
                .contains("not sent again");
        assertThat(provider.submits()).isEmpty();
    }

    @Test
    void a_process_gone_from_this_machine_is_dead_at_once_as_after_a_restart_following_kill_9() {
        VideoTaskServices before = joined(instance("a", "m1", 1, rows));
        VideoTask task = diesWhileSending(before);
        runningHere.remove(1L);

        VideoTaskServices after = instance("b", "m1", 2, rows.openedBy("b"));
        TakePartInCluster.Report report = after.cluster().join();
        after.sync().syncDue();

        assertThat(report.takenOver()).extracting(TakePartInCluster.TakenOver::why)
                .containsExactly("its process 1 is gone from this PID namespace (m1)");
        assertThat(rows.find(task.id()).orElseThrow().status()).isEqualTo(TaskStatus.FAILURE);
        assertThat(provider.submits()).isEmpty();
    }

    @Test
    void a_peer_with_the_same_host_name_and_pid_in_another_pid_namespace_is_never_taken_for_dead_while_it_beats() {
        // Two containers on host networking, or two pods whose names were cut to one prefix: one host name, both pid 1.
        String host = "vidu-gateway-production-deployment-7d9f8c6b5d";
        VideoTaskServices a = instance("a", host, 1, "boot-1/pid:[4026532001]", rows);
        VideoTaskServices b = instance("b", host, 1, "boot-1/pid:[4026532002]", rows.openedBy("b"));
        runningHere.remove(1L);
        a.cluster().join();
        clock.advance(Duration.ofSeconds(8));
        b.cluster().join();
        a.submit().submit(new Command("alice", draft("make it dance"), null));

        for (int beat = 0; beat < 100; beat++) {
            clock.advance(Duration.ofSeconds(3));
            assertThat(a.cluster().beat().takenOver()).isEmpty();
            assertThat(b.cluster().beat().takenOver()).isEmpty();
            b.sync().syncDue();
        }

        assertThat(b.observe().cluster().live()).extracting(GatewayInstances.Instance::id).containsExactly("a", "b");
        assertThat(rows.find(rows.list("alice", null, null, 1).get(0).id()).orElseThrow().status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(provider.submits()).hasSize(1);
    }

    @Test
    void an_instance_whose_pid_namespace_is_unknown_is_judged_by_its_heartbeat_alone() {
        VideoTaskServices a = instance("a", "m1", 1, null, rows);
        VideoTaskServices b = instance("b", "m1", 2, rows.openedBy("b"));
        runningHere.remove(1L);
        a.cluster().join();

        assertThat(b.cluster().join().takenOver()).isEmpty();
        clock.advance(Duration.ofSeconds(16));
        assertThat(b.cluster().beat().takenOver()).extracting(TakePartInCluster.TakenOver::why)
                .containsExactly("no heartbeat for 16 s");
    }

    @Test
    void a_dead_instances_running_task_is_polled_by_the_survivor_long_before_its_lease_would_end() {
        VideoTaskServices a = joined(instance("a", "m2", 1, rows));
        VideoTaskServices b = joined(instance("b", "m1", 2, rows.openedBy("b")));
        a.submit().submit(new Command("alice", draft("make it dance"), null));
        VideoTask task = rows.find(rows.list("alice", null, null, 1).get(0).id()).orElseThrow();
        clock.advance(Gateway.TYPICAL);
        // a claims the due poll and dies holding it: its lease would last two minutes.
        assertThat(rows.claimDue(clock.instant(), 10, clock.instant().plus(Duration.ofMinutes(2)))).hasSize(1);

        Instant died = clock.instant();
        while (rows.find(task.id()).orElseThrow().status() != TaskStatus.SUCCESS
                && clock.instant().isBefore(died.plus(Duration.ofMinutes(2)))) {
            clock.advance(Duration.ofSeconds(3));
            b.cluster().beat();
            b.sync().syncDue();
        }

        assertThat(rows.find(task.id()).orElseThrow().status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(Duration.between(died, clock.instant())).isLessThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(provider.submits()).hasSize(1);
    }

    @Test
    void every_instance_sees_the_live_ones_and_one_that_leaves_hands_its_leases_back() {
        VideoTaskServices a = instance("a", "m1", 1, rows);
        VideoTaskServices b = instance("b", "m1", 2, rows.openedBy("b"));
        a.cluster().join();
        clock.advance(Duration.ofSeconds(1));
        b.cluster().join();
        a.submit().submit(new Command("alice", draft("make it dance"), null));
        for (int second = 0; second < Gateway.TYPICAL.toSeconds() + 1; second += 3) {
            clock.advance(Duration.ofSeconds(3));
            a.cluster().beat();
            b.cluster().beat();
        }
        assertThat(rows.claimDue(clock.instant(), 10, clock.instant().plus(Duration.ofMinutes(2)))).hasSize(1);

        assertThat(a.cluster().leads()).isTrue();
        assertThat(b.cluster().leads()).isFalse();
        ObserveGateway.Cluster seen = b.observe().cluster();
        assertThat(seen.self()).isEqualTo("b");
        assertThat(seen.live()).extracting(GatewayInstances.Instance::id).containsExactly("a", "b");

        a.cluster().leave();

        assertThat(b.observe().cluster().live()).extracting(GatewayInstances.Instance::id).containsExactly("b");
        assertThat(b.cluster().leads()).isTrue();
        assertThat(rows.due(clock.instant(), 10)).hasSize(1);
    }

    @Test
    void the_provider_call_cap_holds_for_all_instances_together() throws InterruptedException {
        ProviderCallBudget a = new ProviderCallBudget(clock, clock, 5.0, slots);
        ProviderCallBudget b = new ProviderCallBudget(clock, clock, 5.0, slots);
        Instant start = clock.instant();

        for (int i = 0; i < 5; i++) {
            a.acquire();
            b.acquire();
        }
        a.acquire();

        assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofSeconds(2));
        assertThat(List.of(a, b)).hasSize(2);
    }
}
