package com.vidugateway.application.port.in;

/**
 * Housekeeping of what the gateway stores: the images of tasks that ended longer ago than the image retention,
 * videos older than the video retention (when one is set), and image blobs no task refers to (an upload cut off,
 * a crash between a blob and its task). The server does it in its sync loop; {@code vidu prune} does it once.
 */
public interface PruneStorage {

    Report prune();

    /**
     * What one round removed.
     *
     * @param tasksWithImagesRemoved tasks whose images went (they keep everything else)
     * @param videosRemoved          stored videos removed
     * @param videoBytes             their bytes
     * @param blobsRemoved           image blobs removed (no task kept them)
     * @param blobBytes              their bytes
     * @param problems               what could not be removed, and why; empty when all went well
     */
    record Report(int tasksWithImagesRemoved, int videosRemoved, long videoBytes, int blobsRemoved, long blobBytes,
                  java.util.List<String> problems) {
        public Report {
            problems = java.util.List.copyOf(problems);
        }

        public boolean removedNothing() {
            return tasksWithImagesRemoved == 0 && videosRemoved == 0 && blobsRemoved == 0;
        }
    }
}
