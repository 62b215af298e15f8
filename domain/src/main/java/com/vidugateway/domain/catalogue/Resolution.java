package com.vidugateway.domain.catalogue;

import java.util.Arrays;
import java.util.Optional;

/** The provider's {@code parameters.resolution} values; the number is the short side in pixels. */
public enum Resolution {
    P360("360p", 360),
    P540("540p", 540),
    P720("720p", 720),
    P1080("1080p", 1080);

    private final String wire;
    private final int shortSide;

    Resolution(String wire, int shortSide) {
        this.wire = wire;
        this.shortSide = shortSide;
    }

    public String wire() {
        return wire;
    }

    public int shortSide() {
        return shortSide;
    }

    public static Optional<Resolution> fromWire(String value) {
        return Arrays.stream(values()).filter(r -> r.wire.equals(value)).findFirst();
    }

    @Override
    public String toString() {
        return wire;
    }
}
