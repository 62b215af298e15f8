package com.vidugateway.domain.catalogue;

import java.util.Arrays;
import java.util.Optional;

/** The provider's {@code parameters.movement_amplitude} values. */
public enum MovementAmplitude {
    AUTO("auto"),
    SMALL("small"),
    MEDIUM("medium"),
    LARGE("large");

    private final String wire;

    MovementAmplitude(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<MovementAmplitude> fromWire(String value) {
        return Arrays.stream(values()).filter(m -> m.wire.equals(value)).findFirst();
    }

    @Override
    public String toString() {
        return wire;
    }
}
