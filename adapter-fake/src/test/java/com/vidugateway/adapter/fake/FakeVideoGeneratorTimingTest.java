package com.vidugateway.adapter.fake;

import static com.vidugateway.domain.task.TaskStatus.FAILURE;
import static com.vidugateway.domain.task.TaskStatus.PENDING;
import static com.vidugateway.domain.task.TaskStatus.RUNNING;
import static com.vidugateway.domain.task.TaskStatus.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vidugateway.application.port.out.ProviderFailure;
import com.vidugateway.application.port.out.ProviderTask;
import com.vidugateway.application.testing.InMemoryImageBlobs;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.task.TaskStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A task takes the provider's published typical time for its duration and resolution, divided by the speed
 * factor, about a sixth of it Pending, with at most ±5 % jitter. The clock is moved by hand: nothing waits.
 */
class FakeVideoGeneratorTimingTest {

    private final TestClock clock = new TestClock();
    private final List<FakeVideoGenerator> started = new ArrayList<>();

    @TempDir
    Path videos;

    private FakeVideoGenerator generator(double speed, RandomGenerator random) {
        FakeVideoGenerator generator = new FakeVideoGenerator(clock, speed, videos, FakeVideoGenerator.ANY_FREE_PORT, random, new InMemoryImageBlobs());
        started.add(generator);
        return generator;
    }

    @AfterEach
    void stop() {
        started.forEach(FakeVideoGenerator::close);
    }

    /** Submits a viduq2 5 s 720p request with {@code prompt}; the provider's task id. */
    private static String submit(FakeVideoGenerator generator, String prompt) throws ProviderFailure {
        return generator.submit(Requests.viduq2(prompt)).providerTaskId();
    }

    /** How long the task took from submit to end, or will take: its schedule is fixed at submit. */
    private static Duration took(ProviderTask task) {
        return Duration.between(task.submitTime(), task.finishTime());
    }

    /** How long the task took, read an hour after its submit, when any task but a stuck one has ended. */
    private Duration tookAfterAnHour(FakeVideoGenerator generator, String id) throws ProviderFailure {
        clock.advance(Duration.ofHours(1));
        return took(generator.status(id));
    }

    private TaskStatus statusAfter(FakeVideoGenerator generator, String id, long millisAfterSubmit) throws ProviderFailure {
        clock.set(TestClock.START.plusMillis(millisAfterSubmit));
        return generator.status(id).status();
    }

    /** Asserts the task's status at each time after its submit, in milliseconds: read in time order. */
    private void assertStatusesAfter(FakeVideoGenerator generator, String id, Map<Long, TaskStatus> statusAtMillis)
            throws ProviderFailure {
        for (Map.Entry<Long, TaskStatus> expected : new TreeMap<>(statusAtMillis).entrySet()) {
            assertThat(statusAfter(generator, id, expected.getKey())).as("%s ms after submit", expected.getKey())
                    .isEqualTo(expected.getValue());
        }
    }

    @ParameterizedTest(name = "{0} {1} s {2}: {3} s at speed 1")
    @CsvSource({
            // the provider's table, viduq2
            "viduq2,  5, 720p,  28.7",
            "viduq2,  1, 540p,   5.0",
            "viduq2,  8, 1080p, 62.9",
            "viduq2, 10, 1080p, 106.0",
            // no published time: the nearest viduq2 entry (same duration, nearest resolution)
            "viduq1,  5, 1080p, 35.3",
            "vidu2.0, 4, 360p,  11.0",
            "vidu2.0, 4, 720p,  22.3",
            "vidu1.5, 4, 1080p, 27.1",
            "vidu1.5, 8, 720p,  49.5"})
    void without_jitter_a_task_takes_the_published_time_with_17_5_percent_pending(
            String model, int seconds, String resolution, double publishedSeconds) throws ProviderFailure {
        FakeVideoGenerator generator = generator(1, Requests.middleOfEveryRange());
        String id = generator.submit(Requests.request(model, "a cat dances", seconds, resolution, "16:9")).providerTaskId();
        long total = Math.round(publishedSeconds * 1000);
        long pending = Math.round(total * 0.175);

        // ±2 ms around the end of Pending: the share is a double, its rounding is not the point here.
        assertStatusesAfter(generator, id, Map.of(0L, PENDING, pending - 2, PENDING, pending + 2, RUNNING,
                total - 1, RUNNING, total, SUCCESS));
        assertThat(took(generator.status(id))).isEqualTo(Duration.ofMillis(total));
    }

    @Test
    void viduq2_5s_720p_at_speed_10_is_pending_then_running_then_done_after_about_2_9_s() throws ProviderFailure {
        FakeVideoGenerator generator = generator(10, new Random(20260115));
        // 28.7 s / 10 = 2870 ms, ±5 %: ends in 2726–3014 ms; Pending 15–20 % of that: 409–603 ms.
        for (int task = 0; task < 20; task++) {
            clock.set(TestClock.START);
            String id = submit(generator, "make it dance.");

            assertStatusesAfter(generator, id,
                    Map.of(0L, PENDING, 400L, PENDING, 610L, RUNNING, 2_720L, RUNNING, 3_020L, SUCCESS));
            assertThat(took(generator.status(id)).toMillis()).isBetween(2_726L, 3_014L);
        }
    }

    @Test
    void the_jitter_differs_between_tasks_and_stays_within_5_percent() throws ProviderFailure {
        FakeVideoGenerator generator = generator(1, new Random(7));
        Set<Long> totals = new HashSet<>();
        for (int task = 0; task < 50; task++) {
            String id = submit(generator, "make it dance.");
            totals.add(tookAfterAnHour(generator, id).toMillis());
            clock.set(TestClock.START);
        }

        assertThat(totals).allSatisfy(total -> assertThat(total).isBetween(27_265L, 30_135L));
        assertThat(totals).as("different schedules").hasSizeGreaterThan(40);
    }

    @Test
    void reading_a_task_does_not_change_its_schedule() throws ProviderFailure {
        FakeVideoGenerator generator = generator(10, new Random(1));
        String id = submit(generator, "make it dance.");
        clock.advance(Duration.ofSeconds(10));

        ProviderTask first = generator.status(id);
        ProviderTask second = generator.status(id);

        assertThat(second.finishTime()).isEqualTo(first.finishTime());
        assertThat(second.submitTime()).isEqualTo(first.submitTime()).isEqualTo(TestClock.START);
        assertThat(second.requestId()).as("each answer has its own request id").isNotEqualTo(first.requestId());
    }

    @Test
    void slow_takes_five_times_as_long() throws ProviderFailure {
        FakeVideoGenerator generator = generator(10, new Random(3));
        // 5 × 2870 ms ±5 %: 13 632–15 068 ms.
        String id = submit(generator, "make it dance [SLOW]");

        assertStatusesAfter(generator, id, Map.of(3_020L, RUNNING, 13_600L, RUNNING, 15_070L, SUCCESS));
        assertThat(took(generator.status(id)).toMillis()).isBetween(13_632L, 15_068L);
    }

    @Test
    void slow_without_jitter_is_exactly_five_times_the_published_time() throws ProviderFailure {
        FakeVideoGenerator generator = generator(1, Requests.middleOfEveryRange());
        String id = submit(generator, "[slow] make it dance");

        assertThat(tookAfterAnHour(generator, id)).isEqualTo(Duration.ofMillis(5 * 28_700));
    }

    @Test
    void stuck_stays_running_forever() throws ProviderFailure {
        FakeVideoGenerator generator = generator(10, new Random(5));
        String id = submit(generator, "make it dance [stuck]");

        assertStatusesAfter(generator, id, Map.of(0L, PENDING, 3_100L, RUNNING));
        clock.set(TestClock.START.plus(Duration.ofDays(3650)));
        ProviderTask tenYearsLater = generator.status(id);
        assertThat(tenYearsLater.status()).isEqualTo(RUNNING);
        assertThat(tenYearsLater.finishTime()).isNull();
        assertThat(tenYearsLater.urls()).isEmpty();
    }

    @Test
    void stuck_wins_over_fail() throws ProviderFailure {
        FakeVideoGenerator generator = generator(10, new Random(5));
        String id = submit(generator, "[fail][stuck]");

        assertThat(statusAfter(generator, id, 3_600_000)).isEqualTo(RUNNING);
    }

    @Test
    void a_scripted_failure_runs_first_and_fails_60_percent_of_the_way_through_running() throws ProviderFailure {
        FakeVideoGenerator generator = generator(1, Requests.middleOfEveryRange());
        String id = submit(generator, "make it dance [fail]");
        long pending = Math.round(28_700 * 0.175);
        long end = pending + Math.round((28_700 - pending) * 0.6);

        assertStatusesAfter(generator, id,
                Map.of(pending - 2, PENDING, pending + 2, RUNNING, end - 2, RUNNING, end + 2, FAILURE));
        ProviderTask failed = generator.status(id);
        assertThat(failed.errorMessage()).contains("[fail]");
        assertThat(took(failed).toMillis()).isBetween(end - 2, end + 2);
    }

    @Test
    void the_speed_factor_must_be_positive() {
        for (double speed : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> new FakeVideoGenerator(clock, speed, videos, new InMemoryImageBlobs()))
                    .as("speed %s", speed)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("speed");
        }
    }

    @Test
    void a_slow_speed_factor_stretches_the_schedule() throws ProviderFailure {
        FakeVideoGenerator generator = generator(0.5, Requests.middleOfEveryRange());
        String id = submit(generator, "make it dance.");

        assertThat(tookAfterAnHour(generator, id)).isEqualTo(Duration.ofMillis(57_400));
    }
}
