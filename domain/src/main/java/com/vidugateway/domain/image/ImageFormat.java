package com.vidugateway.domain.image;

import java.util.Optional;

/** The image formats the provider accepts, as recognised from the bytes. */
public enum ImageFormat {
    PNG("PNG", "png"),
    JPEG("JPEG", "jpeg"),
    WEBP("WebP", "webp");

    private final String displayName;
    private final String mediaSubtype;

    ImageFormat(String displayName, String mediaSubtype) {
        this.displayName = displayName;
        this.mediaSubtype = mediaSubtype;
    }

    /** What a data URI declares for it: {@code data:image/<this>;base64,}. */
    public String mediaSubtype() {
        return mediaSubtype;
    }

    public String displayName() {
        return displayName;
    }

    /**
     * The format whose magic number the file starts with: PNG's signature, JPEG's SOI and first marker, or a
     * RIFF container of type WEBP. The one place that knows these; empty for anything else.
     */
    public static Optional<ImageFormat> recognise(byte[] head) {
        if (startsWith(head, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (startsWith(head, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (startsWith(head, 0, 'R', 'I', 'F', 'F') && startsWith(head, 8, 'W', 'E', 'B', 'P')) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    static boolean startsWith(byte[] bytes, int offset, int... expected) {
        if (bytes.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((bytes[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
