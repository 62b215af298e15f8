package com.vidugateway.application.service;

import com.vidugateway.application.port.out.GatewayInstances;
import com.vidugateway.application.port.out.LocalProcesses;
import com.vidugateway.application.port.out.ProviderCallSlots;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * This process among the gateway instances on one store: who it is, where the instances are listed, and the
 * provider-call timetable they share.
 */
public record Membership(GatewayInstances.Instance self, GatewayInstances instances, ProviderCallSlots callSlots,
                         LocalProcesses processes) {

    /** A process with a store of its own: no other instance, nothing shared (tests, a store nobody else opens). */
    public static Membership alone(Clock clock) {
        Instant now = clock.instant();
        GatewayInstances.Instance self = new GatewayInstances.Instance("solo-" + UUID.randomUUID(), "server",
                "localhost", 0, null, null, now, now);
        return new Membership(self, GatewayInstances.inThisProcess(clock), ProviderCallSlots.inThisProcess(clock),
                LocalProcesses.NONE);
    }
}
