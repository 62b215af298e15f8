package com.vidugateway.domain.image;

import static com.vidugateway.domain.testing.TestImages.dataUri;
import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.domain.validation.Validation;
import com.vidugateway.domain.validation.Violation;
import org.assertj.core.api.AbstractStringAssert;

/** One image file sent as a data URI to {@link ReferenceImageInspector}, and what the tests check of the outcome. */
final class InspectedFiles {

    private InspectedFiles() {}

    /** Inspects {@code file} sent as {@code mediaType}, as the first image of a request. */
    static Validation<ReferenceImage> inspect(String mediaType, byte[] file) {
        return ReferenceImageInspector.inspect("input.images[0]", dataUri(mediaType, file));
    }

    /** Asserts that {@code file} is accepted as an inline image of that format and size, every byte of it counted. */
    static void assertAccepted(String mediaType, byte[] file, ImageFormat format, long width, long height) {
        Validation<ReferenceImage> outcome = inspect(mediaType, file);
        assertThat(outcome.violations()).as("violations").isEmpty();
        assertThat(outcome.value()).isInstanceOf(ReferenceImage.InlineImage.class);
        ReferenceImage.InlineImage image = (ReferenceImage.InlineImage) outcome.value();
        assertThat(image.format()).isEqualTo(format);
        assertThat(image.width()).isEqualTo(width);
        assertThat(image.height()).isEqualTo(height);
        assertThat(image.decodedBytes()).isEqualTo(file.length);
    }

    /** Asserts that {@code file} breaks exactly one rule; the assertion goes on with the message. */
    static AbstractStringAssert<?> assertRefused(String mediaType, byte[] file) {
        return assertThat(inspect(mediaType, file).violations()).extracting(Violation::message).singleElement()
                .asString();
    }
}
