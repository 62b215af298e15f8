package com.vidugateway.application.service;

import com.vidugateway.application.port.out.GatewayInstances;
import com.vidugateway.application.port.out.LocalProcesses;
import com.vidugateway.application.port.out.ProviderCallSlots;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * This process among the gateway instances on one store: who it is, where the instances are listed, and the
 * provider-call timetable they share.
 */
public record Membership(GatewayInstances.Instance self, GatewayInstances instances, ProviderCallSlots callSlots,
                         LocalProcesses processes) {

    public Membership {
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(instances, "instances");
        Objects.requireNonNull(callSlots, "callSlots");
        Objects.requireNonNull(processes, "processes");
    }

    /** A process with a store of its own: no other instance, nothing shared (tests, a store nobody else opens). */
    public static Membership alone(Instant now) {
        GatewayInstances.Instance self = new GatewayInstances.Instance("solo-" + UUID.randomUUID(), "server",
                "localhost", 0, null, now, now);
        return new Membership(self, GatewayInstances.inThisProcess(), ProviderCallSlots.inThisProcess(), new LocalProcesses() {
            @Override
            public String hostName() {
                return self.host();
            }

            @Override
            public boolean isRunning(long pid, Instant startedAt) {
                return true;
            }
        });
    }
}
