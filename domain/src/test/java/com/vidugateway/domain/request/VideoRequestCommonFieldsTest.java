package com.vidugateway.domain.request;

import static com.vidugateway.domain.testing.Drafts.accepted;
import static com.vidugateway.domain.testing.Drafts.assertOnlyViolation;
import static com.vidugateway.domain.testing.Drafts.check;
import static com.vidugateway.domain.testing.Drafts.onlyViolation;
import static com.vidugateway.domain.testing.Drafts.urls;
import static com.vidugateway.domain.testing.Drafts.valid;
import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.image.ReferenceImage;
import com.vidugateway.domain.testing.TestImages;
import com.vidugateway.domain.validation.Validation;
import com.vidugateway.domain.validation.Violation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The fields every request has (rules.md, "Common fields"), and that a check reports every broken rule. */
class VideoRequestCommonFieldsTest {

    /** U+1F3AC CLAPPER BOARD: one code point, two Java chars. */
    private static final String CLAPPER = "\uD83C\uDFAC";

    // ---- prompt ----------------------------------------------------------------------------------

    @Test
    void refuses_a_missing_prompt() {
        assertOnlyViolation(valid("viduq2").prompt(null), "input.prompt").contains("required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "   \t\n  ", "\u2003"})
    void refuses_a_blank_prompt(String prompt) {
        assertOnlyViolation(valid("viduq2").prompt(prompt), "input.prompt").contains("blank");
    }

    @Test
    void accepts_a_prompt_of_2000_code_points_even_when_that_is_4000_chars() {
        String prompt = CLAPPER.repeat(2000);
        assertThat(prompt).hasSize(4000);

        assertThat(accepted(valid("viduq2").prompt(prompt)).prompt()).isEqualTo(prompt);
    }

    @Test
    void refuses_a_prompt_of_2001_code_points_and_says_how_long_it_is() {
        assertOnlyViolation(valid("viduq2").prompt(CLAPPER.repeat(2001)), "input.prompt")
                .contains("2001").contains("at most 2000");
    }

    @Test
    void counts_code_points_not_chars_at_the_limit() {
        // 1999 letters + 1 emoji = 2000 code points (2001 chars): allowed.
        assertThat(check(valid("viduq2").prompt("a".repeat(1999) + CLAPPER)).isValid()).isTrue();
        // 2000 letters + 1 emoji = 2001 code points: refused.
        assertThat(onlyViolation(valid("viduq2").prompt("a".repeat(2000) + CLAPPER)).field()).isEqualTo("input.prompt");
    }

    @Test
    void accepts_2000_plain_letters_and_refuses_2001() {
        assertThat(check(valid("viduq2").prompt("a".repeat(2000))).isValid()).isTrue();
        assertThat(onlyViolation(valid("viduq2").prompt("a".repeat(2001))).message()).contains("2001");
    }

    @Test
    void keeps_the_prompt_as_given_with_its_subject_mentions() {
        assertThat(accepted(valid("viduq2").prompt("  @cat chases @dog ")).prompt()).isEqualTo("  @cat chases @dog ");
    }

    // ---- seed ------------------------------------------------------------------------------------

    @Test
    void an_absent_seed_is_0_which_asks_the_provider_for_a_random_one() {
        assertThat(accepted(valid("viduq2")).seed()).isZero();
        assertThat(accepted(valid("viduq2").seed(0L)).seed()).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 42, Integer.MAX_VALUE, Long.MAX_VALUE})
    void keeps_a_positive_seed(long seed) {
        assertThat(accepted(valid("viduq2").seed(seed)).seed()).isEqualTo(seed);
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, -42, Long.MIN_VALUE})
    void refuses_a_negative_seed_and_says_what_was_given(long seed) {
        assertOnlyViolation(valid("viduq2").seed(seed), "parameters.seed").contains(Long.toString(seed)).contains("0");
    }

    // ---- vidu_type, bgm --------------------------------------------------------------------------

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = "reference2video")
    void accepts_vidu_type_reference2video_or_none(String viduType) {
        assertThat(check(valid("viduq2").viduType(viduType)).isValid()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text2video", "img2video", "", "reference2video "})
    void refuses_any_other_vidu_type_and_names_the_one_allowed(String viduType) {
        assertOnlyViolation(valid("viduq2").viduType(viduType), "parameters.vidu_type")
                .contains("'" + viduType + "'").contains("'reference2video'");
    }

    @Test
    void bgm_is_off_unless_asked_for() {
        assertThat(accepted(valid("viduq2")).bgm()).isFalse();
        assertThat(accepted(valid("viduq2").bgm(false)).bgm()).isFalse();
        assertThat(accepted(valid("viduq2").bgm(true)).bgm()).isTrue();
    }

    // ---- model -----------------------------------------------------------------------------------

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  "})
    void refuses_a_missing_model_and_lists_the_models(String model) {
        assertOnlyViolation(valid("viduq2").model(model), "model")
                .contains("required").contains("viduq2, viduq1, vidu2.0, vidu1.5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"vidu3", "ViduQ2", "viduq2 ", "gpt-4"})
    void refuses_an_unknown_model_and_lists_the_models(String model) {
        assertOnlyViolation(valid("viduq2").model(model), "model")
                .contains("'" + model + "'").contains("viduq2, viduq1, vidu2.0, vidu1.5");
    }

    @Test
    void refuses_a_model_the_deployment_does_not_offer_though_the_catalogue_knows_it() {
        ModelCatalogue offered = ModelCatalogue.STANDARD.restrictedTo(List.of("viduq2"));

        Validation<VideoRequest> outcome = VideoRequest.from(valid("vidu1.5").build(), offered);

        assertOnlyViolation(outcome, "model").contains("'vidu1.5'").endsWith("choose one of viduq2");
    }

    @Test
    void without_a_model_still_refuses_more_than_7_images() {
        Validation<VideoRequest> outcome = check(valid(null).images(urls(8)));

        assertThat(outcome.violations()).extracting(Violation::field).containsExactlyInAnyOrder("model", "input.images");
    }

    // ---- input.images ----------------------------------------------------------------------------

    @Test
    void refuses_a_request_without_images_or_subjects() {
        assertOnlyViolation(valid("viduq2").images((List<String>) null), "input.images")
                .contains("required").contains("input.subjects").contains("1–7");
    }

    @Test
    void reports_a_bad_image_under_its_index() {
        Validation<VideoRequest> outcome = check(valid("viduq2").images(
                "https://img.example.com/a.png", "https://img.example.com/b.png", "ftp://img.example.com/c.png"));

        assertOnlyViolation(outcome, "input.images[2]").contains("ftp://img.example.com/c.png");
    }

    @Test
    void reports_a_null_image_under_its_index() {
        List<String> images = new ArrayList<>(urls(2));
        images.add(1, null);

        assertThat(onlyViolation(valid("viduq2").images(images)).field()).isEqualTo("input.images[1]");
    }

    @Test
    void keeps_the_images_in_request_order_as_checked_values() {
        String png = TestImages.pngUri(200, 150);
        VideoRequest request = accepted(valid("viduq2").images("https://img.example.com/a.png", png));

        assertThat(request.references()).isInstanceOf(References.Images.class);
        assertThat(((ReferenceImage.RemoteImage) request.references().allImages().get(0)).url())
                .hasToString("https://img.example.com/a.png");
        assertThat(request.references().allImages().get(0)).isInstanceOf(ReferenceImage.RemoteImage.class);
        assertThat(request.references().allImages().get(1)).isInstanceOf(ReferenceImage.InlineImage.class);
    }

    @Test
    void reports_the_count_and_every_bad_image_together() {
        List<String> images = new ArrayList<>(urls(3));
        images.add("not an image");
        images.add(TestImages.pngUri(127, 300));

        Validation<VideoRequest> outcome = check(valid("vidu2.0").images(images));

        assertThat(outcome.violations()).extracting(Violation::field)
                .containsExactly("input.images", "input.images[3]", "input.images[4]");
    }

    // ---- all violations at once ------------------------------------------------------------------

    @Test
    void reports_all_five_broken_rules_of_one_draft_at_once() {
        Validation<VideoRequest> outcome = check(valid("viduq2").prompt("   ").viduType("text2video").seed(-7L)
                .duration(11).movementAmplitude("large"));

        assertThat(outcome.isValid()).isFalse();
        assertThat(outcome.violations()).extracting(Violation::field).containsExactlyInAnyOrder(
                "input.prompt", "parameters.vidu_type", "parameters.seed", "parameters.duration",
                "parameters.movement_amplitude");
    }

    @Test
    void reports_every_rule_an_empty_draft_breaks() {
        Validation<VideoRequest> outcome = VideoRequest.from(VideoRequestDraft.builder().build(), ModelCatalogue.STANDARD);

        assertThat(outcome.violations()).extracting(Violation::field)
                .containsExactlyInAnyOrder("model", "input.prompt", "input.images");
    }

    @Test
    void reports_many_violations_across_images_and_parameters_with_exact_paths() {
        Validation<VideoRequest> outcome = check(valid("vidu1.5")
                .images("https://img.example.com/a.png", "data:image/gif;base64,R0lGODlh", "https:///x.png")
                .duration(8).resolution("1080p").aspectRatio("3:4").movementAmplitude("wild").audio(true));

        assertThat(outcome.violations()).extracting(Violation::field).containsExactlyInAnyOrder(
                "input.images[1]", "input.images[1]", "input.images[2]", "parameters.audio",
                "parameters.resolution", "parameters.aspect_ratio", "parameters.movement_amplitude");
    }
}
