package com.vidugateway.domain.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalogue as a value: lookup, restriction to what a deployment offers, and the invariants of a row. */
class ModelCatalogueTest {

    private static final ModelCatalogue STANDARD = ModelCatalogue.STANDARD;

    @Test
    void the_default_model_is_viduq2_and_is_in_the_catalogue() {
        assertThat(ModelCatalogue.DEFAULT_MODEL).isEqualTo("viduq2");
        assertThat(STANDARD.find(ModelCatalogue.DEFAULT_MODEL)).isPresent();
    }

    @Test
    void finds_a_model_by_its_exact_provider_name_only() {
        assertThat(STANDARD.find("vidu2.0")).map(Model::name).hasValue("vidu2.0");
        assertThat(STANDARD.find("VIDUQ2")).isEmpty();
        assertThat(STANDARD.find("vidu2")).isEmpty();
    }

    @Test
    void a_deployment_offers_only_the_named_models_in_catalogue_order() {
        ModelCatalogue offered = STANDARD.restrictedTo(List.of("vidu1.5", "viduq2"));

        assertThat(offered.names()).containsExactly("viduq2", "vidu1.5");
        assertThat(offered.find("viduq1")).isEmpty();
    }

    @Test
    void restricting_to_an_unknown_model_fails_and_names_it() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> STANDARD.restrictedTo(List.of("viduq2", "vidu9")))
                .withMessageContaining("vidu9")
                .withMessageContaining("viduq2, viduq1, vidu2.0, vidu1.5");
    }

    @Test
    void a_catalogue_without_models_is_refused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ModelCatalogue(List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> STANDARD.restrictedTo(List.of()));
    }

    @Test
    void viduq2_alone_ignores_movement_amplitude() {
        assertThat(STANDARD.models()).filteredOn(m -> !m.supportsMovementAmplitude())
                .extracting(Model::name).containsExactly("viduq2");
    }

    @Test
    void lists_every_resolution_a_model_renders_at_some_duration_in_ascending_order() {
        assertThat(STANDARD.find("vidu1.5").orElseThrow().allResolutions())
                .containsExactly(Resolution.P360, Resolution.P720, Resolution.P1080);
        assertThat(STANDARD.find("viduq2").orElseThrow().allResolutions())
                .containsExactly(Resolution.P540, Resolution.P720, Resolution.P1080);
    }

    @Test
    void a_row_whose_default_duration_is_not_offered_is_refused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Model("x", 1, 3,
                        List.of(new DurationOption(4, List.of(Resolution.P360), Resolution.P360)), 5,
                        List.of(AspectRatio.RATIO_16_9), AspectRatio.RATIO_16_9,
                        List.of(MovementAmplitude.AUTO), MovementAmplitude.AUTO))
                .withMessageContaining("default duration 5");
    }

    @Test
    void a_row_with_more_minimum_than_maximum_images_is_refused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Model("x", 4, 3,
                List.of(new DurationOption(4, List.of(Resolution.P360), Resolution.P360)), 4,
                List.of(AspectRatio.RATIO_16_9), AspectRatio.RATIO_16_9,
                List.of(MovementAmplitude.AUTO), MovementAmplitude.AUTO));
    }

    @Test
    void a_row_whose_default_aspect_ratio_or_amplitude_is_not_offered_is_refused() {
        List<DurationOption> durations = List.of(new DurationOption(4, List.of(Resolution.P360), Resolution.P360));
        assertThatIllegalArgumentException().isThrownBy(() -> new Model("x", 1, 3, durations, 4,
                List.of(AspectRatio.RATIO_16_9), AspectRatio.RATIO_4_3,
                List.of(MovementAmplitude.AUTO), MovementAmplitude.AUTO));
        assertThatIllegalArgumentException().isThrownBy(() -> new Model("x", 1, 3, durations, 4,
                List.of(AspectRatio.RATIO_16_9), AspectRatio.RATIO_16_9,
                List.of(MovementAmplitude.AUTO), MovementAmplitude.LARGE));
    }

    @Test
    void a_duration_whose_default_resolution_it_does_not_render_is_refused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DurationOption(8, List.of(Resolution.P720), Resolution.P1080))
                .withMessageContaining("1080p");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DurationOption(0, List.of(Resolution.P720), Resolution.P720));
    }

    @Test
    void wire_values_parse_back_to_their_constants() {
        assertThat(AspectRatio.fromWire("3:4")).hasValue(AspectRatio.RATIO_3_4);
        assertThat(AspectRatio.fromWire("3x4")).isEmpty();
        assertThat(AspectRatio.RATIO_9_16.widthToHeight()).containsExactly(9, 16);
        assertThat(Resolution.fromWire("1080p")).hasValue(Resolution.P1080);
        assertThat(Resolution.P540.shortSide()).isEqualTo(540);
        assertThat(Resolution.fromWire("1080P")).isEmpty();
        assertThat(MovementAmplitude.fromWire("medium")).hasValue(MovementAmplitude.MEDIUM);
        assertThat(MovementAmplitude.fromWire("Medium")).isEmpty();
    }
}
