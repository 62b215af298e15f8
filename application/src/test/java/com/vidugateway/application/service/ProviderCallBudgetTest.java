package com.vidugateway.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.application.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProviderCallBudgetTest {

    @Test
    void calls_faster_than_the_cap_wait_for_their_slot() throws InterruptedException {
        MutableClock clock = new MutableClock(Instant.parse("2026-05-01T08:00:00Z"));
        Instant start = clock.instant();
        ProviderCallBudget budget = new ProviderCallBudget(clock, clock, 5.0);

        for (int i = 0; i < 11; i++) {
            budget.acquire();
        }

        assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void an_idle_period_buys_no_burst() throws InterruptedException {
        MutableClock clock = new MutableClock(Instant.parse("2026-05-01T08:00:00Z"));
        ProviderCallBudget budget = new ProviderCallBudget(clock, clock, 2.0);
        budget.acquire();
        clock.advance(Duration.ofMinutes(1));
        Instant afterIdle = clock.instant();

        budget.acquire();
        budget.acquire();

        assertThat(Duration.between(afterIdle, clock.instant())).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void a_caller_that_wakes_up_late_for_its_slot_takes_the_next_free_one_instead_of_bunching() throws InterruptedException {
        MutableClock clock = new MutableClock(Instant.parse("2026-05-01T08:00:00Z"));
        Instant start = clock.instant();
        java.util.concurrent.atomic.AtomicInteger sleeps = new java.util.concurrent.atomic.AtomicInteger();
        // The second sleep (the third call's) oversleeps by 150 ms, as a busy machine does.
        com.vidugateway.application.port.out.Sleeper oversleeping = duration -> {
            clock.advance(duration);
            if (sleeps.incrementAndGet() == 2) {
                clock.advance(Duration.ofMillis(150));
            }
        };
        ProviderCallBudget budget = new ProviderCallBudget(clock, oversleeping, 5.0);
        java.util.List<Duration> calls = new java.util.ArrayList<>();

        for (int i = 0; i < 4; i++) {
            budget.acquire();
            calls.add(Duration.between(start, clock.instant()));
        }

        // Slots every 200 ms: 0, 200, 400 (missed: woke at 550), 600, 800 — every call within 100 ms of its slot.
        assertThat(calls).containsExactly(Duration.ZERO, Duration.ofMillis(200), Duration.ofMillis(600),
                Duration.ofMillis(800));
    }
}
