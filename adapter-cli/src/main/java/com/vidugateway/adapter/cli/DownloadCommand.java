package com.vidugateway.adapter.cli;

import com.vidugateway.application.port.in.ReadTaskVideo;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import java.io.IOException;
import com.vidugateway.domain.text.Messages;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "download")
public final class DownloadCommand extends TaskCommand {

    @Parameters(paramLabel = "ID", descriptionKey = "id")
    String id;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE")
    Path output;

    public DownloadCommand(TaskServices services) {
        super(services);
    }

    @Override
    public Integer call() {
        PrintWriter err = terminal.err();
        Messages messages = terminal.messages();
        Optional<TaskId> taskId = taskId(id);
        if (taskId.isEmpty()) {
            return ExitCode.INVALID;
        }
        ReadTaskVideo.Result result = services.video().read(services.owner(), taskId.get());
        if (result instanceof ReadTaskVideo.NotFound) {
            err.println("vidu download: " + messages.text("cli.error.no_task", "id", id));
            return ExitCode.INVALID;
        }
        if (result instanceof ReadTaskVideo.NotReady notReady) {
            err.println("vidu download: " + messages.text("cli.download.no_video", "id", id, "why", notReady.reason().in(messages)));
            TaskStatus status = notReady.task().status();
            return status == TaskStatus.FAILURE ? ExitCode.TASK_FAILED
                    : status == TaskStatus.SUCCESS ? ExitCode.PROVIDER_OR_STORAGE_ERROR : ExitCode.INVALID;
        }
        ReadTaskVideo.Found found = (ReadTaskVideo.Found) result;
        Path target = output != null ? output : Path.of(found.task().id().value() + ".mp4");
        try {
            Path saved = VideoSaver.save(found, target, err, messages, Terminal.interactive());
            terminal.out().println(messages.text("cli.video.saved", "file", saved, "size", TaskText.size(found.content().size())));
            return ExitCode.SUCCESS;
        } catch (IOException e) {
            err.println("vidu download: " + messages.text("cli.video.cannot_write", "file", target, "reason", e.getMessage()));
            return ExitCode.PROVIDER_OR_STORAGE_ERROR;
        }
    }
}
