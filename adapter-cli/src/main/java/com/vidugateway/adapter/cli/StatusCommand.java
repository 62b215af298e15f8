package com.vidugateway.adapter.cli;

import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "status")
public final class StatusCommand extends TaskCommand {

    @Parameters(paramLabel = "ID", descriptionKey = "id")
    String id;

    @Option(names = "--refresh")
    boolean refresh;

    @Option(names = "--json")
    boolean json;

    public StatusCommand(TaskServices services) {
        super(services);
    }

    @Override
    public Integer call() {
        Optional<VideoTask> task = task("status", id, refresh);
        if (task.isEmpty()) {
            return ExitCode.INVALID;
        }
        terminal.printer(services, false).report(task.get(), json);
        TaskStatus status = task.get().status();
        return status == TaskStatus.FAILURE || status == TaskStatus.CANCELLED ? ExitCode.TASK_FAILED : ExitCode.SUCCESS;
    }
}
