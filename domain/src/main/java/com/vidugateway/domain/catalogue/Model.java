package com.vidugateway.domain.catalogue;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the model catalogue: everything a request for this model must respect.
 *
 * @param name                     the provider's {@code model} value
 * @param minImages                fewest reference images in a request
 * @param maxImages                most reference images in a request (in all, across subjects)
 * @param durations                allowed clip lengths, each with its resolutions
 * @param defaultDuration          seconds used when the request names none
 * @param aspectRatios             allowed aspect ratios
 * @param defaultAspectRatio       used when the request names none
 * @param movementAmplitudes       accepted values; only {@code auto} where the model ignores the parameter
 * @param defaultMovementAmplitude used when the request names none
 */
public record Model(
        String name,
        int minImages,
        int maxImages,
        List<DurationOption> durations,
        int defaultDuration,
        List<AspectRatio> aspectRatios,
        AspectRatio defaultAspectRatio,
        List<MovementAmplitude> movementAmplitudes,
        MovementAmplitude defaultMovementAmplitude) {

    public Model {
        Objects.requireNonNull(name, "name");
        durations = List.copyOf(durations);
        aspectRatios = List.copyOf(aspectRatios);
        movementAmplitudes = List.copyOf(movementAmplitudes);
        if (minImages < 1 || maxImages < minImages) {
            throw new IllegalArgumentException(name + ": image count " + minImages + "–" + maxImages);
        }
        if (durations.stream().noneMatch(d -> d.seconds() == defaultDuration)) {
            throw new IllegalArgumentException(name + ": default duration " + defaultDuration + " not allowed");
        }
        if (!aspectRatios.contains(defaultAspectRatio)) {
            throw new IllegalArgumentException(name + ": default aspect ratio not allowed");
        }
        if (!movementAmplitudes.contains(defaultMovementAmplitude)) {
            throw new IllegalArgumentException(name + ": default movement amplitude not allowed");
        }
    }

    public Optional<DurationOption> duration(int seconds) {
        return durations.stream().filter(d -> d.seconds() == seconds).findFirst();
    }

    public List<Integer> durationSeconds() {
        return durations.stream().map(DurationOption::seconds).toList();
    }

    /** Seconds as a person reads them: a run as "1–10 s", a few as "4, 8 s". */
    public static String describeSeconds(List<Integer> seconds) {
        int first = seconds.get(0);
        int last = seconds.get(seconds.size() - 1);
        if (seconds.size() > 2 && last - first + 1 == seconds.size()) {
            return first + "–" + last + " s";
        }
        return seconds.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")) + " s";
    }

    /** Every resolution the model renders at some duration, in catalogue order. */
    public List<Resolution> allResolutions() {
        return durations.stream().flatMap(d -> d.resolutions().stream()).distinct().sorted().toList();
    }

    /** False where the provider ignores {@code movement_amplitude} for this model (only {@code auto} passes). */
    public boolean supportsMovementAmplitude() {
        return movementAmplitudes.size() > 1;
    }

    public boolean allows(AspectRatio ratio) {
        return aspectRatios.contains(ratio);
    }

    public boolean allows(MovementAmplitude amplitude) {
        return movementAmplitudes.contains(amplitude);
    }
}
