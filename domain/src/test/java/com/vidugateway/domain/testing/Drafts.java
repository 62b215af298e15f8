package com.vidugateway.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.request.VideoRequestDraft;
import com.vidugateway.domain.validation.Validation;
import com.vidugateway.domain.validation.Violation;
import java.util.List;
import org.assertj.core.api.AbstractStringAssert;
import java.util.stream.IntStream;

/** Drafts that pass every rule unless a test changes one field, and assertions on the outcome. */
public final class Drafts {

    private Drafts() {}

    /** A draft for {@code model} with one URL image and a prompt: valid for every standard model. */
    public static VideoRequestDraft.Builder valid(String model) {
        return VideoRequestDraft.builder().model(model).images(urls(1)).prompt("a cat plays the piano");
    }

    /** {@code count} distinct https image URLs. */
    public static List<String> urls(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "https://img.example.com/ref-" + i + ".png").toList();
    }

    /** Checks the draft against the standard catalogue. */
    public static Validation<VideoRequest> check(VideoRequestDraft.Builder draft) {
        return VideoRequest.from(draft.build(), ModelCatalogue.STANDARD);
    }

    /** The request, failing the test with the violations if there are any. */
    public static VideoRequest accepted(VideoRequestDraft.Builder draft) {
        Validation<VideoRequest> outcome = check(draft);
        assertThat(outcome.violations()).as("violations").isEmpty();
        return outcome.value();
    }

    /** The one violation of a draft that breaks exactly one rule. */
    public static Violation onlyViolation(VideoRequestDraft.Builder draft) {
        return onlyViolation(check(draft));
    }

    /** The one violation of an outcome that broke exactly one rule. */
    public static Violation onlyViolation(Validation<?> outcome) {
        assertThat(outcome.isValid()).as("valid").isFalse();
        assertThat(outcome.violations()).hasSize(1);
        return outcome.violations().get(0);
    }

    /** Asserts that the draft breaks exactly one rule, that of {@code field}; the assertion goes on with its message. */
    public static AbstractStringAssert<?> assertOnlyViolation(VideoRequestDraft.Builder draft, String field) {
        return assertOnlyViolation(check(draft), field);
    }

    /** Asserts that the outcome broke exactly one rule, that of {@code field}; the assertion goes on with its message. */
    public static AbstractStringAssert<?> assertOnlyViolation(Validation<?> outcome, String field) {
        Violation violation = onlyViolation(outcome);
        assertThat(violation.field()).as("the field of the violation").isEqualTo(field);
        return assertThat(violation.message());
    }
}
