package com.vidugateway.domain.request;

import static com.vidugateway.domain.testing.Drafts.accepted;
import static com.vidugateway.domain.testing.Drafts.check;
import static com.vidugateway.domain.testing.Drafts.onlyViolation;
import static com.vidugateway.domain.testing.Drafts.urls;
import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.domain.image.ReferenceImage;
import com.vidugateway.domain.request.VideoRequestDraft.SubjectDraft;
import com.vidugateway.domain.testing.TestImages;
import com.vidugateway.domain.validation.Validation;
import com.vidugateway.domain.validation.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code input.subjects}: the provider's current input shape (rules.md, "Subjects mode"). */
class SubjectsModeTest {

    private static VideoRequestDraft.Builder withSubjects(String model, SubjectDraft... subjects) {
        return VideoRequestDraft.builder().model(model).prompt("@cat meets @dog").subjects(Arrays.asList(subjects));
    }

    private static SubjectDraft subject(String id, int images) {
        return SubjectDraft.of(id, urls(images).stream().map(u -> u.replace("ref-", id + "-")).toList(), null);
    }

    /** {@code count} subjects s1…sN with {@code imagesEach} images each. */
    private static SubjectDraft[] subjects(int count, int imagesEach) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> subject("s" + i, imagesEach)).toArray(SubjectDraft[]::new);
    }

    @Test
    void accepts_subjects_and_keeps_ids_images_and_voices() {
        VideoRequest request = accepted(withSubjects("viduq2",
                SubjectDraft.of("cat", urls(1), "voice-7"),
                SubjectDraft.of("dog", urls(3), null)));

        assertThat(request.references()).isInstanceOf(References.Subjects.class);
        List<References.Subject> subjects = ((References.Subjects) request.references()).subjects();
        assertThat(subjects).extracting(References.Subject::id).containsExactly("cat", "dog");
        assertThat(subjects).extracting(s -> s.images().size()).containsExactly(1, 3);
        assertThat(subjects).extracting(References.Subject::voiceId).containsExactly("voice-7", "");
        assertThat(request.imageCount()).isEqualTo(4);
        assertThat(request.references().allImages()).extracting(image -> ((ReferenceImage.RemoteImage) image).url().toString())
                .containsExactly(urls(1).get(0), urls(3).get(0), urls(3).get(1), urls(3).get(2));
    }

    @Test
    void an_absent_voice_id_becomes_empty_so_the_provider_picks_one() {
        VideoRequest request = accepted(withSubjects("viduq2", subject("cat", 1)));

        assertThat(((References.Subjects) request.references()).subjects().get(0).voiceId()).isEmpty();
    }

    // ---- ids -------------------------------------------------------------------------------------

    @Test
    void refuses_a_repeated_subject_id_and_points_at_the_first_use() {
        Violation violation = onlyViolation(withSubjects("viduq2", subject("cat", 1), subject("dog", 1), subject("cat", 1)));

        assertThat(violation.field()).isEqualTo("input.subjects[2].id");
        assertThat(violation.message()).contains("'cat'").contains("input.subjects[0]").contains("unique");
    }

    @Test
    void subject_ids_that_differ_only_in_case_are_different_ids() {
        assertThat(check(withSubjects("viduq2", subject("Cat", 1), subject("cat", 1))).isValid()).isTrue();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void refuses_a_missing_or_blank_subject_id(String id) {
        Violation violation = onlyViolation(withSubjects("viduq2", subject("cat", 1), SubjectDraft.of(id, urls(1), null)));

        assertThat(violation.field()).isEqualTo("input.subjects[1].id");
        assertThat(violation.message()).contains("required");
    }

    @Test
    void two_blank_ids_are_two_missing_ids_not_a_duplicate() {
        Validation<VideoRequest> outcome = check(withSubjects("viduq2",
                SubjectDraft.of("", urls(1), null), SubjectDraft.of("", urls(1), null)));

        assertThat(outcome.violations()).extracting(Violation::field)
                .containsExactly("input.subjects[0].id", "input.subjects[1].id");
        assertThat(outcome.violations()).allSatisfy(v -> assertThat(v.message()).doesNotContain("unique"));
    }

    // ---- images per subject ----------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void accepts_1_to_3_images_per_subject(int images) {
        assertThat(accepted(withSubjects("viduq2", subject("cat", images))).imageCount()).isEqualTo(images);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 4})
    void refuses_a_subject_with_too_few_or_too_many_images(int images) {
        Violation violation = onlyViolation(withSubjects("viduq2", subject("cat", 1), subject("dog", images)));

        assertThat(violation.field()).isEqualTo("input.subjects[1].images");
        assertThat(violation.message()).contains(images + " images given").contains("1–3");
    }

    @Test
    void refuses_a_subject_without_an_image_list() {
        Violation violation = onlyViolation(withSubjects("viduq2", SubjectDraft.of("cat", null, null)));

        assertThat(violation.field()).isEqualTo("input.subjects[0].images");
        assertThat(violation.message()).contains("required").contains("1–3");
    }

    @Test
    void reports_a_bad_subject_image_under_its_subject_and_index() {
        Validation<VideoRequest> outcome = check(withSubjects("viduq2",
                subject("cat", 1),
                SubjectDraft.of("dog", List.of("https://img.example.com/dog.png", "http://bad host/dog.png"), null)));

        Violation violation = onlyViolation(outcome);
        assertThat(violation.field()).isEqualTo("input.subjects[1].images[1]");
        assertThat(violation.message()).contains("http://bad host/dog.png").contains("percent-encoded");
    }

    @Test
    void reports_a_bad_inline_subject_image_under_its_subject_and_index() {
        Violation violation = onlyViolation(withSubjects("viduq2",
                SubjectDraft.of("cat", List.of(TestImages.pngUri(300, 300), TestImages.pngUri(512, 128)), null)));

        assertThat(violation.field()).isEqualTo("input.subjects[0].images[1]");
        assertThat(violation.message()).contains("512×128");
    }

    @Test
    void refuses_a_null_subject_entry() {
        List<SubjectDraft> subjects = new ArrayList<>();
        subjects.add(subject("cat", 1));
        subjects.add(null);

        Violation violation = onlyViolation(VideoRequestDraft.builder().model("viduq2").prompt("x").subjects(subjects));

        assertThat(violation.field()).isEqualTo("input.subjects[1]");
    }

    // ---- number of subjects, images in all ------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {1, 7})
    void accepts_1_to_7_subjects(int count) {
        VideoRequest request = accepted(withSubjects("viduq2", subjects(count, 1)));

        assertThat(((References.Subjects) request.references()).subjects()).hasSize(count);
    }

    @Test
    void refuses_an_empty_subject_list() {
        Violation violation = onlyViolation(withSubjects("viduq2"));

        assertThat(violation.field()).isEqualTo("input.subjects");
        assertThat(violation.message()).contains("0 subjects given").contains("1–7");
    }

    @Test
    void refuses_8_subjects_which_also_bring_8_images() {
        Validation<VideoRequest> outcome = check(withSubjects("viduq2", subjects(8, 1)));

        assertThat(outcome.violations()).extracting(Violation::field).containsOnly("input.subjects");
        assertThat(outcome.violations()).extracting(Violation::message).anySatisfy(m ->
                assertThat(m).contains("8 subjects given").contains("1–7"));
        assertThat(outcome.violations()).extracting(Violation::message).anySatisfy(m ->
                assertThat(m).contains("8 images in all").contains("at most 7"));
    }

    @Test
    void accepts_7_images_in_all_across_subjects() {
        assertThat(accepted(withSubjects("viduq2", subject("a", 3), subject("b", 3), subject("c", 1))).imageCount())
                .isEqualTo(7);
    }

    @Test
    void refuses_8_images_in_all_though_each_subject_has_at_most_3() {
        Violation violation = onlyViolation(withSubjects("viduq2", subject("a", 3), subject("b", 3), subject("c", 2)));

        assertThat(violation.field()).isEqualTo("input.subjects");
        assertThat(violation.message()).contains("8 images in all").contains("at most 7");
    }

    @Test
    void a_model_that_takes_at_most_3_images_takes_at_most_3_across_subjects() {
        assertThat(check(withSubjects("vidu2.0", subject("a", 2), subject("b", 1))).isValid()).isTrue();

        Violation violation = onlyViolation(withSubjects("vidu2.0", subject("a", 2), subject("b", 2)));

        assertThat(violation.field()).isEqualTo("input.subjects");
        assertThat(violation.message()).contains("4 images in all").contains("vidu2.0").contains("at most 3");
    }

    // ---- images and subjects together; audio ----------------------------------------------------

    @Test
    void refuses_images_and_subjects_together_on_the_field_input() {
        Violation violation = onlyViolation(withSubjects("viduq2", subject("cat", 1)).images(urls(1)));

        assertThat(violation.field()).isEqualTo("input");
        assertThat(violation.message()).contains("input.images").contains("input.subjects");
    }

    @Test
    void refuses_audio_with_plain_images() {
        Violation violation = onlyViolation(VideoRequestDraft.builder()
                .model("viduq2").prompt("x").images(urls(1)).audio(true));

        assertThat(violation.field()).isEqualTo("parameters.audio");
        assertThat(violation.message()).contains("input.subjects");
    }

    @Test
    void accepts_audio_with_subjects() {
        assertThat(accepted(withSubjects("viduq2", subject("cat", 1)).audio(true)).audio()).isTrue();
    }

    @Test
    void audio_is_off_unless_asked_for() {
        assertThat(accepted(withSubjects("viduq2", subject("cat", 1))).audio()).isFalse();
        assertThat(accepted(withSubjects("viduq2", subject("cat", 1)).audio(false)).audio()).isFalse();
        assertThat(check(VideoRequestDraft.builder().model("viduq2").prompt("x").images(urls(1)).audio(false))
                .isValid()).isTrue();
    }

    @Test
    void subjects_follow_the_same_parameter_rules_as_images() {
        Validation<VideoRequest> outcome = check(withSubjects("vidu1.5", subject("cat", 1))
                .duration(8).resolution("360p").aspectRatio("4:3"));

        assertThat(outcome.violations()).extracting(Violation::field)
                .containsExactlyInAnyOrder("parameters.resolution", "parameters.aspect_ratio");
    }
}
