package com.vidugateway.application.service;

import com.vidugateway.application.port.out.ProviderCallSlots;
import com.vidugateway.application.port.out.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A cap on provider calls per second for every gateway instance on one store together: each call — a first attempt,
 * a retry, a refresh of a video's URLs — reserves the next free slot of the shared timetable and waits for it when
 * calls come faster than the cap. Bursts are not saved up: an idle minute buys no extra calls.
 */
final class ProviderCallBudget {

    private static final int MAX_LATE_WAKE_UPS = 4;

    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration slot;
    private final Duration horizon;
    private final ProviderCallSlots slots;

    ProviderCallBudget(Clock clock, Sleeper sleeper, double callsPerSecond) {
        this(clock, sleeper, callsPerSecond, ProviderCallSlots.inThisProcess(clock));
    }

    ProviderCallBudget(Clock clock, Sleeper sleeper, double callsPerSecond, ProviderCallSlots slots) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.slot = Duration.ofNanos(Math.round(1_000_000_000L / callsPerSecond));
        // A second's worth of slots (two at least) may be reserved ahead; later callers wait and ask again.
        Duration twoSlots = slot.multipliedBy(2);
        this.horizon = twoSlots.compareTo(Duration.ofSeconds(1)) > 0 ? twoSlots : Duration.ofSeconds(1);
        this.slots = slots;
    }

    /**
     * Waits until a call may be made. A caller that wakes up late for its slot (a busy machine, a pause) does not call
     * then: late calls would bunch with the punctual ones after them and overrun the cap, so it takes the next free
     * slot instead. After a few late wake-ups in a row it calls anyway rather than starve.
     */
    void acquire() throws InterruptedException {
        Duration slack = slot.dividedBy(2);
        int lateWakeUps = 0;
        while (true) {
            ProviderCallSlots.Reservation reservation = slots.reserve(slot, horizon);
            Instant asked = clock.instant();
            Duration wait = reservation.reserved() ? reservation.delay()
                    : max(reservation.delay(), Duration.ofMillis(1)).plus(spread());
            if (!wait.isZero()) {
                sleeper.sleep(wait);
            }
            if (!reservation.reserved()) {
                continue;
            }
            Duration late = Duration.between(asked.plus(wait), clock.instant());
            if (late.compareTo(slack) <= 0 || ++lateWakeUps >= MAX_LATE_WAKE_UPS) {
                return;
            }
        }
    }

    /**
     * Callers that found the timetable full wake at random moments within a horizon, not all at the moment the next
     * slot comes within reach: dozens of waiting submits would otherwise ask the database's one row at once, slot after
     * slot, and queue for its lock (and for connections) in a herd.
     */
    private Duration spread() {
        return Duration.ofNanos(java.util.concurrent.ThreadLocalRandom.current().nextLong(horizon.toNanos() / 2 + 1));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
