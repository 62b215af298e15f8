package com.vidugateway.application.service;

import com.vidugateway.application.port.in.PruneStorage;
import com.vidugateway.application.port.out.ImageBlobMarks;
import com.vidugateway.application.port.out.ImageBlobs;
import com.vidugateway.application.port.out.VideoArchive;
import com.vidugateway.application.port.out.VideoTasks;
import com.vidugateway.domain.task.VideoTask;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Retention and clean-up, in an order that never loses what a task needs: a task first stops referring to its
 * images (and its stored video), then blobs that no task refers to are swept — each with its mark locked, and only
 * when it was last kept (marked, by the task database's clock) longer than {@code orphanAfter} ago, so a submit that
 * is keeping the same image at this moment never has it taken from under it ({@link ImageBlobMarks}, decision 12).
 */
record PruneStorageService(VideoTasks tasks, ImageBlobs blobs, ImageBlobMarks marks, VideoArchive archive, Clock clock,
                           RetentionSettings settings) implements PruneStorage {

    private static final int BATCH = 200;

    @Override
    public Report prune() {
        Instant now = clock.instant();
        List<String> problems = new ArrayList<>();
        int tasksWithImagesRemoved = removeImages(now.minus(settings.keepImages()), now, problems);
        long[] videos = settings.keepVideos() == null ? new long[2]
                : removeVideos(now.minus(settings.keepVideos()), now, problems);
        long[] orphans = removeOrphans(problems);
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

    /**
     * Sweeps every blob in the store, then every mark older than the cut-off whose blob was not listed (its bytes are
     * gone already, or were stored after the listing: the sweep decides under the lock either way).
     */
    private long[] removeOrphans(List<String> problems) {
        long count = 0;
        long bytes = 0;
        Instant cutOff;
        List<ImageBlobs.Blob> all;
        try {
            cutOff = marks.cutOff(settings.orphanAfter());
            all = blobs.list();
        } catch (IOException | RuntimeException e) {
            problems.add("the image blobs could not be listed: " + e.getMessage());
            return new long[2];
        }
        Set<String> listed = new HashSet<>();
        for (ImageBlobs.Blob blob : all) {
            listed.add(blob.sha256());
            if (sweep(blob.sha256(), cutOff, problems) == ImageBlobMarks.Swept.REMOVED) {
                count++;
                bytes += blob.size();
            }
        }
        String after = null;
        while (true) {
            List<String> page;
            try {
                page = marks.markedBefore(cutOff, after, BATCH);
            } catch (RuntimeException e) {
                problems.add("the image blob marks could not be read: " + e.getMessage());
                break;
            }
            for (String sha256 : page) {
                if (!listed.contains(sha256)) {
                    sweep(sha256, cutOff, problems); // no bytes listed: nothing to count
                }
            }
            if (page.size() < BATCH) {
                break;
            }
            after = page.get(page.size() - 1);
        }
        return new long[] {count, bytes};
    }

    private ImageBlobMarks.Swept sweep(String sha256, Instant cutOff, List<String> problems) {
        try {
            return marks.sweep(sha256, cutOff, () -> blobs.delete(sha256));
        } catch (IOException | RuntimeException e) {
            problems.add("image blob " + sha256 + " could not be removed: " + e.getMessage());
            return ImageBlobMarks.Swept.BUSY;
        }
    }
}
