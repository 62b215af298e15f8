package com.vidugateway.domain.catalogue;

import static com.vidugateway.domain.testing.Drafts.accepted;
import static com.vidugateway.domain.testing.Drafts.assertOnlyViolation;
import static com.vidugateway.domain.testing.Drafts.check;
import static com.vidugateway.domain.testing.Drafts.onlyViolation;
import static com.vidugateway.domain.testing.Drafts.urls;
import static com.vidugateway.domain.testing.Drafts.valid;
import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.request.VideoRequestDraft;
import com.vidugateway.domain.validation.Validation;
import com.vidugateway.domain.validation.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every cell of the model table in {@code shared/provider/rules.md}, checked through {@link VideoRequest#from}.
 * The expected tables are written out here by hand, from rules.md, never derived from {@link ModelCatalogue}:
 * a wrong catalogue entry must make a test fail.
 */
class ModelCatalogueRulesTest {

    private static final List<String> ALL_RESOLUTIONS = List.of("360p", "540p", "720p", "1080p");
    private static final List<String> ALL_ASPECT_RATIOS = List.of("16:9", "9:16", "4:3", "3:4", "1:1");
    private static final List<String> ALL_AMPLITUDES = List.of("auto", "small", "medium", "large");

    /** rules.md, column "resolution per duration": model → seconds → resolutions (ascending). */
    private static final Map<String, Map<Integer, List<String>>> RESOLUTIONS_BY_DURATION = new LinkedHashMap<>();

    static {
        Map<Integer, List<String>> viduq2 = new LinkedHashMap<>();
        for (int seconds = 1; seconds <= 10; seconds++) {
            viduq2.put(seconds, List.of("540p", "720p", "1080p"));
        }
        RESOLUTIONS_BY_DURATION.put("viduq2", viduq2);
        RESOLUTIONS_BY_DURATION.put("viduq1", Map.of(5, List.of("1080p")));
        RESOLUTIONS_BY_DURATION.put("vidu2.0", Map.of(4, List.of("360p", "720p")));
        Map<Integer, List<String>> vidu15 = new LinkedHashMap<>();
        vidu15.put(4, List.of("360p", "720p", "1080p"));
        vidu15.put(8, List.of("720p"));
        RESOLUTIONS_BY_DURATION.put("vidu1.5", vidu15);
    }

    /** rules.md, column "aspect ratios". */
    private static final Map<String, List<String>> ASPECT_RATIOS = Map.of(
            "viduq2", List.of("16:9", "9:16", "4:3", "3:4", "1:1"),
            "viduq1", List.of("16:9", "9:16", "1:1"),
            "vidu2.0", List.of("16:9", "9:16", "1:1"),
            "vidu1.5", List.of("16:9", "9:16", "1:1"));

    /** rules.md, column "movement_amplitude" (viduq2: only absent or auto). */
    private static final Map<String, List<String>> AMPLITUDES = Map.of(
            "viduq2", List.of("auto"),
            "viduq1", List.of("auto", "small", "medium", "large"),
            "vidu2.0", List.of("auto", "small", "medium", "large"),
            "vidu1.5", List.of("auto", "small", "medium", "large"));

    @Test
    void the_hand_written_tables_cover_exactly_the_catalogue_models() {
        assertThat(ModelCatalogue.STANDARD.names()).containsExactly("viduq2", "viduq1", "vidu2.0", "vidu1.5");
        assertThat(RESOLUTIONS_BY_DURATION.keySet()).containsExactlyInAnyOrderElementsOf(ModelCatalogue.STANDARD.names());
        assertThat(ASPECT_RATIOS.keySet()).containsExactlyInAnyOrderElementsOf(ModelCatalogue.STANDARD.names());
        assertThat(AMPLITUDES.keySet()).containsExactlyInAnyOrderElementsOf(ModelCatalogue.STANDARD.names());
    }

    /** A value no model has, for each parameter of a fixed set of values. */
    static Stream<Arguments> unknownValues() {
        return Stream.of(
                Arguments.of("parameters.resolution", "4k", valid("viduq2").resolution("4k"), ALL_RESOLUTIONS),
                Arguments.of("parameters.aspect_ratio", "21:9", valid("viduq2").aspectRatio("21:9"), ALL_ASPECT_RATIOS),
                Arguments.of("parameters.movement_amplitude", "huge", valid("vidu1.5").movementAmplitude("huge"),
                        ALL_AMPLITUDES));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("unknownValues")
    void refuses_a_value_the_provider_does_not_know_and_lists_the_known_ones(
            String field, String given, VideoRequestDraft.Builder draft, List<String> known) {
        assertOnlyViolation(draft, field).contains("'" + given + "'").contains(String.join(", ", known));
    }

    @Nested
    class ImageCount {

        @ParameterizedTest(name = "{0} takes {1}–{2} images")
        @CsvSource({"viduq2, 1, 7", "viduq1, 1, 7", "vidu2.0, 1, 3", "vidu1.5, 1, 3"})
        void accepts_the_fewest_and_the_most_images(String model, int min, int max) {
            assertThat(accepted(valid(model).images(urls(min))).imageCount()).isEqualTo(min);
            assertThat(accepted(valid(model).images(urls(max))).imageCount()).isEqualTo(max);
        }

        @ParameterizedTest(name = "{0} refuses {2} images")
        @CsvSource({"viduq2, 1, 8", "viduq1, 1, 8", "vidu2.0, 1, 4", "vidu1.5, 1, 4"})
        void refuses_one_image_more_than_the_most(String model, int min, int tooMany) {
            assertOnlyViolation(valid(model).images(urls(tooMany)), "input.images")
                    .contains(tooMany + " images given")
                    .contains(model + " takes " + min + "–" + (tooMany - 1));
        }

        @ParameterizedTest(name = "{0} refuses no images")
        @CsvSource({"viduq2, 7", "viduq1, 7", "vidu2.0, 3", "vidu1.5, 3"})
        void refuses_an_empty_image_list(String model, int max) {
            assertOnlyViolation(valid(model).images(List.of()), "input.images")
                    .contains("0 images given").contains("1–" + max);
        }

        @Test
        void refuses_4_images_on_vidu20_that_viduq2_accepts() {
            assertThat(check(valid("viduq2").images(urls(4))).isValid()).isTrue();
            assertThat(onlyViolation(valid("vidu2.0").images(urls(4))).field()).isEqualTo("input.images");
        }
    }

    @Nested
    class Durations {

        static Stream<Arguments> durations() {
            return Stream.of(
                    // model, seconds, allowed, how the message states the allowed durations
                    Arguments.of("viduq2", 0, false, "1–10 s"),
                    Arguments.of("viduq2", 1, true, ""),
                    Arguments.of("viduq2", 2, true, ""),
                    Arguments.of("viduq2", 3, true, ""),
                    Arguments.of("viduq2", 4, true, ""),
                    Arguments.of("viduq2", 5, true, ""),
                    Arguments.of("viduq2", 6, true, ""),
                    Arguments.of("viduq2", 7, true, ""),
                    Arguments.of("viduq2", 8, true, ""),
                    Arguments.of("viduq2", 9, true, ""),
                    Arguments.of("viduq2", 10, true, ""),
                    Arguments.of("viduq2", 11, false, "1–10 s"),
                    Arguments.of("viduq2", -1, false, "1–10 s"),
                    Arguments.of("viduq1", 4, false, "5 s"),
                    Arguments.of("viduq1", 5, true, ""),
                    Arguments.of("viduq1", 6, false, "5 s"),
                    Arguments.of("vidu2.0", 3, false, "4 s"),
                    Arguments.of("vidu2.0", 4, true, ""),
                    Arguments.of("vidu2.0", 5, false, "4 s"),
                    Arguments.of("vidu2.0", 8, false, "4 s"),
                    Arguments.of("vidu1.5", 3, false, "4, 8 s"),
                    Arguments.of("vidu1.5", 4, true, ""),
                    Arguments.of("vidu1.5", 5, false, "4, 8 s"),
                    Arguments.of("vidu1.5", 7, false, "4, 8 s"),
                    Arguments.of("vidu1.5", 8, true, ""),
                    Arguments.of("vidu1.5", 9, false, "4, 8 s"));
        }

        @ParameterizedTest(name = "{0} {1} s allowed={2}")
        @MethodSource("durations")
        void accepts_exactly_the_listed_durations(String model, int seconds, boolean allowed, String allowedText) {
            VideoRequestDraft.Builder draft = valid(model).duration(seconds);

            if (allowed) {
                assertThat(accepted(draft).duration()).isEqualTo(seconds);
            } else {
                assertOnlyViolation(draft, "parameters.duration")
                        .startsWith(seconds + " s is not offered by " + model)
                        .endsWith("allowed: " + allowedText);
            }
        }
    }

    @Nested
    class ResolutionsPerDuration {

        /** Every allowed duration of every model × every resolution the provider knows. */
        static Stream<Arguments> grid() {
            List<Arguments> rows = new ArrayList<>();
            RESOLUTIONS_BY_DURATION.forEach((model, byDuration) -> byDuration.forEach((seconds, allowed) -> {
                for (String resolution : ALL_RESOLUTIONS) {
                    rows.add(Arguments.of(model, seconds, resolution, allowed.contains(resolution), allowed));
                }
            }));
            return rows.stream();
        }

        @ParameterizedTest(name = "{0} {1} s {2} allowed={3}")
        @MethodSource("grid")
        void accepts_exactly_the_listed_resolutions_per_duration(
                String model, int seconds, String resolution, boolean allowed, List<String> allowedAtDuration) {
            VideoRequestDraft.Builder draft = valid(model).duration(seconds).resolution(resolution);

            if (allowed) {
                VideoRequest request = accepted(draft);
                assertThat(request.resolution().wire()).isEqualTo(resolution);
                assertThat(request.duration()).isEqualTo(seconds);
            } else {
                assertOnlyViolation(draft, "parameters.resolution")
                        .startsWith(resolution + " is not offered by " + model + " at " + seconds + " s")
                        .endsWith("allowed: " + String.join(", ", allowedAtDuration));
            }
        }

        @Test
        void accepts_1080p_on_vidu15_at_4s_but_not_at_8s() {
            assertThat(check(valid("vidu1.5").duration(4).resolution("1080p")).isValid()).isTrue();
            assertOnlyViolation(valid("vidu1.5").duration(8).resolution("1080p"), "parameters.resolution")
                    .isEqualTo("1080p is not offered by vidu1.5 at 8 s; allowed: 720p");
        }

        @Test
        void refuses_720p_on_viduq1_whose_default_duration_renders_only_1080p() {
            assertOnlyViolation(valid("viduq1").resolution("720p"), "parameters.resolution")
                    .isEqualTo("720p is not offered by viduq1 at 5 s; allowed: 1080p");
        }

        @Test
        void a_bad_duration_does_not_also_blame_a_resolution_the_model_renders_at_another_duration() {
            // 720p exists for vidu1.5 (at 4 s and 8 s); only the duration is wrong.
            Violation violation = onlyViolation(valid("vidu1.5").duration(5).resolution("720p"));

            assertThat(violation.field()).isEqualTo("parameters.duration");
        }

        @Test
        void a_bad_duration_and_a_resolution_the_model_never_renders_are_two_violations() {
            Validation<VideoRequest> outcome = check(valid("vidu2.0").duration(8).resolution("1080p"));

            assertThat(outcome.violations()).extracting(Violation::field)
                    .containsExactlyInAnyOrder("parameters.duration", "parameters.resolution");
            assertThat(outcome.violations()).filteredOn(v -> v.field().equals("parameters.resolution"))
                    .singleElement().extracting(Violation::message).asString()
                    .contains("1080p").contains("vidu2.0").contains("360p, 720p");
        }
    }

    @Nested
    class Defaults {

        @ParameterizedTest(name = "{0} duration {1} → {2} s {3}")
        @CsvSource(nullValues = "absent", value = {
                "viduq2,  absent, 5, 720p",
                "viduq2,  1,      1, 720p",
                "viduq2,  2,      2, 720p",
                "viduq2,  3,      3, 720p",
                "viduq2,  4,      4, 720p",
                "viduq2,  5,      5, 720p",
                "viduq2,  6,      6, 720p",
                "viduq2,  7,      7, 720p",
                "viduq2,  8,      8, 720p",
                "viduq2,  9,      9, 720p",
                "viduq2,  10,     10, 720p",
                "viduq1,  absent, 5, 1080p",
                "viduq1,  5,      5, 1080p",
                "vidu2.0, absent, 4, 360p",
                "vidu2.0, 4,      4, 360p",
                "vidu1.5, absent, 4, 360p",
                "vidu1.5, 4,      4, 360p",
                "vidu1.5, 8,      8, 720p"})
        void fills_the_default_duration_and_the_default_resolution_of_that_duration(
                String model, Integer duration, int expectedSeconds, String expectedResolution) {
            VideoRequest request = accepted(valid(model).duration(duration));

            assertThat(request.duration()).isEqualTo(expectedSeconds);
            assertThat(request.resolution().wire()).isEqualTo(expectedResolution);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource({"viduq2", "viduq1", "vidu2.0", "vidu1.5"})
        void fills_aspect_ratio_16x9_movement_auto_seed_0_and_no_bgm_or_audio(String model) {
            VideoRequest request = accepted(valid(model));

            assertThat(request.aspectRatio().wire()).isEqualTo("16:9");
            assertThat(request.movementAmplitude().wire()).isEqualTo("auto");
            assertThat(request.seed()).isZero();
            assertThat(request.bgm()).isFalse();
            assertThat(request.audio()).isFalse();
            assertThat(request.modelName()).isEqualTo(model);
        }
    }

    @Nested
    class AspectRatios {

        static Stream<Arguments> grid() {
            return ASPECT_RATIOS.entrySet().stream().flatMap(row -> ALL_ASPECT_RATIOS.stream()
                    .map(ratio -> Arguments.of(row.getKey(), ratio, row.getValue().contains(ratio), row.getValue())));
        }

        @ParameterizedTest(name = "{0} {1} allowed={2}")
        @MethodSource("grid")
        void accepts_exactly_the_listed_aspect_ratios(String model, String ratio, boolean allowed, List<String> allowedRatios) {
            VideoRequestDraft.Builder draft = valid(model).aspectRatio(ratio);

            if (allowed) {
                assertThat(accepted(draft).aspectRatio().wire()).isEqualTo(ratio);
            } else {
                assertOnlyViolation(draft, "parameters.aspect_ratio")
                        .startsWith(ratio + " is not offered by " + model)
                        .endsWith("allowed: " + String.join(", ", allowedRatios));
            }
        }

        @Test
        void rejects_4x3_on_vidu20() {
            assertThat(onlyViolation(valid("vidu2.0").aspectRatio("4:3"))).isEqualTo(
                    new Violation("parameters.aspect_ratio", "4:3 is not offered by vidu2.0; allowed: 16:9, 9:16, 1:1"));
        }

        @Test
        void accepts_3x4_on_viduq2() {
            assertThat(accepted(valid("viduq2").aspectRatio("3:4")).aspectRatio()).isEqualTo(AspectRatio.RATIO_3_4);
        }
    }

    @Nested
    class MovementAmplitudes {

        static Stream<Arguments> grid() {
            return AMPLITUDES.entrySet().stream().flatMap(row -> ALL_AMPLITUDES.stream()
                    .map(amplitude -> Arguments.of(row.getKey(), amplitude, row.getValue().contains(amplitude))));
        }

        @ParameterizedTest(name = "{0} {1} allowed={2}")
        @MethodSource("grid")
        void accepts_exactly_the_listed_movement_amplitudes(String model, String amplitude, boolean allowed) {
            VideoRequestDraft.Builder draft = valid(model).movementAmplitude(amplitude);

            if (allowed) {
                assertThat(accepted(draft).movementAmplitude().wire()).isEqualTo(amplitude);
            } else {
                assertOnlyViolation(draft, "parameters.movement_amplitude")
                        .contains(model).contains(amplitude).contains("auto");
            }
        }

        @Test
        void viduq2_accepts_an_absent_amplitude_as_auto() {
            assertThat(accepted(valid("viduq2")).movementAmplitude()).isEqualTo(MovementAmplitude.AUTO);
        }

        @Test
        void rejects_small_movement_on_viduq2_saying_it_is_not_supported() {
            assertThat(onlyViolation(valid("viduq2").movementAmplitude("small"))).isEqualTo(
                    new Violation("parameters.movement_amplitude",
                            "viduq2 does not support movement amplitude (got small); leave it out or use auto"));
        }
    }

    @Test
    void the_most_of_everything_on_vidu15_8s_720p() {
        VideoRequest request = accepted(valid("vidu1.5").images(urls(3)).duration(8).resolution("720p")
                .aspectRatio("9:16").movementAmplitude("large").seed(42L).bgm(true));

        assertThat(request.imageCount()).isEqualTo(3);
        assertThat(request.duration()).isEqualTo(8);
        assertThat(request.resolution()).isEqualTo(Resolution.P720);
        assertThat(request.aspectRatio()).isEqualTo(AspectRatio.RATIO_9_16);
        assertThat(request.movementAmplitude()).isEqualTo(MovementAmplitude.LARGE);
        assertThat(request.seed()).isEqualTo(42L);
        assertThat(request.bgm()).isTrue();
    }
}
