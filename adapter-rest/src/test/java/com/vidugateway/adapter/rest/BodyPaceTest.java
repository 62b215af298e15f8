package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The pace a body must keep, and the memory it is charged, as numbers. */
class BodyPaceTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void the_defaults_are_ten_minutes_16_kib_a_second_and_ten_seconds_of_grace() {
        BodyPace pace = BodyPace.defaults();

        assertThat(pace.deadline()).isEqualTo(Duration.ofMinutes(10));
        assertThat(pace.minBytesPerSecond()).isEqualTo(16 * 1024);
        assertThat(pace.grace()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void the_cutoff_is_when_the_average_rate_would_fall_short_never_within_the_grace_nor_past_the_deadline() {
        BodyPace pace = new BodyPace(Duration.ofMinutes(10), 16 * 1024, Duration.ofSeconds(10));

        assertThat(pace.cutoff(0, 0)).as("nothing came: the grace time").isEqualTo(10 * SECOND);
        assertThat(pace.cutoff(0, 160 * 1024)).as("10 s worth").isEqualTo(10 * SECOND);
        assertThat(pace.cutoff(0, 320 * 1024)).as("20 s worth").isEqualTo(20 * SECOND);
        assertThat(pace.cutoff(5, 1L << 40)).as("never past the deadline").isEqualTo(5 + 600 * SECOND);
        assertThat(pace.cutoff(0, Long.MAX_VALUE)).isEqualTo(600 * SECOND);
    }

    @Test
    void the_messages_name_the_rule_and_the_setting() {
        BodyPace pace = new BodyPace(Duration.ofMinutes(10), 16 * 1024, Duration.ofSeconds(10));

        assertThat(pace.tooSlow(600 * SECOND, 5 * 1024 * 1024)).contains("within 10 min").contains("5 MiB came")
                .contains("VIDU_BODY_DEADLINE");
        assertThat(pace.tooSlow(12 * SECOND, 2048)).contains("too slowly").contains("2 KiB in 12 s")
                .contains("16 KiB/s").contains("first 10 s").contains("VIDU_BODY_MIN_RATE");
    }

    @Test
    void memory_is_charged_in_steps_up_to_a_bodys_most_and_given_back() throws Exception {
        BodyMemory memory = new BodyMemory(3 * BodyMemory.PER_BODY);
        BodyMemory.Charge a = memory.open();
        BodyMemory.Charge b = memory.open();

        a.received(1);
        assertThat(memory.used()).isEqualTo(BodyMemory.STEP);
        a.received(BodyMemory.STEP);
        assertThat(memory.used()).isEqualTo(BodyMemory.STEP);
        a.received(BodyMemory.STEP + 1);
        assertThat(memory.used()).isEqualTo(2 * BodyMemory.STEP);
        a.received(1L << 30);
        assertThat(a.charged()).as("a body is charged at most its most").isEqualTo(BodyMemory.PER_BODY);
        b.received(1L << 30);
        assertThat(memory.used()).isEqualTo(2 * BodyMemory.PER_BODY);
        a.close();
        a.close();
        assertThat(memory.used()).isEqualTo(BodyMemory.PER_BODY);
        b.close();
        assertThat(memory.used()).isZero();
    }

    @Test
    void a_body_that_does_not_fit_is_refused_and_keeps_what_it_had() throws Exception {
        BodyMemory memory = new BodyMemory(2 * BodyMemory.STEP);
        BodyMemory.Charge a = memory.open();
        BodyMemory.Charge b = memory.open();
        a.received(2 * BodyMemory.STEP);

        assertThatThrownBy(() -> b.received(1)).isInstanceOf(BodyMemory.Exhausted.class)
                .hasMessageContaining("128 KiB").hasMessageContaining("send the request again");
        assertThat(b.charged()).isZero();
        a.close();
        b.received(1);
        assertThat(memory.used()).isEqualTo(BodyMemory.STEP);
    }

    @Test
    void the_default_budget_is_a_quarter_of_the_heap_and_room_for_four_bodies_at_their_most() {
        assertThat(new BodyMemory(RequestBodySettings.defaults()).capacity())
                .isEqualTo(Math.max(4 * BodyMemory.PER_BODY, Runtime.getRuntime().maxMemory() / 4));
        assertThat(new BodyMemory(new RequestBodySettings(Duration.ofMinutes(1), 1, Duration.ZERO, 32L << 20))
                .capacity()).isEqualTo(32L << 20);
    }
}
