package com.vidugateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several {@code vidu serve} on one PostgreSQL database, calling one stub Modelverse, as teams deploy them: in PID
 * namespaces of their own with one host name (containers on host networking, pods whose names were cut alike), behind
 * a provider that is slow to answer a submit, or that fails reads at first. Nothing is taken for dead while it lives,
 * nothing is sent twice, and the cap on provider calls holds for every call, retries included.
 */
class ClusterIT {

    /** 50 characters, the first 46 the same: what a platform that cuts names at 46 or fewer makes one. */
    private static final String HOST_A = "vidu-gateway-production-deployment-7d9f8c6b5d-abcd";
    private static final String HOST_B = "vidu-gateway-production-deployment-7d9f8c6b5d-efgh";

    @TempDir
    Path dir;

    private final Deque<AutoCloseable> cleanup = new ArrayDeque<>();

    @AfterEach
    void closeAll() throws Exception {
        while (!cleanup.isEmpty()) {
            cleanup.pop().close();
        }
    }

    private <T extends AutoCloseable> T closing(T resource) {
        cleanup.push(resource);
        return resource;
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void two_instances_in_their_own_pid_namespaces_with_one_host_name_never_take_each_other_for_dead() throws Exception {
        assertThat(HOST_A).hasSize(50).startsWith(HOST_B.substring(0, 46)).isNotEqualTo(HOST_B);
        ScratchPostgres database = closing(ScratchPostgres.create("vidu_ns"));
        RecordingModelverse provider = closing(new RecordingModelverse(Duration.ofSeconds(2)));
        Map<String, String> settings = ServeProcess.onDatabaseCalling(database, provider);

        settings.put("HOSTNAME", HOST_A);
        ServeProcess a = closing(ServeProcess.start("a", dir, settings, true)).awaitHealthy(Duration.ofSeconds(90));
        Instant aUp = Instant.now();
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), aUp.plusSeconds(5)).toMillis()));
        settings.put("HOSTNAME", HOST_B);
        ServeProcess b = closing(ServeProcess.start("b", dir, settings, true)).awaitHealthy(Duration.ofSeconds(90));

        List<String> prompts = new ArrayList<>();
        Map<String, ServeProcess> submittedTo = new HashMap<>();
        for (int i = 0; i < 12; i++) {
            ServeProcess to = i % 2 == 0 ? a : b;
            String prompt = "namespaces " + i + ": make it dance";
            prompts.add(prompt);
            submittedTo.put(to.submit(prompt, provider.imageUrl(i), Duration.ofSeconds(30)), to);
        }
        // Eight heartbeats and more than the dead-after time: the old liveness check had each take the other for
        // dead every 3 s ("its process 1 is gone").
        Instant watchUntil = Instant.now().plusSeconds(21);
        while (Instant.now().isBefore(watchUntil)) {
            for (ServeProcess instance : List.of(a, b)) {
                Map<String, Object> health = instance.read("/health");
                assertThat(liveHosts(health)).as("the live instances %s sees", instance.name)
                        .containsExactlyInAnyOrder(HOST_A, HOST_B);
                assertThat(livePids(health)).as("both are pid 1, each in its own namespace").containsOnly(1);
            }
            Thread.sleep(3000);
        }

        Map<String, Map<String, Object>> ended = awaitEnded(submittedTo.keySet(), id -> submittedTo.get(id), 60);
        assertThat(ended.values()).extracting(task -> task.get("status")).containsOnly("Success");
        for (ServeProcess instance : List.of(a, b)) {
            assertThat(instance.logText()).as(instance.name + "'s log").doesNotContain("is dead").doesNotContain("taken for dead");
        }
        assertThat(provider.created()).extracting(RecordingModelverse.Created::prompt)
                .as("every task sent once").containsExactlyInAnyOrderElementsOf(prompts);
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void a_submit_the_provider_answers_after_thirty_seconds_is_sent_once_and_succeeds_with_a_ten_second_grace()
            throws Exception {
        ScratchPostgres database = closing(ScratchPostgres.create("vidu_slow"));
        RecordingModelverse provider = closing(new RecordingModelverse(Duration.ofSeconds(2)))
                .answerSubmitsAfter(Duration.ofSeconds(30));
        Map<String, String> settings = ServeProcess.onDatabaseCalling(database, provider);
        settings.put("VIDU_SUBMIT_GRACE", "10s");
        ServeProcess a = closing(ServeProcess.start("a", dir, settings, false));
        ServeProcess b = closing(ServeProcess.start("b", dir, settings, false));
        a.awaitHealthy(Duration.ofSeconds(90));
        b.awaitHealthy(Duration.ofSeconds(90));

        long start = System.nanoTime();
        String id = a.submit("slow provider: make it dance", provider.imageUrl(1), Duration.ofSeconds(90));
        double answeredAfter = (System.nanoTime() - start) / 1e9;

        Map<String, Object> done = awaitEnded(List.of(id), any -> b, 60).get(id);
        log("the submit was answered after %.1f s; the task ended %s", answeredAfter, done.get("status"));
        assertThat(answeredAfter).isGreaterThanOrEqualTo(30);
        assertThat(done).containsEntry("status", "Success");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> history = (List<Map<String, Object>>) b.read("/v1/tasks/" + id).get("history");
        // Never settled while its sender waited: no OutcomeUnknown, no Failure (the stub's video was ready by the
        // first poll, so Running may be skipped).
        assertThat(history).extracting(change -> change.get("status"))
                .startsWith("Accepted", "Submitting", "Pending").endsWith("Success")
                .doesNotContain("OutcomeUnknown", "Failure");
        assertThat(provider.created()).hasSize(1);
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void the_provider_call_cap_holds_in_every_two_second_window_for_three_instances_with_retries() throws Exception {
        int cap = 5;
        ScratchPostgres database = closing(ScratchPostgres.create("vidu_cap"));
        RecordingModelverse provider = closing(new RecordingModelverse(Duration.ofSeconds(2))).failFirstStatusReads(2);
        Map<String, String> settings = ServeProcess.onDatabaseCalling(database, provider);
        settings.put("VIDU_PROVIDER_CALLS_PER_SECOND", String.valueOf(cap));
        List<ServeProcess> instances = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            instances.add(closing(ServeProcess.start(name, dir, settings, false)));
        }
        for (ServeProcess instance : instances) {
            instance.awaitHealthy(Duration.ofSeconds(90));
        }

        Map<String, ServeProcess> submittedTo = new HashMap<>();
        List<CompletableFuture<Void>> submits = new ArrayList<>();
        for (int i = 0; i < 18; i++) {
            ServeProcess to = instances.get(i % 3);
            String prompt = "cap " + i + ": make it dance";
            String image = provider.imageUrl(i);
            submits.add(CompletableFuture.runAsync(() -> {
                try {
                    String id = to.submit(prompt, image, Duration.ofSeconds(60));
                    synchronized (submittedTo) {
                        submittedTo.put(id, to);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        CompletableFuture.allOf(submits.toArray(CompletableFuture[]::new)).get(90, TimeUnit.SECONDS);
        Map<String, Map<String, Object>> ended = awaitEnded(submittedTo.keySet(), submittedTo::get, 120);

        assertThat(ended.values()).extracting(task -> task.get("status")).containsOnly("Success");
        List<Long> calls = provider.apiCalls().stream().map(RecordingModelverse.ApiCall::atNanos).sorted().toList();
        int most = mostInAnyWindow(calls, Duration.ofSeconds(2));
        log("%d provider calls (%d status reads, every task's first two answered 500 and retried), at most %d in any"
                + " 2 s window (cap %d/s)", calls.size(), provider.statusReads(), most, cap);
        assertThat(provider.statusReads()).as("the failed reads were retried").isGreaterThanOrEqualTo(3 * 18);
        // Calls leave at most one per slot (1 / cap); counted where they arrive, a window also holds its closed end
        // (+1) and, on two cores shared by three servers, PostgreSQL and this JVM, at most one call that left in its
        // slot but arrived late (+1). Before every attempt took a slot, this window held 16 at this cap.
        assertThat(most).isLessThanOrEqualTo(2 * cap + 2);
        assertThat(provider.created()).hasSize(18);
    }

    /** Polls each task (through the instance {@code via} names) until every one ended, at most {@code seconds}. */
    private static Map<String, Map<String, Object>> awaitEnded(java.util.Collection<String> ids,
                                                              Function<String, ServeProcess> via, int seconds)
            throws Exception {
        Instant deadline = Instant.now().plusSeconds(seconds);
        Map<String, Map<String, Object>> ended = new HashMap<>();
        Map<String, Object> last = Map.of();
        while (ended.size() < ids.size() && Instant.now().isBefore(deadline)) {
            for (String id : ids) {
                if (!ended.containsKey(id)) {
                    last = via.apply(id).read("/v1/tasks/" + id);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> video = (Map<String, Object>) last.get("video");
                    boolean copied = video != null && Boolean.TRUE.equals(video.get("stored"));
                    if ("Failure".equals(last.get("status")) || copied) {
                        ended.put(id, last);
                    }
                }
            }
            Thread.sleep(500);
        }
        assertThat(ended).as("tasks ended within %d s; the last one read: %s", seconds, last).hasSameSizeAs(ids);
        return ended;
    }

    @SuppressWarnings("unchecked")
    private static List<String> liveHosts(Map<String, Object> health) {
        return ((List<Map<String, Object>>) health.get("instances")).stream().map(i -> (String) i.get("host"))
                .collect(Collectors.toList());
    }

    @SuppressWarnings("unchecked")
    private static List<Integer> livePids(Map<String, Object> health) {
        return ((List<Map<String, Object>>) health.get("instances")).stream()
                .map(i -> ((Number) i.get("pid")).intValue()).collect(Collectors.toList());
    }

    /** The most calls that fall within one window of {@code width} (both ends in), over every window. */
    static int mostInAnyWindow(List<Long> sortedNanos, Duration width) {
        int most = 0;
        int first = 0;
        for (int last = 0; last < sortedNanos.size(); last++) {
            while (sortedNanos.get(last) - sortedNanos.get(first) > width.toNanos()) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
    }

    private static void log(String format, Object... args) {
        System.out.println("[ClusterIT] " + String.format(Locale.ROOT, format, args));
    }
}
