package com.vidugateway.adapter.cli;

import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.VideoTask;
import com.vidugateway.domain.text.Messages;
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

@Command(name = "wait")
public final class WaitCommand implements Callable<Integer> {

    private final TaskServices services;

    @Parameters(paramLabel = "ID", descriptionKey = "id")
    String id;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "30m")
    Duration timeout;

    @Option(names = {"--output", "-o"}, paramLabel = "FILE")
    Path output;

    @Option(names = "--json")
    boolean json;

    @Spec
    CommandSpec spec;

    public WaitCommand(TaskServices services) {
        this.services = services;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        Messages messages = CliText.messages(spec);
        Optional<TaskId> taskId = TaskIds.parse(id, err, messages);
        if (taskId.isEmpty()) {
            return ExitCode.INVALID;
        }
        Optional<VideoTask> task = services.get().get(services.owner(), taskId.get(), false);
        if (task.isEmpty()) {
            err.println("vidu wait: " + messages.text("cli.error.no_task", "id", id));
            return ExitCode.INVALID;
        }
        return new TaskPrinter(services, spec.commandLine().getOut(), err, spec.commandLine().getColorScheme().ansi(),
                messages, System.console() != null).waitFor(task.get(), timeout, output, json);
    }
}
