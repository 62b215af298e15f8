package com.vidugateway.domain.image;

/** The image formats the provider accepts, as recognised from the bytes. */
public enum ImageFormat {
    PNG("PNG"),
    JPEG("JPEG"),
    WEBP("WebP");

    private final String displayName;

    ImageFormat(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
