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
import java.util.Random;
import java.util.Set;
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

    private TaskStatus statusAfter(FakeVideoGenerator generator, String id, long millisAfterSubmit) throws ProviderFailure {
        clock.set(TestClock.START.plusMillis(millisAfterSubmit));
        return generator.status(id).status();
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
        assertThat(statusAfter(generator, id, 0)).isEqualTo(PENDING);
        assertThat(statusAfter(generator, id, pending - 2)).isEqualTo(PENDING);
        assertThat(statusAfter(generator, id, pending + 2)).isEqualTo(RUNNING);
        assertThat(statusAfter(generator, id, total - 1)).isEqualTo(RUNNING);
        clock.set(TestClock.START.plusMillis(total));
        ProviderTask done = generator.status(id);
        assertThat(done.status()).isEqualTo(SUCCESS);
        assertThat(Duration.between(done.submitTime(), done.finishTime())).isEqualTo(Duration.ofMillis(total));
    }

    @Test
    void viduq2_5s_720p_at_speed_10_is_pending_then_running_then_done_after_about_2_9_s() throws ProviderFailure {
        FakeVideoGenerator generator = generator(10, new Random(20260115));
        // 28.7 s / 10 = 2870 ms, ±5 %: ends in 2726–3014 ms; Pending 15–20 % of that: 409–603 ms.
        for (int task = 0; task < 20; task++) {
            clock.set(TestClock.START);
            String id = generator.submit(Requests.viduq2("make it dance.")).providerTaskId();

            assertThat(statusAfter(generator, id, 0)).as("right after submit").isEqualTo(PENDING);
            assertThat(statusAfter(generator, id, 400)).isEqualTo(PENDING);
            assertThat(statusAfter(generator, id, 610)).isEqualTo(RUNNING);
            assertThat(statusAfter(generator, id, 2_720)).isEqualTo(RUNNING);
            assertThat(statusAfter(generator, id, 3_020)).isEqualTo(SUCCESS);
            ProviderTask done = generator.status(id);
            assertThat(Duration.between(done.submitTime(), done.finishTime()).toMillis()).isBetween(2_726L, 3_014L);
        }
    }

    @Test
    void the_jitter_differs_between_tasks_and_stays_within_5_percent() throws ProviderFailure {
        FakeVideoGenerator generator = generator(1, new Random(7));
        Set<Long> totals = new HashSet<>();
        for (int task = 0; task < 50; task++) {
            String id = generator.submit(Requests.viduq2("make it dance.")).providerTaskId();
            clock.set(TestClock.START.plusSeconds(3600));
            ProviderTask done = generator.status(id);
            clock.set(TestClock.START);
            totals.add(Duration.between(done.submitTime(), done.finishTime()).toMillis());
        }

        assertThat(totals).allSatisfy(total -> assertThat(total).isBetween(27_265L, 30_135L));
        assertThat(totals).as("different schedules").hasSizeGreaterThan(40);
    }

    @Test
    void reading_a_task_does_not_change_its_schedule() throws ProviderFailure {
        FakeVideoGenerator generator = generator(10, new Random(1));
        String id = generator.submit(Requests.viduq2("make it dance.")).providerTaskId();
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
        String id = generator.submit(Requests.viduq2("make it dance [SLOW]")).providerTaskId();

        assertThat(statusAfter(generator, id, 3_020)).isEqualTo(RUNNING);
        assertThat(statusAfter(generator, id, 13_600)).isEqualTo(RUNNING);
        assertThat(statusAfter(generator, id, 15_070)).isEqualTo(SUCCESS);
        ProviderTask done = generator.status(id);
        assertThat(Duration.between(done.submitTime(), done.finishTime()).toMillis()).isBetween(13_632L, 15_068L);
    }

    @Test
    void slow_without_jitter_is_exactly_five_times_the_published_time() throws ProviderFailure {
        FakeVideoGenerator generator = generator(1, Requests.middleOfEveryRange());
        String id = generator.submit(Requests.viduq2("[slow] make it dance")).providerTaskId();
        clock.advance(Duration.ofHours(1));

        ProviderTask done = generator.status(id);

        assertThat(Duration.between(done.submitTime(), done.finishTime())).isEqualTo(Duration.ofMillis(5 * 28_700));
    }

    @Test
    void stuck_stays_running_forever() throws ProviderFailure {
        FakeVideoGenerator generator = generator(10, new Random(5));
        String id = generator.submit(Requests.viduq2("make it dance [stuck]")).providerTaskId();

        assertThat(statusAfter(generator, id, 0)).isEqualTo(PENDING);
        assertThat(statusAfter(generator, id, 3_100)).isEqualTo(RUNNING);
        clock.set(TestClock.START.plus(Duration.ofDays(3650)));
        ProviderTask tenYearsLater = generator.status(id);
        assertThat(tenYearsLater.status()).isEqualTo(RUNNING);
        assertThat(tenYearsLater.finishTime()).isNull();
        assertThat(tenYearsLater.urls()).isEmpty();
    }

    @Test
    void stuck_wins_over_fail() throws ProviderFailure {
        FakeVideoGenerator generator = generator(10, new Random(5));
        String id = generator.submit(Requests.viduq2("[fail][stuck]")).providerTaskId();

        assertThat(statusAfter(generator, id, 3_600_000)).isEqualTo(RUNNING);
    }

    @Test
    void a_scripted_failure_runs_first_and_fails_60_percent_of_the_way_through_running() throws ProviderFailure {
        FakeVideoGenerator generator = generator(1, Requests.middleOfEveryRange());
        String id = generator.submit(Requests.viduq2("make it dance [fail]")).providerTaskId();
        long pending = Math.round(28_700 * 0.175);
        long end = pending + Math.round((28_700 - pending) * 0.6);

        assertThat(statusAfter(generator, id, pending - 2)).isEqualTo(PENDING);
        assertThat(statusAfter(generator, id, pending + 2)).isEqualTo(RUNNING);
        assertThat(statusAfter(generator, id, end - 2)).isEqualTo(RUNNING);
        assertThat(statusAfter(generator, id, end + 2)).isEqualTo(FAILURE);
        ProviderTask failed = generator.status(id);
        assertThat(failed.errorMessage()).contains("[fail]");
        assertThat(Duration.between(failed.submitTime(), failed.finishTime()).toMillis()).isBetween(end - 2, end + 2);
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
        String id = generator.submit(Requests.viduq2("make it dance.")).providerTaskId();
        clock.advance(Duration.ofHours(1));

        ProviderTask done = generator.status(id);

        assertThat(Duration.between(done.submitTime(), done.finishTime())).isEqualTo(Duration.ofMillis(57_400));
    }
}
