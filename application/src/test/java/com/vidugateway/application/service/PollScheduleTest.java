package com.vidugateway.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.vidugateway.domain.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PollScheduleTest {

    private static final Instant TAKEN = Instant.parse("2026-05-01T08:00:00Z");
    private final PollSchedule schedule = new PollSchedule(Duration.ofMillis(4500));

    @ParameterizedTest(name = "typical {0} s, polled at {1} s ({2}) -> next at {3} s")
    @CsvSource({
        // before the likely window: the first poll is one interval after 75 % of the typical time
        "28.7, 0,     PENDING, 26.025",
        "28.7, 10,    RUNNING, 26.025",
        "106,  0,     PENDING, 84",
        "5,    0,     PENDING, 8.25",
        // inside the window (up to 130 %): one interval after each poll
        "28.7, 26.025, RUNNING, 30.525",
        "28.7, 35,    RUNNING, 39.5",
        // late: the gap is half the lateness, at least one interval...
        "28.7, 37.31, RUNNING, 41.81",
        "28.7, 60,    RUNNING, 71.345",
        // ...doubled while the provider still says Pending...
        "28.7, 60,    PENDING, 82.69",
        // ...and never more than a minute
        "28.7, 600,   RUNNING, 660",
        "28.7, 600,   PENDING, 660"
    })
    void polls_follow_the_typical_time(double typicalSeconds, double nowSeconds, TaskStatus reported, double expectedSeconds) {
        Instant next = schedule.next(TAKEN, seconds(typicalSeconds), TAKEN.plus(seconds(nowSeconds)), reported);

        assertThat(Duration.between(TAKEN, next)).isEqualTo(seconds(expectedSeconds));
    }

    @Test
    void the_next_poll_is_always_later_than_now() {
        for (int now = 0; now < 3600; now += 7) {
            Instant at = TAKEN.plusSeconds(now);
            assertThat(schedule.next(TAKEN, seconds(28.7), at, TaskStatus.RUNNING)).isAfter(at);
        }
    }

    @Test
    void an_interval_must_be_positive() {
        assertThatIllegalArgumentException().isThrownBy(() -> new PollSchedule(Duration.ZERO));
    }

    private static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
