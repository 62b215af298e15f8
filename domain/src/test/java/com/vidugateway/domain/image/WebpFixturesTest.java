package com.vidugateway.domain.image;

import static com.vidugateway.domain.image.InspectedFiles.assertAccepted;
import static com.vidugateway.domain.image.InspectedFiles.assertRefused;
import static com.vidugateway.domain.testing.Drafts.check;
import static com.vidugateway.domain.testing.Drafts.valid;
import static com.vidugateway.domain.testing.TestImages.dataUri;
import static com.vidugateway.domain.testing.TestImages.fixture;
import static com.vidugateway.domain.testing.TestImages.prefix;
import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.validation.Validation;
import com.vidugateway.domain.validation.Violation;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The three kinds of WebP file, from real files made once with {@code cwebp} (see
 * {@code src/test/resources/images/README.md}): lossy (VP8), lossless (VP8L) and extended (VP8X).
 */
class WebpFixturesTest {

    private static String chunk(byte[] webp) {
        return new String(webp, 12, 4, StandardCharsets.US_ASCII);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "lossy-vp8-300x200.webp,            'VP8 ', 300,  200",
            "lossless-vp8l-129x130.webp,        VP8L,   129,  130",
            "lossless-vp8l-511x128.webp,        VP8L,   511,  128",
            "extended-vp8x-alpha-257x1000.webp, VP8X,   257,  1000",
            "extended-vp8x-exif-200x300.webp,   VP8X,   200,  300"})
    void reads_format_size_and_length_of_each_kind(String file, String kind, long width, long height) {
        byte[] webp = fixture(file);
        assertThat(chunk(webp)).as("the fixture's first chunk").isEqualTo(kind);
        assertThat(webp.length).as("fixtures stay small").isLessThan(8 * 1024);

        assertAccepted("image/webp", webp, ImageFormat.WEBP, width, height);
    }

    @Test
    void refuses_a_lossy_webp_of_exactly_4_to_1() {
        byte[] webp = fixture("lossy-vp8-640x160.webp");
        assertThat(chunk(webp)).isEqualTo("VP8 ");

        assertRefused("image/webp", webp).contains("640×160 px, an aspect ratio of 4:1");
    }

    @Test
    void refuses_an_extended_webp_with_a_side_under_128() {
        byte[] webp = fixture("extended-vp8x-alpha-127x128.webp");
        assertThat(chunk(webp)).isEqualTo("VP8X");

        assertRefused("image/webp", webp).contains("127×128 px; each side must be at least 128 px");
    }

    @Test
    void the_extended_fixtures_carry_what_makes_them_extended() {
        // VP8X flags byte: 0x10 alpha, 0x08 EXIF.
        assertThat(fixture("extended-vp8x-alpha-257x1000.webp")[20] & 0x10).isEqualTo(0x10);
        assertThat(fixture("extended-vp8x-exif-200x300.webp")[20] & 0x08).isEqualTo(0x08);
    }

    @Test
    void refuses_webp_bytes_declared_as_png() {
        assertRefused("image/png", fixture("lossless-vp8l-129x130.webp"))
                .contains("declares image/png but the data is a WebP image");
    }

    @Test
    void accepts_every_kind_through_a_request() {
        Validation<VideoRequest> outcome = check(valid("viduq2").images(
                dataUri("image/webp", fixture("lossy-vp8-300x200.webp")),
                dataUri("image/webp", fixture("lossless-vp8l-511x128.webp")),
                dataUri("image/webp", fixture("extended-vp8x-exif-200x300.webp")),
                dataUri("image/webp", fixture("lossy-vp8-640x160.webp"))));

        assertThat(outcome.violations()).extracting(Violation::field).containsExactly("input.images[3]");
    }

    @Test
    void refuses_a_webp_cut_before_its_image_header() {
        assertRefused("image/webp", prefix(fixture("lossy-vp8-300x200.webp"), 29)).contains("WebP data is truncated");
    }

    @Test
    void refuses_a_lossy_webp_without_its_start_code() {
        byte[] webp = fixture("lossy-vp8-300x200.webp");
        webp[23] = 0;

        assertRefused("image/webp", webp).contains("no VP8 start code");
    }

    @Test
    void refuses_a_lossless_webp_without_its_signature() {
        byte[] webp = fixture("lossless-vp8l-129x130.webp");
        webp[20] = 0x2E;

        assertRefused("image/webp", webp).contains("no VP8L signature");
    }

    @Test
    void refuses_a_webp_whose_first_chunk_is_unknown() {
        byte[] webp = fixture("lossy-vp8-300x200.webp");
        webp[12] = 'A';
        webp[13] = 'B';
        webp[14] = 'C';
        webp[15] = 0x01;

        assertRefused("image/webp", webp).contains("unknown first chunk 'ABC?'");
    }
}
