package com.vidugateway.adapter.rest;

import com.vidugateway.application.port.in.ReadTaskPoster;
import com.vidugateway.application.port.in.ReadTaskVideo;
import com.vidugateway.application.port.out.PosterFrames;
import com.vidugateway.application.port.out.VideoArchive;
import com.vidugateway.application.service.ReadTaskPosterService;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Posters over {@link TestGateway}'s archive, whose videos are a byte pattern and no MP4: the decoder is a stand-in
 * that answers {@link FakeFrames#JPEG} (a real 16×9 JPEG), or says the video cannot be decoded when a test asks.
 */
@Factory
class TestPosters {

    @Singleton
    FakeFrames frames() {
        return new FakeFrames();
    }

    @Singleton
    ReadTaskPoster readTaskPoster(ReadTaskVideo video, TestGateway.PatternArchive archive, FakeFrames frames) {
        return new ReadTaskPosterService(video, archive, frames);
    }

    static final class FakeFrames implements PosterFrames {
        /** A 16×9 JPEG, written by the JDK. */
        static final byte[] JPEG = jpeg(16, 9);

        private static byte[] jpeg(int width, int height) {
            try {
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(width, height,
                        java.awt.image.BufferedImage.TYPE_INT_RGB), "jpeg", out);
                return out.toByteArray();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        final AtomicInteger calls = new AtomicInteger();
        private volatile boolean undecodable;

        /** The next decodings fail as for a video that is no MP4. */
        void undecodable(boolean value) {
            undecodable = value;
        }

        @Override
        public byte[] posterOf(VideoArchive.VideoContent video) throws Undecodable {
            calls.incrementAndGet();
            if (undecodable) {
                throw new Undecodable("the video could not be decoded (no MP4 box at the start)", null);
            }
            return JPEG.clone();
        }
    }
}
