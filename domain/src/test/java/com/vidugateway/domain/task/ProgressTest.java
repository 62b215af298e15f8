package com.vidugateway.domain.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final Duration TYPICAL = Duration.ofSeconds(100);

    private static int at(TaskStatus status, long seconds) {
        return Progress.estimate(status, T0, T0.plusSeconds(seconds), TYPICAL).orElseThrow();
    }

    @Test
    void it_grows_with_time_stays_under_100_until_success_and_is_none_for_other_ends() {
        assertThat(at(TaskStatus.ACCEPTED, 50)).isEqualTo(1);
        assertThat(at(TaskStatus.PENDING, 0)).isEqualTo(1);
        assertThat(at(TaskStatus.RUNNING, 50)).isEqualTo(47);
        assertThat(at(TaskStatus.RUNNING, 100)).isEqualTo(95);
        assertThat(at(TaskStatus.RUNNING, 150)).isEqualTo(96);
        assertThat(at(TaskStatus.RUNNING, 1_000)).isEqualTo(99);
        assertThat(at(TaskStatus.RUNNING, 100_000)).isEqualTo(99);
        assertThat(at(TaskStatus.SUCCESS, 10)).isEqualTo(100);
        assertThat(Progress.estimate(TaskStatus.FAILURE, T0, T0, TYPICAL)).isEmpty();
        assertThat(Progress.estimate(TaskStatus.CANCELLED, T0, T0, TYPICAL)).isEmpty();
    }
}
