package com.vidugateway.application.service;

import com.vidugateway.application.port.in.PruneStorage;
import com.vidugateway.application.port.out.ImageBlobs;
import com.vidugateway.application.port.out.VideoArchive;
import com.vidugateway.application.port.out.VideoTasks;
import com.vidugateway.domain.task.VideoTask;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Retention and clean-up, in an order that never loses what a task needs: a task first stops referring to its
 * images (and its stored video), then blobs that no task refers to — and that are older than an upload could
 * take — are removed. A blob a new submit sends again is renewed when kept, so it is not taken from under it.
 */
final class PruneStorageService implements PruneStorage {

    private static final int BATCH = 200;

    private final VideoTasks tasks;
    private final ImageBlobs blobs;
    private final VideoArchive archive;
    private final Clock clock;
    private final RetentionSettings settings;

    PruneStorageService(VideoTasks tasks, ImageBlobs blobs, VideoArchive archive, Clock clock,
                        RetentionSettings settings) {
        this.tasks = tasks;
        this.blobs = blobs;
        this.archive = archive;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public Report prune() {
        Instant now = clock.instant();
        List<String> problems = new ArrayList<>();
        int tasksWithImagesRemoved = removeImages(now.minus(settings.keepImages()), now, problems);
        long[] videos = settings.keepVideos() == null ? new long[2]
                : removeVideos(now.minus(settings.keepVideos()), now, problems);
        long[] orphans = removeOrphans(now.minus(settings.orphanAfter()), problems);
        return new Report(tasksWithImagesRemoved, (int) videos[0], videos[1], (int) orphans[0], orphans[1], problems);
    }

    private int removeImages(Instant endedBefore, Instant now, List<String> problems) {
        int removed = 0;
        while (true) {
            List<VideoTask> batch = tasks.keepingImagesEndedBefore(endedBefore, BATCH);
            int marked = 0;
            for (VideoTask task : batch) {
                // A task with URL images only is marked too (so that it is not looked at again), but not counted.
                if (tasks.replace(task.withImagesRemoved(now))) {
                    marked++;
                    removed += hasInlineImages(task) ? 1 : 0;
                }
            }
            // A batch in which nothing could be written (others changed every task) ends the round.
            if (batch.size() < BATCH || marked == 0) {
                return removed;
            }
        }
    }

    private static boolean hasInlineImages(VideoTask task) {
        return task.request().references().allImages().stream()
                .anyMatch(image -> image instanceof com.vidugateway.domain.image.ReferenceImage.InlineImage);
    }

    private long[] removeVideos(Instant storedBefore, Instant now, List<String> problems) {
        long count = 0;
        long bytes = 0;
        while (true) {
            List<VideoTask> batch = tasks.keepingVideosStoredBefore(storedBefore, BATCH);
            long before = count;
            for (VideoTask task : batch) {
                try {
                    // The task first: a task that says "removed" with the file still there is harmless; the reverse is not.
                    if (tasks.replace(task.withVideoRemoved(now))) {
                        archive.delete(task.video());
                        count++;
                        bytes += task.video().sizeBytes();
                    }
                } catch (VideoArchive.ArchiveFailure e) {
                    problems.add("the video of task " + task.id() + " could not be removed: " + e.getMessage());
                }
            }
            if (batch.size() < BATCH || count == before) {
                return new long[] {count, bytes};
            }
        }
    }

    private long[] removeOrphans(Instant keptBefore, List<String> problems) {
        long count = 0;
        long bytes = 0;
        List<ImageBlobs.Blob> all;
        try {
            all = blobs.list();
        } catch (IOException e) {
            problems.add("the image blobs could not be listed: " + e.getMessage());
            return new long[2];
        }
        for (ImageBlobs.Blob blob : all) {
            if (blob.keptAt().isBefore(keptBefore) && !tasks.refersToImage(blob.sha256())) {
                try {
                    // Only if no submit kept it again since the listing: that submit's task may not be stored yet.
                    if (blobs.deleteIfKeptBefore(blob.sha256(), keptBefore)) {
                        count++;
                        bytes += blob.size();
                    }
                } catch (IOException e) {
                    problems.add("image blob " + blob.sha256() + " could not be removed: " + e.getMessage());
                }
            }
        }
        return new long[] {count, bytes};
    }
}
