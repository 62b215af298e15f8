package com.vidugateway.application.port.out;

import java.time.Duration;
import java.time.Instant;

/**
 * The provider-call timetable shared by every gateway instance on one store, so that a cap on calls per second
 * holds for all of them together: each call reserves the next free slot.
 */
public interface ProviderCallSlots {

    /**
     * Reserves the first free slot at or after {@code now}; the slot after it is free {@code slot} later.
     *
     * @return when the reserved slot starts (the caller waits until then before calling)
     */
    Instant reserve(Instant now, Duration slot);

    /** A timetable for one process alone (a store that is not shared, tests). */
    static ProviderCallSlots inThisProcess() {
        return new ProviderCallSlots() {
            private Instant nextFree = Instant.MIN;

            @Override
            public synchronized Instant reserve(Instant now, Duration slot) {
                Instant mine = nextFree.isAfter(now) ? nextFree : now;
                nextFree = mine.plus(slot);
                return mine;
            }
        };
    }
}
