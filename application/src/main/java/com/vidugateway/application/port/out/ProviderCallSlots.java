package com.vidugateway.application.port.out;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The provider-call timetable shared by every gateway instance on one store, so that a cap on calls per second
 * holds for all of them together: each call reserves the next free slot. Slots are timed by the store's clock, not by
 * each machine's (a machine whose clock runs ahead would otherwise reserve the future for everyone), and nobody can
 * reserve further ahead than a short horizon: callers beyond it wait and ask again, so a burst never builds a long
 * queue of slots that callers who gave up leave empty.
 */
public interface ProviderCallSlots {

    /**
     * Reserves the first free slot when it starts within {@code horizon} of the store's clock; the slot after it is
     * free {@code slot} later.
     *
     * @return how long to wait before calling (a slot was reserved), or before asking again (none was free within the
     *         horizon; nothing was reserved)
     */
    Reservation reserve(Duration slot, Duration horizon);

    /**
     * @param reserved whether a slot is the caller's
     * @param delay    until that slot starts; or, when none was reserved, until one may be free within the horizon
     */
    record Reservation(boolean reserved, Duration delay) {
        public Reservation {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("a wait is zero or more");
            }
        }
    }

    /** A timetable for one process alone (a store that is not shared, tests), on {@code clock}. */
    static ProviderCallSlots inThisProcess(Clock clock) {
        return new ProviderCallSlots() {
            private Instant nextFree = Instant.MIN;

            @Override
            public synchronized Reservation reserve(Duration slot, Duration horizon) {
                Instant now = clock.instant();
                Instant first = nextFree.isAfter(now) ? nextFree : now;
                Duration ahead = Duration.between(now, first);
                if (ahead.compareTo(horizon) > 0) {
                    return new Reservation(false, ahead.minus(horizon));
                }
                nextFree = first.plus(slot);
                return new Reservation(true, ahead);
            }
        };
    }
}
