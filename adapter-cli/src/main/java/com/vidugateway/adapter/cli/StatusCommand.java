package com.vidugateway.adapter.cli;

import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "status", description = {"One task: its state, history, error and video.",
        "Exit 0 found, 1 the task failed, 2 no such task, 3 provider or storage error."})
public final class StatusCommand implements Callable<Integer> {

    private final TaskServices services;

    @Parameters(paramLabel = "ID", description = "The task id (as submit printed it).")
    String id;

    @Option(names = "--refresh", description = "Ask the provider now if the task is unfinished (instead of the last known state).")
    boolean refresh;

    @Option(names = "--json", description = "Print the task as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    public StatusCommand(TaskServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Optional<TaskId> taskId = TaskIds.parse(id, err);
        if (taskId.isEmpty()) {
            return ExitCode.INVALID;
        }
        Optional<VideoTask> task = services.get().get(services.owner(), taskId.get(), refresh);
        if (task.isEmpty()) {
            err.println("vidu status: no task " + id + " (see: vidu list)");
            return ExitCode.INVALID;
        }
        new TaskPrinter(services, spec.commandLine().getOut(), err, spec.commandLine().getColorScheme().ansi(), false)
                .report(task.get(), json);
        return task.get().status() == TaskStatus.FAILURE ? ExitCode.TASK_FAILED : ExitCode.SUCCESS;
    }
}
