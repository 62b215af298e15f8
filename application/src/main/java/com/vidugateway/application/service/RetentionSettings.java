package com.vidugateway.application.service;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the gateway keeps what it stores.
 *
 * @param keepImages  a task's inline images are removed this long after it ended ({@code VIDU_KEEP_IMAGES})
 * @param keepVideos  a stored video is removed this long after it was copied; null keeps videos for good
 *                    ({@code VIDU_KEEP_VIDEOS})
 * @param orphanAfter an image blob that no task refers to is removed once it is this old (an upload cut off)
 * @param every       how often the server's sync loop does the housekeeping
 */
public record RetentionSettings(Duration keepImages, Duration keepVideos, Duration orphanAfter, Duration every) {

    public RetentionSettings {
        Objects.requireNonNull(keepImages, "keepImages");
        Objects.requireNonNull(orphanAfter, "orphanAfter");
        Objects.requireNonNull(every, "every");
        if (keepImages.isNegative() || (keepVideos != null && keepVideos.isNegative())) {
            throw new IllegalArgumentException("a retention is zero or more");
        }
    }

    /** Images for a week after a task ended, videos for good, orphaned uploads for an hour; a look every 10 minutes. */
    public static RetentionSettings defaults() {
        return new RetentionSettings(Duration.ofDays(7), null, Duration.ofHours(1), Duration.ofMinutes(10));
    }
}
