package com.vidugateway.domain.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.domain.testing.TestImages;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JPEG frame header (SOF) is found by walking the segments before it: real files carry EXIF, ICC
 * profiles and comments there, and progressive files use SOF2. Files are ImageIO JPEGs with segments spliced in.
 */
class JpegHeaderTest {

    private static void assertInspected(byte[] jpeg, long width, long height) {
        InspectedFiles.assertAccepted("image/jpeg", jpeg, ImageFormat.JPEG, width, height);
    }

    private static AbstractStringAssert<?> assertRefused(byte[] jpeg) {
        return InspectedFiles.assertRefused("image/jpeg", jpeg);
    }

    @Test
    void reads_the_size_behind_an_exif_app1_segment_right_after_soi() {
        byte[] jpeg = TestImages.insertAfterSoi(TestImages.jpeg(300, 200), TestImages.exifSegment());
        assertThat(new String(jpeg, 6, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("Exif");

        assertInspected(jpeg, 300, 200);
    }

    @Test
    void reads_the_size_behind_a_60_kb_icc_segment_just_before_the_frame_header() {
        byte[] plain = TestImages.jpeg(200, 300);
        byte[] jpeg = TestImages.insertBefore(plain, 0xC0, TestImages.iccSegment(60_000));
        assertThat(jpeg).hasSize(plain.length + 60_004);

        assertInspected(jpeg, 200, 300);
    }

    @Test
    void reads_the_size_behind_exif_icc_and_a_comment_together() {
        byte[] jpeg = TestImages.jpeg(640, 480);
        jpeg = TestImages.insertAfterSoi(jpeg, TestImages.exifSegment());
        jpeg = TestImages.insertBefore(jpeg, 0xDB, TestImages.iccSegment(65_000));
        jpeg = TestImages.insertBefore(jpeg, 0xC0, TestImages.jpegSegment(0xFE, "made by a test".getBytes()));

        assertInspected(jpeg, 640, 480);
    }

    @Test
    void skips_fill_bytes_before_a_marker() {
        byte[] plain = TestImages.jpeg(256, 130);
        byte[] jpeg = TestImages.insertBefore(plain, 0xC0, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF});

        assertInspected(jpeg, 256, 130);
    }

    @Test
    void reads_a_real_progressive_jpeg_whose_frame_header_is_sof2() {
        byte[] jpeg = TestImages.progressiveJpeg(333, 222);
        assertThat(TestImages.segmentOffset(jpeg, 0xC2)).isPositive();

        assertInspected(jpeg, 333, 222);
    }

    @ParameterizedTest(name = "SOF marker FF{0}")
    @ValueSource(strings = {"C1", "C2", "C3", "C5", "C6", "C7", "C9", "CA", "CB", "CD", "CE", "CF"})
    void reads_the_size_from_every_kind_of_frame_header(String marker) {
        byte[] jpeg = TestImages.changeMarker(TestImages.jpeg(300, 129), 0xC0, Integer.parseInt(marker, 16));

        assertInspected(jpeg, 300, 129);
    }

    @Test
    void does_not_take_a_huffman_table_for_a_frame_header() {
        // DHT (C4) shares the SOF range; a DHT placed before the frame must be skipped, not read as sizes.
        byte[] jpeg = TestImages.jpeg(300, 200);
        byte[] dht = TestImages.jpegSegment(0xC4, new byte[] {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06});
        jpeg = TestImages.insertBefore(jpeg, 0xC0, dht);

        assertInspected(jpeg, 300, 200);
    }

    @Test
    void judges_the_sizes_read_behind_large_segments_by_the_same_rules() {
        byte[] jpeg = TestImages.insertAfterSoi(TestImages.jpeg(512, 128), TestImages.iccSegment(60_000));

        assertRefused(jpeg).contains("512×128 px");
    }

    @Test
    void refuses_a_frame_header_with_height_0_left_to_a_dnl_marker() {
        byte[] jpeg = TestImages.jpeg(300, 200);
        int sof = TestImages.segmentOffset(jpeg, 0xC0);
        jpeg[sof + 5] = 0;
        jpeg[sof + 6] = 0;

        assertRefused(jpeg).contains("height 0").contains("DNL");
    }
}
