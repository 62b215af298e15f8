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
}
