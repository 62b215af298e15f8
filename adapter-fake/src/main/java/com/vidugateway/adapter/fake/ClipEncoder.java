package com.vidugateway.adapter.fake;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.jcodec.codecs.h264.H264Encoder;
import org.jcodec.common.Codec;
import org.jcodec.common.MuxerTrack;
import org.jcodec.common.VideoCodecMeta;
import org.jcodec.common.VideoEncoder.EncodedFrame;
import org.jcodec.common.io.FileChannelWrapper;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Packet;
import org.jcodec.common.model.Picture;
import org.jcodec.common.model.Size;
import org.jcodec.containers.mp4.Brand;
import org.jcodec.containers.mp4.muxer.MP4Muxer;

/**
 * Writes a clip as an H.264 MP4 in pure Java (JCodec), so the fake needs no ffmpeg and no native code.
 *
 * <p>The picture: diagonal stripes drifting across the frame, a colour that turns once round the hue
 * circle over the clip, and a bright bar that sweeps from the left edge to the right, so a person scrubbing
 * the video sees at once that it plays and how far in they are.
 */
class ClipEncoder { // not final: tests count encodings and break one half way

    private static final int BAR_WIDTH = 6;
    private static final int BAR_LUMA = 235;
    private static final int STRIPE_PERIOD = 64;
    private static final int STRIPE_BASE_LUMA = 60;
    private static final int STRIPE_SPEED = 4;
    private static final double CHROMA_AMPLITUDE = 60;

    /** Writes {@code clip} to {@code target}, which must exist (a fresh temporary file) and is overwritten. */
    void encode(ClipSpec clip, Path target) throws IOException {
        int width = clip.width();
        int height = clip.height();
        int frames = clip.frameCount();
        try (FileChannel file = FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                FileChannelWrapper output = new FileChannelWrapper(file)) {
            MP4Muxer muxer = MP4Muxer.createMP4Muxer(output, Brand.MP4);
            MuxerTrack track = muxer.addVideoTrack(Codec.H264,
                    VideoCodecMeta.createSimpleVideoCodecMeta(new Size(width, height), ColorSpace.YUV420J));
            H264Encoder encoder = H264Encoder.createH264Encoder();
            Picture picture = Picture.create(width, height, ColorSpace.YUV420J);
            ByteBuffer buffer = ByteBuffer.allocate(encoder.estimateBufferSize(picture));
            for (int frame = 0; frame < frames; frame++) {
                paint(picture, frame, frames);
                buffer.clear();
                EncodedFrame encoded = encoder.encodeFrame(picture, buffer);
                // One tick of 1/fps per frame: the track lasts exactly frames / fps = the requested seconds.
                track.addFrame(Packet.createPacket(encoded.getData(), frame, ClipSpec.FRAMES_PER_SECOND, 1, frame,
                        encoded.isKeyFrame() ? Packet.FrameType.KEY : Packet.FrameType.INTER, null));
            }
            muxer.finish();
            // On disk before the caller renames it into place: a crash never leaves a named, empty clip.
            file.force(true);
        }
    }

    /**
     * JCodec keeps samples as signed bytes: the stored value is the 0–255 sample minus 128. The values stay
     * inside the limited "TV" range (luma 16–235), because the stream carries no full-range flag and players
     * read it as limited range: so every player shows the same picture.
     */
    private static void paint(Picture picture, int frame, int frames) {
        int width = picture.getWidth();
        int height = picture.getHeight();
        byte[] luma = picture.getPlaneData(0);
        int barLeft = frame * (width - BAR_WIDTH) / Math.max(1, frames - 1);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean onBar = x >= barLeft && x < barLeft + BAR_WIDTH;
                int value = onBar ? BAR_LUMA : STRIPE_BASE_LUMA + (x + y + frame * STRIPE_SPEED) % STRIPE_PERIOD;
                luma[y * width + x] = (byte) (value - 128);
            }
        }
        double hue = 2 * Math.PI * frame / frames;
        Arrays.fill(picture.getPlaneData(1), (byte) Math.round(CHROMA_AMPLITUDE * Math.cos(hue)));
        Arrays.fill(picture.getPlaneData(2), (byte) Math.round(CHROMA_AMPLITUDE * Math.sin(hue)));
    }
}
