package com.vidugateway.application.service;

import com.vidugateway.application.port.out.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A cap on provider calls per second for this process: each call takes the next free slot, waiting for it
 * when calls come faster than the cap. Bursts are not saved up: an idle minute buys no extra calls.
 */
final class ProviderCallBudget {

    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration slot;
    private Instant nextFree = Instant.MIN;

    ProviderCallBudget(Clock clock, Sleeper sleeper, double callsPerSecond) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.slot = Duration.ofNanos(Math.round(1_000_000_000L / callsPerSecond));
    }

    /** Waits until a call may be made. */
    void acquire() throws InterruptedException {
        Duration wait;
        synchronized (this) {
            Instant now = clock.instant();
            Instant mine = nextFree.isAfter(now) ? nextFree : now;
            nextFree = mine.plus(slot);
            wait = Duration.between(now, mine);
        }
        sleeper.sleep(wait);
    }
}
