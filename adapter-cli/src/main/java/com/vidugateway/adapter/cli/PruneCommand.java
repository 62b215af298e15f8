package com.vidugateway.adapter.cli;

import com.vidugateway.application.port.in.PruneStorage;
import com.vidugateway.domain.text.Messages;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "prune")
public final class PruneCommand extends TaskCommand {

    @Option(names = "--json")
    boolean json;

    public PruneCommand(TaskServices services) {
        super(services);
    }

    @Override
    public Integer call() {
        PrintWriter out = terminal.out();
        Messages messages = terminal.messages();
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
            out.println(messages.text("cli.prune.nothing"));
        } else {
            out.println(messages.text("cli.prune.removed", "tasks", report.tasksWithImagesRemoved(),
                    "videos", report.videosRemoved(), "video_size", TaskText.size(report.videoBytes()),
                    "files", report.blobsRemoved(), "file_size", TaskText.size(report.blobBytes())));
            if (report.tasksWithImagesRemoved() > 0 && report.blobsRemoved() == 0) {
                out.println(messages.text("cli.prune.files_later"));
            }
        }
        report.problems().forEach(problem -> terminal.err().println("vidu prune: " + problem));
        return report.problems().isEmpty() ? ExitCode.SUCCESS : ExitCode.PROVIDER_OR_STORAGE_ERROR;
    }
}
