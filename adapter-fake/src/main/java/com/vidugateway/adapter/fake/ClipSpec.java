package com.vidugateway.adapter.fake;

import com.vidugateway.domain.catalogue.AspectRatio;
import java.util.Objects;

/**
 * What a fake video looks like from outside: its length and its shape. Everything else (resolution, seed,
 * images) leaves the file unchanged, so one file per spec serves every task that asks for it.
 *
 * <p>The picture is small on purpose: the short side is {@value #SHORT_SIDE} px whatever the requested
 * resolution, because the file only has to be a real, playable video of the right length and shape, and a
 * small one encodes in well under a second in pure Java.
 *
 * @param seconds     length of the clip
 * @param aspectRatio shape of the picture
 */
record ClipSpec(int seconds, AspectRatio aspectRatio) {

    static final int SHORT_SIDE = 144;
    static final int FRAMES_PER_SECOND = 8;
    /** Stored in task ids in one byte. */
    static final int MAX_SECONDS = 255;

    /** Bump when the picture changes, so that files cached by an older version are not served as new. */
    private static final int PICTURE_VERSION = 1;

    ClipSpec {
        Objects.requireNonNull(aspectRatio, "aspectRatio");
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("a clip lasts 1–" + MAX_SECONDS + " s, got " + seconds);
        }
    }

    int width() {
        int[] ratio = aspectRatio.widthToHeight();
        return ratio[0] >= ratio[1] ? longSide(ratio[0], ratio[1]) : SHORT_SIDE;
    }

    int height() {
        int[] ratio = aspectRatio.widthToHeight();
        return ratio[0] >= ratio[1] ? SHORT_SIDE : longSide(ratio[1], ratio[0]);
    }

    int frameCount() {
        return seconds * FRAMES_PER_SECOND;
    }

    /** The cache file's name, e.g. {@code clip-v1-5s-16x9.mp4}. */
    String fileName() {
        return "clip-v" + PICTURE_VERSION + "-" + seconds + "s-" + aspectRatio.wire().replace(':', 'x') + ".mp4";
    }

    /** H.264 with 4:2:0 chroma needs even sides. */
    private static int longSide(int longer, int shorter) {
        return (int) Math.round(SHORT_SIDE * (double) longer / shorter / 2) * 2;
    }
}
