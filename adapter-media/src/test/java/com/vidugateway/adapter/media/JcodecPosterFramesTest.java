package com.vidugateway.adapter.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vidugateway.application.port.out.PosterFrames;
import com.vidugateway.application.port.out.VideoArchive.VideoContent;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.jcodec.codecs.h264.H264Encoder;
import org.jcodec.common.Codec;
import org.jcodec.common.MuxerTrack;
import org.jcodec.common.VideoCodecMeta;
import org.jcodec.common.VideoEncoder.EncodedFrame;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Packet;
import org.jcodec.common.model.Picture;
import org.jcodec.common.model.Size;
import org.jcodec.containers.mp4.Brand;
import org.jcodec.containers.mp4.muxer.MP4Muxer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real MP4s, encoded here as the fake provider's ClipEncoder encodes its clips (JCodec H.264 in MP4, 8 fps, a bright
 * bar at the left edge of the first frame over darker stripes), decoded back to a JPEG.
 */
class JcodecPosterFramesTest {

    private final JcodecPosterFrames frames = new JcodecPosterFrames();

    @TempDir
    Path directory;

    /** The fake's shapes (short side 144) and one whose sides are not whole macroblocks (cropped by the decoder). */
    @ParameterizedTest
    @CsvSource({"256, 144", "144, 256", "192, 144", "250, 142"})
    void the_poster_is_a_jpeg_of_the_first_frame_at_the_videos_size(int width, int height) throws Exception {
        byte[] mp4 = clip(width, height, 16);

        byte[] jpeg = frames.posterOf(content(mp4));

        assertThat(jpeg).startsWith(0xFF, 0xD8, 0xFF); // a JPEG's start-of-image marker
        BufferedImage poster = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertThat(poster).isNotNull();
        assertThat(poster.getWidth()).isEqualTo(width);
        assertThat(poster.getHeight()).isEqualTo(height);
        // The first frame: the bright bar is at the left edge (it reaches the right edge by the last frame).
        assertThat(luma(poster, 2, height / 2)).isGreaterThan(200);
        assertThat(luma(poster, width - 3, height / 2)).isLessThan(150);
    }

    @Test
    void a_long_video_is_read_in_a_few_ranges_not_whole() throws Exception {
        byte[] mp4 = clip(256, 144, 8 * 30); // half a minute: many blocks of 16 KiB
        int block = 16 * 1024;
        assertThat(mp4.length).isGreaterThan(10 * block);
        CountingContent counted = new CountingContent(mp4);

        BufferedImage poster = ImageIO.read(new ByteArrayInputStream(new JcodecPosterFrames(block).posterOf(counted)));

        assertThat(poster.getWidth()).isEqualTo(256);
        assertThat(counted.bytesRead).isLessThan(mp4.length / 2);
    }

    @Test
    void bytes_that_are_no_video_are_undecodable_with_a_reason() {
        byte[] pattern = new byte[10_000];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = (byte) (i * 31 % 251);
        }

        assertThatThrownBy(() -> frames.posterOf(content(pattern)))
                .isInstanceOf(PosterFrames.Undecodable.class)
                .hasMessageContaining("could not be decoded");
        assertThatThrownBy(() -> frames.posterOf(content(new byte[0])))
                .isInstanceOf(PosterFrames.Undecodable.class);
    }

    @Test
    void a_cut_off_video_is_undecodable() throws Exception {
        byte[] mp4 = clip(256, 144, 16);

        // The muxer writes the index at the end: without it no frame can be found.
        assertThatThrownBy(() -> frames.posterOf(content(Arrays.copyOf(mp4, mp4.length / 2))))
                .isInstanceOf(PosterFrames.Undecodable.class);
    }

    @Test
    void a_storage_that_does_not_answer_is_an_io_failure_not_an_undecodable_video() throws Exception {
        byte[] mp4 = clip(256, 144, 16);
        VideoContent failing = new VideoContent() {
            @Override
            public long size() {
                return mp4.length;
            }

            @Override
            public InputStream open(long offset, long length) throws IOException {
                throw new SocketTimeoutException("the bucket did not answer");
            }
        };

        assertThatThrownBy(() -> frames.posterOf(failing))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(PosterFrames.Undecodable.class)
                .hasMessageContaining("did not answer");
    }

    // --- the videos ------------------------------------------------------------------------------------------------

    /** {@code frames} frames at 8 fps of the fake's picture: stripes, and a bar that moves from left to right. */
    private byte[] clip(int width, int height, int frameCount) throws IOException {
        Path file = Files.createTempFile(directory, "clip", ".mp4");
        try (SeekableByteChannel output = NIOUtils.writableChannel(file.toFile())) {
            MP4Muxer muxer = MP4Muxer.createMP4Muxer(output, Brand.MP4);
            MuxerTrack track = muxer.addVideoTrack(Codec.H264,
                    VideoCodecMeta.createSimpleVideoCodecMeta(new Size(width, height), ColorSpace.YUV420J));
            H264Encoder encoder = H264Encoder.createH264Encoder();
            Picture picture = Picture.create(width, height, ColorSpace.YUV420J);
            ByteBuffer buffer = ByteBuffer.allocate(encoder.estimateBufferSize(picture));
            for (int frame = 0; frame < frameCount; frame++) {
                paint(picture, frame, frameCount);
                buffer.clear();
                EncodedFrame encoded = encoder.encodeFrame(picture, buffer);
                track.addFrame(Packet.createPacket(encoded.getData(), frame, 8, 1, frame,
                        encoded.isKeyFrame() ? Packet.FrameType.KEY : Packet.FrameType.INTER, null));
            }
            muxer.finish();
        }
        return Files.readAllBytes(file);
    }

    private static void paint(Picture picture, int frame, int frames) {
        int width = picture.getWidth();
        int height = picture.getHeight();
        byte[] luma = picture.getPlaneData(0);
        int barLeft = frame * (width - 6) / Math.max(1, frames - 1);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int value = x >= barLeft && x < barLeft + 6 ? 235 : 60 + (x + y + frame * 4) % 64;
                luma[y * width + x] = (byte) (value - 128);
            }
        }
        Arrays.fill(picture.getPlaneData(1), (byte) 0);
        Arrays.fill(picture.getPlaneData(2), (byte) 0);
    }

    private static int luma(BufferedImage image, int x, int y) {
        int rgb = image.getRGB(x, y);
        return (int) Math.round(0.299 * (rgb >> 16 & 0xff) + 0.587 * (rgb >> 8 & 0xff) + 0.114 * (rgb & 0xff));
    }

    private static VideoContent content(byte[] bytes) {
        return new CountingContent(bytes);
    }

    /** A video in memory that counts the bytes read from it. */
    private static final class CountingContent implements VideoContent {
        private final byte[] bytes;
        long bytesRead;

        CountingContent(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public InputStream open(long offset, long length) {
            if (offset < 0 || length < 0 || offset > bytes.length - length) {
                throw new IllegalArgumentException("bytes " + offset + "+" + length + " are outside the video");
            }
            bytesRead += length;
            return new ByteArrayInputStream(bytes, (int) offset, (int) length);
        }
    }
}
