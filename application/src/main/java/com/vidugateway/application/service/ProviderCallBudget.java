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

    /**
     * Waits until a call may be made. A caller that wakes up late for its slot (a busy machine, a pause) does not call
     * then: late calls would bunch with the punctual ones after them and overrun the cap, so it takes the next free
     * slot instead. After a few late wake-ups in a row it calls anyway rather than starve.
     */
    void acquire() throws InterruptedException {
        Duration slack = slot.dividedBy(2);
        for (int attempt = 1; ; attempt++) {
            Instant now = clock.instant();
            Instant mine = slots.reserve(now, slot);
            Duration wait = Duration.between(now, mine);
            if (!wait.isNegative() && !wait.isZero()) {
                sleeper.sleep(wait);
            }
            if (Duration.between(mine, clock.instant()).compareTo(slack) <= 0 || attempt >= MAX_LATE_WAKE_UPS) {
                return;
            }
        }
    }

    private static final int MAX_LATE_WAKE_UPS = 4;
}
