package com.vidugateway.domain.image;

import java.util.List;

/** The reference image rules of {@code rules.md} ("Reference images"), in one place. */
public final class ImageRules {

    /** Each side at least this many pixels; 128 itself is allowed. */
    public static final int MIN_SIDE_PX = 128;

    /** Width/height must be strictly between 1:this and this:1; exactly 4:1 is refused. */
    public static final int MAX_SIDE_RATIO = 4;

    /** Decoded size at most 50 MiB; exactly 50 MiB is allowed. */
    public static final long MAX_DECODED_BYTES = 50L * 1024 * 1024;

    /** Media types a data URI may declare ({@code data:image/<type>;base64,}). */
    public static final List<String> DECLARABLE_TYPES = List.of("png", "jpeg", "jpg", "webp");

    private ImageRules() {}

    static boolean ratioAllowed(long width, long height) {
        return width < MAX_SIDE_RATIO * height && height < MAX_SIDE_RATIO * width;
    }

    static ImageFormat formatDeclaredAs(String subtype) {
        return switch (subtype) {
            case "png" -> ImageFormat.PNG;
            case "jpeg", "jpg" -> ImageFormat.JPEG;
            case "webp" -> ImageFormat.WEBP;
            default -> null;
        };
    }
}
