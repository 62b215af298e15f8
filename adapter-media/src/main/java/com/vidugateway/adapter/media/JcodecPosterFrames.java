package com.vidugateway.adapter.media;

import com.vidugateway.application.port.out.PosterFrames;
import com.vidugateway.application.port.out.VideoArchive.VideoContent;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.jcodec.api.FrameGrab;
import org.jcodec.api.JCodecException;
import org.jcodec.api.PictureWithMetadata;
import org.jcodec.common.DemuxerTrackMeta;
import org.jcodec.scale.AWTUtil;

/**
 * Posters in pure Java: JCodec demuxes the MP4 and decodes its <em>first</em> frame (the first picture in the stream,
 * a key frame: one frame decoded, and the MP4's header and that frame's bytes read; for an image-to-video task it is
 * the picture the video starts from), the JDK writes it as a JPEG of the video's size, turned as the track says.
 *
 * <p>The video is read in ranges ({@link RangedChannel}), so a video in a bucket is not fetched whole for its poster.
 * Whatever the decoder throws on bytes it cannot read (JCodec fails with all sorts of runtime exceptions on a broken
 * stream) is an {@link Undecodable}; only a failing read of the storage is an {@link IOException}.
 */
public final class JcodecPosterFrames implements PosterFrames {

    /** JPEG quality: a thumbnail and a poster, not an archive of the frame. */
    static final float QUALITY = 0.85f;

    private final int blockSize;

    public JcodecPosterFrames() {
        this(RangedChannel.BLOCK);
    }

    /** @param blockSize the bytes of each range read of the video */
    JcodecPosterFrames(int blockSize) {
        this.blockSize = blockSize;
    }

    @Override
    public byte[] posterOf(VideoContent video) throws Undecodable, IOException {
        RangedChannel channel = new RangedChannel(video, blockSize);
        BufferedImage frame;
        try {
            FrameGrab grab = FrameGrab.createFrameGrab(channel);
            PictureWithMetadata first = grab.getNativeFrameWithMetadata();
            if (first == null || first.getPicture() == null) {
                throw new Undecodable("the video has no frame to decode", null);
            }
            DemuxerTrackMeta.Orientation orientation = first.getOrientation();
            frame = orientation == null ? AWTUtil.toBufferedImage(first.getPicture())
                    : AWTUtil.toBufferedImage(first.getPicture(), orientation);
        } catch (Undecodable e) {
            throw e;
        } catch (JCodecException | RuntimeException | StackOverflowError e) {
            channel.rethrowReadFailure(e);
            throw new Undecodable("the video could not be decoded (" + describe(e) + ")", e);
        } catch (IOException e) {
            channel.rethrowReadFailure(e);
            throw new Undecodable("the video could not be decoded (" + describe(e) + ")", e);
        }
        if (frame.getWidth() < 1 || frame.getHeight() < 1) {
            throw new Undecodable("the video's first frame has no picture", null);
        }
        return jpeg(frame);
    }

    /** What a decoder failure was, in a few words: JCodec's messages are often empty. */
    private static String describe(Throwable e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName();
        if (message == null || message.isBlank()) {
            return kind;
        }
        String line = message.strip().lines().findFirst().orElse("");
        return kind + ": " + (line.length() > 120 ? line.substring(0, 117) + "…" : line);
    }

    static byte[] jpeg(BufferedImage frame) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IllegalStateException("this Java runtime has no JPEG writer");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(QUALITY);
            writer.write(null, new IIOImage(frame, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
