package com.vidugateway.application.service;

import com.vidugateway.application.port.out.ProviderCallSlots;
import com.vidugateway.application.port.out.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A cap on provider calls per second for every gateway instance on one store together: each call reserves the next
 * free slot of the shared timetable and waits for it when calls come faster than the cap. Bursts are not saved up:
 * an idle minute buys no extra calls.
 */
final class ProviderCallBudget {

    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration slot;
    private final ProviderCallSlots slots;

    ProviderCallBudget(Clock clock, Sleeper sleeper, double callsPerSecond) {
        this(clock, sleeper, callsPerSecond, ProviderCallSlots.inThisProcess());
    }

    ProviderCallBudget(Clock clock, Sleeper sleeper, double callsPerSecond, ProviderCallSlots slots) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.slot = Duration.ofNanos(Math.round(1_000_000_000L / callsPerSecond));
        this.slots = slots;
    }

    /** Waits until a call may be made. */
    void acquire() throws InterruptedException {
        Instant now = clock.instant();
        Duration wait = Duration.between(now, slots.reserve(now, slot));
        if (!wait.isNegative() && !wait.isZero()) {
            sleeper.sleep(wait);
        }
    }
}
