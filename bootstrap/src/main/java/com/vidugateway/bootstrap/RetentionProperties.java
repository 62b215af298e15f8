package com.vidugateway.bootstrap;

import com.vidugateway.application.service.RetentionSettings;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * {@code vidu.keep-images} ({@code VIDU_KEEP_IMAGES}) and {@code vidu.keep-videos} ({@code VIDU_KEEP_VIDEOS}): how long
 * stored images and videos are kept. Unset or empty takes the default of {@link RetentionSettings#defaults()}.
 */
@ConfigurationProperties("vidu")
record RetentionProperties(@Nullable String keepImages, @Nullable String keepVideos) {

    RetentionSettings settings() {
        RetentionSettings defaults = RetentionSettings.defaults();
        Duration images = blank(keepImages) ? defaults.keepImages() : Retention.parse("VIDU_KEEP_IMAGES", keepImages);
        if (images == null) {
            throw new IllegalArgumentException("VIDU_KEEP_IMAGES: '" + keepImages + "' — images need a retention,"
                    + " such as 7d or 30d (a request is never sent after its task ended)");
        }
        Duration videos = blank(keepVideos) ? defaults.keepVideos() : Retention.parse("VIDU_KEEP_VIDEOS", keepVideos);
        return new RetentionSettings(images, videos, defaults.orphanAfter(), defaults.every());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
