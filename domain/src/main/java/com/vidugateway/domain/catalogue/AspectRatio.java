package com.vidugateway.domain.catalogue;

import java.util.Arrays;
import java.util.Optional;

/** The provider's {@code parameters.aspect_ratio} values. */
public enum AspectRatio {
    RATIO_16_9("16:9"),
    RATIO_9_16("9:16"),
    RATIO_4_3("4:3"),
    RATIO_3_4("3:4"),
    RATIO_1_1("1:1");

    private final String wire;

    AspectRatio(String wire) {
        this.wire = wire;
    }

    /** The value as the provider writes it, e.g. {@code 16:9}. */
    public String wire() {
        return wire;
    }

    /** Width over height as the two numbers of the ratio, e.g. {16, 9}. */
    public int[] widthToHeight() {
        String[] parts = wire.split(":");
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    }

    public static Optional<AspectRatio> fromWire(String value) {
        return Arrays.stream(values()).filter(r -> r.wire.equals(value)).findFirst();
    }

    @Override
    public String toString() {
        return wire;
    }
}
