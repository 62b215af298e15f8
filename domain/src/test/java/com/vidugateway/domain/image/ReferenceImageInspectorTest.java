package com.vidugateway.domain.image;

import static com.vidugateway.domain.testing.Drafts.check;
import static com.vidugateway.domain.testing.Drafts.onlyViolation;
import static com.vidugateway.domain.testing.Drafts.valid;
import static com.vidugateway.domain.testing.TestImages.FIFTY_MIB;
import static com.vidugateway.domain.testing.TestImages.dataUri;
import static com.vidugateway.domain.testing.TestImages.pngHeader;
import static com.vidugateway.domain.testing.TestImages.prefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.tuple;

import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.testing.TestImages;
import com.vidugateway.domain.validation.Validation;
import com.vidugateway.domain.validation.Violation;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** One reference image against the rules of rules.md ("Reference images"), at their boundaries. */
class ReferenceImageInspectorTest {

    private static final String FIELD = "input.images[0]";

    private static String sha256(byte[] bytes) {
        return InlineImageDecoder.sha256Hex(bytes);
    }

    private static Validation<ReferenceImage> inspect(String value) {
        return ReferenceImageInspector.inspect(FIELD, value);
    }

    private static ReferenceImage.InlineImage inline(String value) {
        Validation<ReferenceImage> outcome = inspect(value);
        assertThat(outcome.violations()).as("violations").isEmpty();
        assertThat(outcome.value()).isInstanceOf(ReferenceImage.InlineImage.class);
        return (ReferenceImage.InlineImage) outcome.value();
    }

    /** The reason of the one violation, which must be reported against the given field. */
    private static String reason(String value) {
        Violation violation = onlyViolation(inspect(value));
        assertThat(violation.field()).isEqualTo(FIELD);
        return violation.message();
    }

    private static String base64(String ascii) {
        return Base64.getEncoder().encodeToString(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Nested
    class Pixels {

        static Stream<Arguments> sizes() {
            // width, height, accepted, words the refusal must contain
            List<Arguments> table = List.of(
                    Arguments.of(128, 128, true, ""),
                    Arguments.of(127, 128, false, "127×128 px; each side must be at least 128 px"),
                    Arguments.of(128, 127, false, "128×127 px; each side must be at least 128 px"),
                    Arguments.of(511, 128, true, ""),
                    Arguments.of(512, 128, false, "512×128 px, an aspect ratio of 4:1; it must be strictly between 1:4 and 4:1"),
                    Arguments.of(128, 512, false, "128×512 px, an aspect ratio of 1:4; it must be strictly between 1:4 and 4:1"),
                    Arguments.of(128, 511, true, ""),
                    Arguments.of(640, 160, false, "640×160 px, an aspect ratio of 4:1"),
                    Arguments.of(300, 1000, true, ""));
            BiFunction<Integer, Integer, byte[]> png = TestImages::png;
            BiFunction<Integer, Integer, byte[]> jpeg = TestImages::jpeg;
            return Stream.of(Arguments.of("PNG", "image/png", png), Arguments.of("JPEG", "image/jpeg", jpeg))
                    .flatMap(format -> table.stream().map(size -> Arguments.of(
                            format.get()[0], format.get()[1], format.get()[2],
                            size.get()[0], size.get()[1], size.get()[2], size.get()[3])));
        }

        @ParameterizedTest(name = "{0} {3}×{4} accepted={5}")
        @MethodSource("sizes")
        void judges_real_image_files_at_the_size_and_ratio_boundaries(String format, String mediaType,
                BiFunction<Integer, Integer, byte[]> encoder, int width, int height, boolean accepted, String refusal) {
            byte[] file = encoder.apply(width, height);
            String uri = dataUri(mediaType, file);

            if (accepted) {
                ReferenceImage.InlineImage image = inline(uri);
                assertThat(image.format().displayName()).isEqualTo(format);
                assertThat(image.width()).isEqualTo(width);
                assertThat(image.height()).isEqualTo(height);
                assertThat(image.decodedBytes()).isEqualTo(file.length);
                assertThat(image.dataUriPrefix()).isEqualTo(uri.substring(0, uri.indexOf(',') + 1));
                assertThat(image.blob().sha256()).isEqualTo(sha256(file));
            } else {
                assertThat(reason(uri)).contains(refusal);
            }
        }

        @Test
        void a_too_small_and_too_narrow_image_breaks_two_rules() {
            Validation<ReferenceImage> outcome = inspect(TestImages.pngUri(100, 400));

            assertThat(outcome.violations()).extracting(Violation::message)
                    .anySatisfy(m -> assertThat(m).contains("100×400 px; each side must be at least 128"))
                    .anySatisfy(m -> assertThat(m).contains("aspect ratio of 1:4"));
            assertThat(outcome.violations()).extracting(Violation::field).containsOnly(FIELD);
        }

        @Test
        void states_a_non_integer_ratio_with_two_decimals() {
            assertThat(reason(dataUri("image/png", pngHeader(1000, 200)))).contains("aspect ratio of 5:1");
            assertThat(reason(dataUri("image/png", pngHeader(128, 1000)))).contains("aspect ratio of 1:7.81");
        }

        @Test
        void a_zero_width_is_too_small_not_a_division_by_zero() {
            assertThat(reason(dataUri("image/png", pngHeader(0, 200)))).contains("0×200 px");
        }

        @Test
        void reads_sizes_beyond_16_bits_from_a_png_header() {
            ReferenceImage.InlineImage image = inline(dataUri("image/png", pngHeader(70_000, 65_537)));

            assertThat(image.width()).isEqualTo(70_000);
            assertThat(image.height()).isEqualTo(65_537);
        }

        @Test
        void through_a_request_the_refused_image_is_reported_under_its_index() {
            Validation<VideoRequest> outcome = check(valid("viduq2").images(
                    TestImages.pngUri(128, 128), TestImages.jpegUri(511, 128), TestImages.pngUri(512, 128),
                    TestImages.jpegUri(127, 128), TestImages.pngUri(128, 511), TestImages.jpegUri(128, 512)));

            assertThat(outcome.violations()).extracting(Violation::field)
                    .containsExactly("input.images[2]", "input.images[3]", "input.images[5]");
            assertThat(outcome.violations().get(0).message()).contains("512×128");
            assertThat(outcome.violations().get(1).message()).contains("127×128");
            assertThat(outcome.violations().get(2).message()).contains("128×512");
        }

        @Test
        void through_a_request_accepted_images_keep_what_their_header_says() {
            byte[] jpeg = TestImages.jpeg(511, 128);
            VideoRequest request = check(valid("viduq2").images(TestImages.pngUri(128, 511), dataUri("image/jpeg", jpeg)))
                    .value();

            assertThat(request.references().allImages())
                    .extracting(i -> ((ReferenceImage.InlineImage) i).format(), i -> ((ReferenceImage.InlineImage) i).width(),
                            i -> ((ReferenceImage.InlineImage) i).height())
                    .containsExactly(
                            tuple(ImageFormat.PNG, 128L, 511L),
                            tuple(ImageFormat.JPEG, 511L, 128L));
            assertThat(((ReferenceImage.InlineImage) request.references().allImages().get(1)).decodedBytes())
                    .isEqualTo(jpeg.length);
        }
    }

    @Nested
    class DecodedSize {

        @Test
        void accepts_exactly_50_mib_decoded() {
            String uri = TestImages.pngUriOfDecodedSize(FIFTY_MIB, 640, 480);

            ReferenceImage.InlineImage image = inline(uri);

            assertThat(image.decodedBytes()).isEqualTo(52_428_800L);
            assertThat(image.width()).isEqualTo(640);
            assertThat(image.height()).isEqualTo(480);
            assertThat(image.toString()).hasSizeLessThan(100).contains("640×480").contains("52428800 bytes");
        }

        @Test
        void refuses_50_mib_and_1_byte_and_says_both_sizes() {
            String uri = TestImages.pngUriOfDecodedSize(FIFTY_MIB + 1, 640, 480);

            String reason = reason(uri);

            assertThat(reason).contains("52428801 bytes").contains("at most 50 MiB (52428800 bytes)");
            assertThat(reason).hasSizeLessThan(200);
        }

        @Test
        void the_size_comes_from_the_base64_length_and_its_padding() {
            // Same text length: 50 MiB ends in one '=', 50 MiB + 1 byte in none.
            String exact = TestImages.pngUriOfDecodedSize(FIFTY_MIB, 640, 480);
            String oneMore = TestImages.pngUriOfDecodedSize(FIFTY_MIB + 1, 640, 480);
            assertThat(exact).hasSameSizeAs(oneMore).endsWith("AAA=");

            assertThat(inspect(exact).isValid()).isTrue();
            assertThat(inspect(oneMore).isValid()).isFalse();
        }

        @Test
        void through_a_request_50_mib_passes_and_one_byte_more_is_refused_under_its_index() {
            assertThat(check(valid("viduq2").images(TestImages.pngUriOfDecodedSize(FIFTY_MIB, 300, 300))).isValid())
                    .isTrue();

            Violation violation = onlyViolation(valid("viduq2").images(
                    "https://img.example.com/a.png", TestImages.pngUriOfDecodedSize(FIFTY_MIB + 1, 300, 300)));

            assertThat(violation.field()).isEqualTo("input.images[1]");
            assertThat(violation.message()).contains("50 MiB");
        }

        @Test
        void a_large_image_that_also_breaks_a_pixel_rule_reports_both() {
            Validation<ReferenceImage> outcome = inspect(TestImages.pngUriOfDecodedSize(FIFTY_MIB + 3, 100, 100));

            assertThat(outcome.violations()).hasSize(2);
        }
    }

    @Nested
    class Urls {

        @ParameterizedTest
        @ValueSource(strings = {
                "http://img.example.com/cat.png",
                "https://img.example.com/cat.png",
                "https://img.example.com/a/b/cat.jpg?sig=abc%20def&x=1",
                "HTTPS://IMG.EXAMPLE.COM/CAT.PNG",
                "https://img.example.com:8443/cat.webp",
                "http://203.0.113.7/cat.png"})
        void accepts_an_http_or_https_url_as_it_is(String url) {
            Validation<ReferenceImage> outcome = inspect(url);

            assertThat(outcome.violations()).isEmpty();
            assertThat(outcome.value()).isEqualTo(new ReferenceImage.RemoteImage(URI.create(url)));
            assertThat(((ReferenceImage.RemoteImage) outcome.value()).url().toString()).isEqualTo(url);
        }

        @ParameterizedTest
        @ValueSource(strings = {"ftp://img.example.com/cat.png", "file:///tmp/cat.png", "img.example.com/cat.png",
                "//img.example.com/cat.png", "http:/img.example.com/cat.png"})
        void refuses_other_schemes_and_says_what_is_accepted(String value) {
            assertThat(reason(value)).contains("'" + value + "'").contains("neither an http(s) URL nor image data");
        }

        @ParameterizedTest
        @ValueSource(strings = {"http:///cat.png", "https:///", "https://?x=1"})
        void refuses_a_url_without_a_host(String url) {
            assertThat(reason(url)).contains(url).contains("no host");
        }

        @ParameterizedTest
        @ValueSource(strings = {"https://img.example.com/my cat.png", "https://img example.com/cat.png",
                "https://img.example.com/cat.png ", "https://"})
        void refuses_a_malformed_url_and_hints_at_percent_encoding(String url) {
            assertThat(reason(url)).contains("is not a valid URL").contains("percent-encoded");
        }

        @Test
        void refuses_null_and_empty_with_an_example() {
            assertThat(reason(null)).contains("null").contains("data:image/png;base64,");
            assertThat(reason("")).contains("empty").contains("data:image/png;base64,");
            assertThat(reason("   ")).contains("empty");
        }

        @Test
        void abbreviates_a_long_value_in_the_message() {
            String url = "ftp://img.example.com/" + "a".repeat(5000) + ".png";

            assertThat(reason(url)).hasSizeLessThan(300).contains("…");
        }
    }

    @Nested
    class DeclaredType {

        @ParameterizedTest
        @CsvSource({"image/png", "image/PNG", "IMAGE/png"})
        void accepts_png_declared_in_any_case(String mediaType) {
            assertThat(inline(dataUri(mediaType, TestImages.png(200, 200))).format()).isEqualTo(ImageFormat.PNG);
        }

        @ParameterizedTest
        @CsvSource({"image/jpeg", "image/jpg", "image/JPG"})
        void accepts_jpeg_declared_as_jpeg_or_jpg(String mediaType) {
            assertThat(inline(dataUri(mediaType, TestImages.jpeg(200, 200))).format()).isEqualTo(ImageFormat.JPEG);
        }

        @Test
        void accepts_an_upper_case_data_prefix() {
            String uri = dataUri("image/png", TestImages.png(200, 200)).replaceFirst("^data:", "DATA:");

            assertThat(inline(uri).format()).isEqualTo(ImageFormat.PNG);
        }

        @ParameterizedTest
        @ValueSource(strings = {"image/gif", "image/bmp", "image/svg+xml", "image/tiff", "image/avif", "image/"})
        void refuses_a_declared_image_type_the_provider_does_not_take_and_lists_the_four_it_does(String mediaType) {
            assertThat(reason(dataUri(mediaType, TestImages.png(200, 200))))
                    .contains("declares " + mediaType)
                    .contains("image/png, image/jpeg, image/jpg and image/webp");
        }

        @ParameterizedTest
        @ValueSource(strings = {"text/plain", "application/octet-stream", ""})
        void refuses_a_declared_type_that_is_no_image(String mediaType) {
            assertThat(reason(dataUri(mediaType, TestImages.png(200, 200))))
                    .contains("'" + mediaType + "'").contains("not an image type");
        }

        @Test
        void refuses_png_declared_over_jpeg_bytes() {
            assertThat(reason(dataUri("image/png", TestImages.jpeg(200, 200))))
                    .isEqualTo("data URI declares image/png but the data is a JPEG image; declare the type that matches the bytes");
        }

        @ParameterizedTest
        @CsvSource({"image/jpeg, PNG", "image/webp, PNG"})
        void refuses_a_declared_type_that_the_bytes_contradict(String mediaType, String actual) {
            assertThat(reason(dataUri(mediaType, TestImages.png(200, 200))))
                    .contains("declares " + mediaType).contains("is a " + actual + " image");
        }

        @Test
        void a_gif_declared_as_gif_is_refused_for_both_the_declaration_and_the_bytes() {
            Validation<ReferenceImage> outcome = inspect(dataUri("image/gif", TestImages.gif(200, 200)));

            assertThat(outcome.violations()).extracting(Violation::message)
                    .anySatisfy(m -> assertThat(m).contains("declares image/gif"))
                    .anySatisfy(m -> assertThat(m).contains("is a GIF image"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"data:image/png,iVBORw0KGgo=", "data:image/png;charset=x,abc;base64,AAAA",
                "data:image/png;base64", "data:"})
        void refuses_a_data_uri_that_is_not_base64_and_shows_the_expected_form(String value) {
            assertThat(reason(value)).contains("data:image/<png|jpeg|jpg|webp>;base64,<data>");
        }
    }

    @Nested
    class Base64Text {

        private final String pngBase64 = Base64.getEncoder().encodeToString(TestImages.png(200, 200));

        @Test
        void refuses_empty_data() {
            assertThat(reason("data:image/png;base64,")).contains("no image data");
        }

        @ParameterizedTest(name = "{1} at {0}")
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {"5|*|'*'", "0|-|'-'", "12|_|'_'", "20|é|U+00E9"})
        void refuses_an_invalid_character_in_the_header_region_and_says_where(int position, String character, String shown) {
            String text = pngBase64.substring(0, position) + character + pngBase64.substring(position + 1);

            assertThat(reason("data:image/png;base64," + text))
                    .contains("invalid character " + shown + " at position " + position);
        }

        @Test
        void refuses_a_space_or_a_line_break_in_the_header_region_and_names_it() {
            String space = pngBase64.substring(0, 8) + " " + pngBase64.substring(9);
            String lineBreak = pngBase64.substring(0, 8) + "\n" + pngBase64.substring(9);

            assertThat(reason("data:image/png;base64," + space)).contains("' ' (space) at position 8");
            assertThat(reason("data:image/png;base64," + lineBreak)).contains("'\\n' (line break) at position 8");
        }

        @Test
        void refuses_an_invalid_character_in_the_last_group() {
            String text = pngBase64.substring(0, pngBase64.length() - 2) + "#" + pngBase64.charAt(pngBase64.length() - 1);

            assertThat(reason("data:image/png;base64," + text)).contains("invalid character '#'");
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3})
        void refuses_a_length_that_is_not_a_multiple_of_4(int cut) {
            String text = pngBase64.substring(0, pngBase64.length() - cut);

            assertThat(reason("data:image/png;base64," + text))
                    .contains(text.length() + " characters long, not a multiple of 4");
        }

        @Test
        void refuses_padding_in_the_middle() {
            String text = pngBase64.substring(0, 8) + "====" + pngBase64.substring(12);

            assertThat(reason("data:image/png;base64," + text)).contains("invalid character '=' at position 8");
        }

        @Test
        void refuses_three_padding_characters() {
            String text = pngBase64.substring(0, pngBase64.length() - 4) + "A===";

            assertThat(reason("data:image/png;base64," + text)).contains("invalid character '='");
        }

        @Test
        void refuses_url_safe_base64() {
            // The base64url alphabet uses '-' and '_'; a data URI takes the standard one.
            String urlSafe = Base64.getUrlEncoder().encodeToString(new byte[] {(byte) 0xFB, (byte) 0xFF, (byte) 0xBF})
                    + pngBase64.substring(4);

            assertThat(reason("data:image/png;base64," + urlSafe)).contains("invalid character '-' at position 0");
        }

        @Test
        void accepts_unpadded_looking_data_whose_length_is_a_multiple_of_4() {
            // 33 header bytes: 44 characters, no padding needed.
            ReferenceImage.InlineImage image = inline(dataUri("image/png", pngHeader(300, 200)));

            assertThat(image.decodedBytes()).isEqualTo(33);
        }
    }

    @Nested
    class DamagedOrForeignBytes {

        @Test
        void refuses_a_png_cut_before_its_ihdr() {
            byte[] png = TestImages.png(200, 200);

            assertThat(reason(dataUri("image/png", prefix(png, 8)))).contains("PNG data is truncated").contains("IHDR");
            assertThat(reason(dataUri("image/png", prefix(png, 23)))).contains("PNG data is truncated");
        }

        @Test
        void accepts_a_png_cut_right_after_its_ihdr_sizes() {
            // The inspector reads only the header; the provider gets the file as it is.
            assertThat(inline(dataUri("image/png", prefix(TestImages.png(200, 150), 24))).height()).isEqualTo(150);
        }

        @Test
        void refuses_a_png_whose_first_chunk_is_not_ihdr() {
            byte[] png = TestImages.png(200, 200);
            png[12] = 'I';
            png[13] = 'D';
            png[14] = 'A';
            png[15] = 'T';

            assertThat(reason(dataUri("image/png", png))).contains("PNG data is damaged").contains("IHDR");
        }

        @Test
        void refuses_a_jpeg_cut_before_its_frame_header() {
            byte[] jpeg = TestImages.jpeg(200, 200);
            int sof = TestImages.segmentOffset(jpeg, 0xC0);

            for (int cut : new int[] {4, 5, 10, sof, sof + 1, sof + 4, sof + 8}) {
                assertThat(reason(dataUri("image/jpeg", prefix(jpeg, cut))))
                        .as("cut at %d", cut)
                        .contains("JPEG data is truncated: it ends before its frame header (SOF)");
            }
        }

        @Test
        void accepts_a_jpeg_cut_right_after_its_frame_sizes() {
            byte[] jpeg = TestImages.jpeg(300, 200);
            int sof = TestImages.segmentOffset(jpeg, 0xC0);

            assertThat(inline(dataUri("image/jpeg", prefix(jpeg, sof + 9))).width()).isEqualTo(300);
        }

        @Test
        void refuses_a_jpeg_whose_scan_comes_before_any_frame_header() {
            byte[] jpeg = TestImages.jpeg(200, 200);
            byte[] scanFirst = TestImages.insertAfterSoi(jpeg, new byte[] {(byte) 0xFF, (byte) 0xDA, 0, 2});

            assertThat(reason(dataUri("image/jpeg", scanFirst))).contains("before any frame header (SOF)");
        }

        @Test
        void refuses_a_jpeg_with_no_marker_where_a_segment_should_start() {
            byte[] jpeg = TestImages.jpeg(200, 200);
            int dqt = TestImages.segmentOffset(jpeg, 0xDB);
            byte[] broken = TestImages.insertBefore(jpeg, 0xDB, new byte[] {0x12, 0x34});

            assertThat(reason(dataUri("image/jpeg", broken))).contains("no segment marker at byte " + dqt);
        }

        @Test
        void refuses_a_jpeg_segment_with_an_impossible_length() {
            byte[] broken = TestImages.insertAfterSoi(TestImages.jpeg(200, 200), new byte[] {(byte) 0xFF, (byte) 0xE3, 0, 1});

            assertThat(reason(dataUri("image/jpeg", broken))).contains("has length 1");
        }

        @Test
        void refuses_garbage_and_shows_its_first_bytes() {
            assertThat(reason(dataUri("image/png", "hello, world! not an image".getBytes(StandardCharsets.US_ASCII))))
                    .isEqualTo("the image data is not a recognisable image (it starts with bytes 68 65 6C 6C);"
                            + " the provider accepts PNG, JPEG and WebP");
        }

        @Test
        void refuses_data_too_short_to_be_an_image() {
            assertThat(reason("data:image/png;base64,iVA=")).contains("only 2 bytes long");
        }

        static Stream<Arguments> foreignFormats() {
            return Stream.of(
                    Arguments.of("GIF", TestImages.gif(200, 200), "is a GIF image"),
                    Arguments.of("BMP", TestImages.bmp(200, 200), "is a BMP image"),
                    Arguments.of("TIFF", TestImages.tiff(200, 200), "is a TIFF image"),
                    Arguments.of("TIFF little-endian", bytes("II*\0\u0008\0\0\0"), "is a TIFF image"),
                    Arguments.of("SVG", bytes("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\"/>"), "is SVG/XML text"),
                    Arguments.of("SVG with XML prolog", bytes("\n  <?xml version=\"1.0\"?><svg/>"), "is SVG/XML text"),
                    Arguments.of("PDF", bytes("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj"), "is a PDF document"),
                    Arguments.of("AVIF", bytes("\0\0\0\u001cftypavif\0\0\0\0avifmif1"), "is an AVIF image"),
                    Arguments.of("HEIC", bytes("\0\0\0\u0018ftypheic\0\0\0\0mif1heic"), "is a HEIF/HEIC image"),
                    Arguments.of("MP4", bytes("\0\0\0\u0018ftypisom\0\0\0\0isomiso2"), "is an ISO media file ('isom')"),
                    Arguments.of("ICO", bytes("\0\0\u0001\0\u0001\0\u0010\u0010"), "is an ICO icon"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("foreignFormats")
        void refuses_bytes_of_another_format_with_a_reason_naming_it(String name, byte[] bytes, String reason) {
            assertThat(reason(dataUri("image/png", bytes)))
                    .contains(reason).endsWith("the provider accepts only PNG, JPEG and WebP");
        }

        private static byte[] bytes(String latin1) {
            return latin1.getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    @Nested
    class BareBase64 {

        @Test
        void accepts_bare_png_base64_and_remembers_that_it_had_no_data_uri_header() {
            byte[] png = TestImages.png(200, 200);

            ReferenceImage.InlineImage image = inline(Base64.getEncoder().encodeToString(png));

            assertThat(image.format()).isEqualTo(ImageFormat.PNG);
            assertThat(image.dataUriPrefix()).isNull();
            assertThat(image.blob()).isEqualTo(new ImageBlob(sha256(png), png.length));
        }

        @Test
        void accepts_bare_jpeg_and_webp_base64() {
            assertThat(inline(Base64.getEncoder().encodeToString(TestImages.jpeg(200, 200))).format())
                    .isEqualTo(ImageFormat.JPEG);
            assertThat(inline(Base64.getEncoder().encodeToString(TestImages.fixture("lossy-vp8-300x200.webp"))).format())
                    .isEqualTo(ImageFormat.WEBP);
        }

        @Test
        void refuses_bare_base64_that_breaks_after_a_valid_header() {
            String bare = Base64.getEncoder().encodeToString(TestImages.png(200, 200));
            String broken = bare.substring(0, 100) + "#" + bare.substring(101);

            assertThat(reason(broken)).contains("invalid character '#' at position 100");
        }

        @Test
        void says_what_bare_base64_that_is_no_image_decodes_to() {
            assertThat(reason(base64("just some text"))).contains("not a recognisable image");
        }
    }

    @Test
    void an_inline_image_never_prints_its_data() {
        String uri = TestImages.pngUri(300, 200);

        ReferenceImage.InlineImage image = inline(uri);

        assertThat(image.toString()).isEqualTo("InlineImage[PNG 300×200, " + image.decodedBytes() + " bytes, "
                + image.blob().sha256().substring(0, 12) + "…]");
    }

    @Test
    void reports_against_the_field_it_is_given() {
        Validation<ReferenceImage> outcome = ReferenceImageInspector.inspect("input.subjects[3].images[2]", "ftp://x/y.png");

        assertThat(outcome.violations()).extracting(Violation::field).containsExactly("input.subjects[3].images[2]");
        assertThatIllegalStateException().isThrownBy(outcome::value);
    }

    @Nested
    class Leniency {

        @Test
        void base64_marker_is_case_insensitive_as_in_rfc_2397() {
            String uri = TestImages.pngUri(200, 200).replace(";base64,", ";BASE64,");

            assertThat(inline(uri).width()).isEqualTo(200);
        }

        @Test
        void wrapped_base64_is_told_that_line_breaks_are_not_allowed() {
            String wrapped = Base64.getMimeEncoder().encodeToString(TestImages.png(300, 300));
            String uri = "data:image/png;base64," + wrapped + (wrapped.replaceAll("\\s", "").length() % 4 == 0 ? "x" : "");

            assertThat(reason(uri)).contains("line breaks");
        }

        @Test
        void a_non_ascii_host_is_told_to_use_punycode() {
            assertThat(reason("https://bücher.example/cat.png")).contains("punycode");
        }
    }

    @Nested
    class StoredImages {

        private ReferenceImage.InlineImage stored(long size, long width, long height) {
            return new ReferenceImage.InlineImage(new ImageBlob("ab".repeat(32), size), "data:image/png;base64,",
                    ImageFormat.PNG, width, height);
        }

        @Test
        void a_stored_image_passes_again_on_its_recorded_header_without_its_bytes() {
            ReferenceImage.InlineImage image = stored(1_000, 300, 200);

            assertThat(ReferenceImageInspector.inspect(FIELD, new ImageInput.Stored(image)).value()).isSameAs(image);
        }

        @Test
        void a_stored_image_is_checked_against_todays_rules() {
            assertThat(ReferenceImageInspector.inspect(FIELD, new ImageInput.Stored(stored(1_000, 512, 128)))
                    .violations()).singleElement().satisfies(v -> assertThat(v.message()).contains("aspect ratio"));
            assertThat(ReferenceImageInspector.inspect(FIELD, new ImageInput.Stored(stored(FIFTY_MIB + 1, 300, 200)))
                    .violations()).singleElement().satisfies(v -> assertThat(v.message()).contains("at most 50 MiB"));
        }
    }
}
