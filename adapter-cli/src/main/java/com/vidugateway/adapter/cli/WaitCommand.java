package com.vidugateway.adapter.cli;

import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.VideoTask;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "wait", description = {"Wait for a task to finish, with progress (state, elapsed, ETA); works with or without a server running.",
        "Exit 0 succeeded, 1 the task failed, 2 no such task, 3 timed out or provider/storage error."})
public final class WaitCommand implements Callable<Integer> {

    private final TaskServices services;

    @Parameters(paramLabel = "ID", description = "The task id.")
    String id;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "30m",
            description = "Give up waiting after this long, e.g. 90s, 10m (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = {"--output", "-o"}, paramLabel = "FILE", description = "Save the video here when it is done.")
    Path output;

    @Option(names = "--json", description = "Print nothing but the final task as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    public WaitCommand(TaskServices services) {
        this.services = services;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        Optional<TaskId> taskId = TaskIds.parse(id, err);
        if (taskId.isEmpty()) {
            return ExitCode.INVALID;
        }
        Optional<VideoTask> task = services.get().get(services.owner(), taskId.get(), false);
        if (task.isEmpty()) {
            err.println("vidu wait: no task " + id + " (see: vidu list)");
            return ExitCode.INVALID;
        }
        return new TaskPrinter(services, spec.commandLine().getOut(), err, spec.commandLine().getColorScheme().ansi(),
                System.console() != null).waitFor(task.get(), timeout, output, json);
    }
}
