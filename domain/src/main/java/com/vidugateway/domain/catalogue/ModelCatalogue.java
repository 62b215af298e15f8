package com.vidugateway.domain.catalogue;

import static com.vidugateway.domain.catalogue.AspectRatio.RATIO_16_9;
import static com.vidugateway.domain.catalogue.AspectRatio.RATIO_1_1;
import static com.vidugateway.domain.catalogue.AspectRatio.RATIO_3_4;
import static com.vidugateway.domain.catalogue.AspectRatio.RATIO_4_3;
import static com.vidugateway.domain.catalogue.AspectRatio.RATIO_9_16;
import static com.vidugateway.domain.catalogue.MovementAmplitude.AUTO;
import static com.vidugateway.domain.catalogue.MovementAmplitude.LARGE;
import static com.vidugateway.domain.catalogue.MovementAmplitude.MEDIUM;
import static com.vidugateway.domain.catalogue.MovementAmplitude.SMALL;
import static com.vidugateway.domain.catalogue.Resolution.P1080;
import static com.vidugateway.domain.catalogue.Resolution.P360;
import static com.vidugateway.domain.catalogue.Resolution.P540;
import static com.vidugateway.domain.catalogue.Resolution.P720;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The model table of {@code shared/provider/rules.md}, as data. Adding a model is adding one entry to
 * {@link #STANDARD}; nothing else in the code names a model.
 */
public final class ModelCatalogue {

    /** The default model when a person (CLI) names none; the provider's own example model. */
    public static final String DEFAULT_MODEL = "viduq2";

    private static final List<AspectRatio> WIDE_TALL_SQUARE = List.of(RATIO_16_9, RATIO_9_16, RATIO_1_1);
    private static final List<MovementAmplitude> ALL_AMPLITUDES = List.of(AUTO, SMALL, MEDIUM, LARGE);

    public static final ModelCatalogue STANDARD = new ModelCatalogue(List.of(
            // rules.md: 1–10 s at 540p/720p/1080p for every duration (the provider page's "1–8 s" is
            // superseded by Vidu's docs and the price table, which sells 9 s and 10 s clips).
            new Model("viduq2", 1, 7,
                    secondsRange(1, 10, List.of(P540, P720, P1080), P720), 5,
                    List.of(RATIO_16_9, RATIO_9_16, RATIO_4_3, RATIO_3_4, RATIO_1_1), RATIO_16_9,
                    List.of(AUTO), AUTO),
            new Model("viduq1", 1, 7,
                    List.of(new DurationOption(5, List.of(P1080), P1080)), 5,
                    WIDE_TALL_SQUARE, RATIO_16_9,
                    ALL_AMPLITUDES, AUTO),
            new Model("vidu2.0", 1, 3,
                    List.of(new DurationOption(4, List.of(P360, P720), P360)), 4,
                    WIDE_TALL_SQUARE, RATIO_16_9,
                    ALL_AMPLITUDES, AUTO),
            new Model("vidu1.5", 1, 3,
                    List.of(new DurationOption(4, List.of(P360, P720, P1080), P360),
                            new DurationOption(8, List.of(P720), P720)), 4,
                    WIDE_TALL_SQUARE, RATIO_16_9,
                    ALL_AMPLITUDES, AUTO)));

    private final List<Model> models;

    public ModelCatalogue(List<Model> models) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("a catalogue offers at least one model");
        }
        this.models = List.copyOf(models);
    }

    public List<Model> models() {
        return models;
    }

    public Optional<Model> find(String name) {
        return models.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public List<String> names() {
        return models.stream().map(Model::name).toList();
    }

    /** The catalogue a deployment offers: only the named models, in catalogue order. */
    public ModelCatalogue restrictedTo(Collection<String> offered) {
        List<String> unknown = offered.stream().filter(n -> find(n).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown models " + unknown + "; the catalogue has " + names());
        }
        return new ModelCatalogue(models.stream().filter(m -> offered.contains(m.name())).toList());
    }

    private static List<DurationOption> secondsRange(
            int from, int to, List<Resolution> resolutions, Resolution defaultResolution) {
        return IntStream.rangeClosed(from, to)
                .mapToObj(s -> new DurationOption(s, resolutions, defaultResolution))
                .toList();
    }
}
