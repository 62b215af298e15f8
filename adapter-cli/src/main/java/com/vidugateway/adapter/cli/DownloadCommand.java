package com.vidugateway.adapter.cli;

import com.vidugateway.application.port.in.ReadTaskVideo;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "download", description = {"Save a finished task's video from the gateway's own copy.",
        "Exit 0 saved, 1 the task failed, 2 no such task or not finished, 3 storage error."})
public final class DownloadCommand implements Callable<Integer> {

    private final TaskServices services;

    @Parameters(paramLabel = "ID", description = "The task id.")
    String id;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to save it (default: <ID>.mp4 here).")
    Path output;

    @Spec
    CommandSpec spec;

    public DownloadCommand(TaskServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<TaskId> taskId = TaskIds.parse(id, err);
        if (taskId.isEmpty()) {
            return ExitCode.INVALID;
        }
        ReadTaskVideo.Result result = services.video().read(services.owner(), taskId.get());
        if (result instanceof ReadTaskVideo.NotFound) {
            err.println("vidu download: no task " + id + " (see: vidu list)");
            return ExitCode.INVALID;
        }
        if (result instanceof ReadTaskVideo.NotReady notReady) {
            err.println("vidu download: no video for " + id + ": " + notReady.why());
            TaskStatus status = notReady.task().status();
            return status == TaskStatus.FAILURE ? ExitCode.TASK_FAILED
                    : status == TaskStatus.SUCCESS ? ExitCode.PROVIDER_OR_STORAGE_ERROR : ExitCode.INVALID;
        }
        ReadTaskVideo.Found found = (ReadTaskVideo.Found) result;
        Path target = output != null ? output : Path.of(found.task().id().value() + ".mp4");
        try {
            Path saved = VideoSaver.save(found, target, err, System.console() != null);
            out.println("saved " + saved + " (" + TaskText.size(found.content().size()) + ")");
            return ExitCode.SUCCESS;
        } catch (IOException e) {
            err.println("vidu download: cannot write " + target + ": " + e.getMessage());
            return ExitCode.PROVIDER_OR_STORAGE_ERROR;
        }
    }
}
