package com.vidugateway.domain.catalogue;

import java.util.List;
import java.util.Objects;

/** One allowed clip length of a model and the resolutions it can be rendered in. */
public record DurationOption(int seconds, List<Resolution> resolutions, Resolution defaultResolution) {

    public DurationOption {
        resolutions = List.copyOf(resolutions);
        Objects.requireNonNull(defaultResolution, "defaultResolution");
        if (seconds < 1) {
            throw new IllegalArgumentException("a clip lasts at least 1 second, got " + seconds);
        }
        if (!resolutions.contains(defaultResolution)) {
            throw new IllegalArgumentException(
                    "default resolution " + defaultResolution + " is not among " + resolutions);
        }
    }

    public boolean allows(Resolution resolution) {
        return resolutions.contains(resolution);
    }
}
