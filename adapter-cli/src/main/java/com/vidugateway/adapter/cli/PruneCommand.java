package com.vidugateway.adapter.cli;

import com.vidugateway.application.port.in.PruneStorage;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "prune", description = {
        "Remove, once, what the retention settings no longer keep, and say what went.",
        "That is: the inline images of tasks that ended longer ago than VIDU_KEEP_IMAGES (default 7d), stored videos"
                + " older than VIDU_KEEP_VIDEOS (default: kept), and image data no task refers to (an upload cut off)"
                + " once it is an hour old. Tasks keep everything else. `vidu serve` does this by itself every 10 minutes."})
public final class PruneCommand implements Callable<Integer> {

    private final TaskServices services;

    @Option(names = "--json", description = "Print what was removed as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    public PruneCommand(TaskServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PruneStorage.Report report = services.prune().prune();
        if (json) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("tasks_with_images_removed", report.tasksWithImagesRemoved());
            body.put("videos_removed", report.videosRemoved());
            body.put("video_bytes", report.videoBytes());
            body.put("image_blobs_removed", report.blobsRemoved());
            body.put("image_blob_bytes", report.blobBytes());
            body.put("problems", report.problems());
            out.println(Json.write(body));
        } else if (report.removedNothing()) {
            out.println("Nothing to remove.");
        } else {
            out.println("Removed: the inline images of " + report.tasksWithImagesRemoved() + " task(s); "
                    + report.videosRemoved() + " stored video(s) (" + TaskText.size(report.videoBytes()) + "); "
                    + report.blobsRemoved() + " image file(s) (" + TaskText.size(report.blobBytes()) + ").");
            if (report.tasksWithImagesRemoved() > 0 && report.blobsRemoved() == 0) {
                out.println("An image file goes once no task refers to it and it is an hour old (a submit may be"
                        + " sending it again); a later prune removes it.");
            }
        }
        report.problems().forEach(problem -> err.println("vidu prune: " + problem));
        return report.problems().isEmpty() ? ExitCode.SUCCESS : ExitCode.PROVIDER_OR_STORAGE_ERROR;
    }
}
