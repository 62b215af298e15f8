package com.vidugateway.adapter.cli;

import com.vidugateway.domain.task.VideoTask;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "wait")
public final class WaitCommand extends TaskCommand {

    @Parameters(paramLabel = "ID", descriptionKey = "id")
    String id;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "30m")
    Duration timeout;

    @Option(names = {"--output", "-o"}, paramLabel = "FILE")
    Path output;

    @Option(names = "--json")
    boolean json;

    public WaitCommand(TaskServices services) {
        super(services);
    }

    @Override
    public Integer call() throws InterruptedException {
        Optional<VideoTask> task = task("wait", id, false);
        if (task.isEmpty()) {
            return ExitCode.INVALID;
        }
        return terminal.printer(services, Terminal.interactive()).waitFor(task.get(), timeout, output, json);
    }
}
