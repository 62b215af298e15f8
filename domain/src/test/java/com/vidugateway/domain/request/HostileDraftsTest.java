package com.vidugateway.domain.request;

import static com.vidugateway.domain.testing.Drafts.check;
import static com.vidugateway.domain.testing.Drafts.valid;
import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.domain.image.ImageInput;
import com.vidugateway.domain.request.VideoRequestDraft.SubjectDraft;
import com.vidugateway.domain.validation.Validation;
import com.vidugateway.domain.validation.Violation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Drafts no honest client sends: arrays far past the rules' maximum and megabyte values where a word belongs. The
 * checks stay proportional to what the rules allow (a count, not one violation per element) and never quote more
 * than about 100 characters of a value back.
 */
class HostileDraftsTest {

    private static final String HUGE = "x".repeat(2_000_000);

    @Test
    void sixteen_thousand_bad_images_are_one_count_violation_and_seven_inspected() {
        List<ImageInput> images = new ArrayList<>(Collections.nCopies(16_000, null));

        Validation<VideoRequest> outcome = check(valid("viduq2").imageInputs(images));

        assertThat(outcome.violations()).extracting(Violation::field)
                .containsExactly("input.images", "input.images[0]", "input.images[1]", "input.images[2]",
                        "input.images[3]", "input.images[4]", "input.images[5]", "input.images[6]");
        assertThat(outcome.violations().get(0).message()).contains("16000 images given").contains("only the first 7");
    }

    @Test
    void subjects_past_seven_and_images_past_three_are_counted_not_inspected() {
        List<ImageInput> nulls = new ArrayList<>(Collections.nCopies(5_000, null));
        List<SubjectDraft> subjects = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            subjects.add(new SubjectDraft("s" + i, nulls, null));
        }

        Validation<VideoRequest> outcome = check(VideoRequestDraft.builder().model("viduq2").prompt("@s1")
                .subjects(subjects));

        List<Violation> violations = outcome.violations();
        // 1 subject count + 7 × (1 image count + 3 inspected) + 1 images-in-all.
        assertThat(violations).hasSize(1 + 7 * 4 + 1);
        assertThat(violations.get(0).message()).contains("1000 subjects given").contains("only the first 7");
        assertThat(violations).filteredOn(v -> v.field().equals("input.subjects[0].images")).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("5000 images given").contains("only the first 3"));
        assertThat(violations.get(violations.size() - 1).message()).contains("5000000 images in all");
    }

    static Stream<Function<VideoRequestDraft.Builder, VideoRequestDraft.Builder>> hugeValues() {
        return Stream.of(
                d -> d.model(HUGE),
                d -> d.viduType(HUGE),
                d -> d.aspectRatio(HUGE),
                d -> d.resolution(HUGE),
                d -> d.movementAmplitude(HUGE),
                d -> d.callbackUrl("https://example.com/" + HUGE),
                d -> d.callbackUrl(HUGE),
                d -> d.images(List.of("https://exa mple.com/" + HUGE)),
                d -> d.images(List.of(HUGE)),
                d -> VideoRequestDraft.builder().model("viduq2").prompt("@a")
                        .subjects(List.of(SubjectDraft.of(HUGE, List.of("https://img.example.com/a.png"), null),
                                SubjectDraft.of(HUGE, List.of("https://img.example.com/b.png"), null))));
    }

    @ParameterizedTest
    @MethodSource("hugeValues")
    void a_two_megabyte_value_is_quoted_by_at_most_about_100_characters(
            Function<VideoRequestDraft.Builder, VideoRequestDraft.Builder> hostile) {
        Validation<VideoRequest> outcome = check(hostile.apply(valid("viduq2")));

        assertThat(outcome.violations()).isNotEmpty();
        assertThat(outcome.violations()).allSatisfy(v -> {
            int quoted = longestRun(v.message(), 'x');
            assertThat(quoted).as(v.toString().substring(0, Math.min(200, v.toString().length()))).isLessThanOrEqualTo(100);
            assertThat(v.message().length()).isLessThan(400);
        });
    }

    @Test
    void a_value_of_exactly_100_characters_is_quoted_whole_and_one_more_is_cut() {
        assertThat(VideoRequestChecker.shown("m".repeat(100))).isEqualTo("m".repeat(100));
        String cut = VideoRequestChecker.shown("m".repeat(101));
        assertThat(cut).hasSizeLessThanOrEqualTo(100).endsWith("… (101 characters)");
    }

    private static int longestRun(String text, char c) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == c ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }
}
