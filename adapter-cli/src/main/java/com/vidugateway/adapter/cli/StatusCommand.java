package com.vidugateway.adapter.cli;

import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import com.vidugateway.domain.text.Messages;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "status")
public final class StatusCommand implements Callable<Integer> {

    private final TaskServices services;

    @Parameters(paramLabel = "ID", descriptionKey = "id")
    String id;

    @Option(names = "--refresh")
    boolean refresh;

    @Option(names = "--json")
    boolean json;

    @Spec
    CommandSpec spec;

    public StatusCommand(TaskServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Messages messages = CliText.messages(spec);
        Optional<TaskId> taskId = TaskIds.parse(id, err, messages);
        if (taskId.isEmpty()) {
            return ExitCode.INVALID;
        }
        Optional<VideoTask> task = services.get().get(services.owner(), taskId.get(), refresh);
        if (task.isEmpty()) {
            err.println("vidu status: " + messages.text("cli.error.no_task", "id", id));
            return ExitCode.INVALID;
        }
        new TaskPrinter(services, spec.commandLine().getOut(), err, spec.commandLine().getColorScheme().ansi(), messages, false)
                .report(task.get(), json);
        return task.get().status() == TaskStatus.FAILURE ? ExitCode.TASK_FAILED : ExitCode.SUCCESS;
    }
}
