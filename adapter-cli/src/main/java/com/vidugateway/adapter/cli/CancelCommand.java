package com.vidugateway.adapter.cli;

import com.vidugateway.application.port.in.CancelVideoTask;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.text.Messages;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vidu cancel ID}: stops one of the local user's tasks, as {@code POST /v1/tasks/{id}/cancel} does. */
@Command(name = "cancel")
public final class CancelCommand extends TaskCommand {

    @Parameters(paramLabel = "ID", descriptionKey = "id")
    String id;

    @Option(names = "--json")
    boolean json;

    public CancelCommand(TaskServices services) {
        super(services);
    }

    @Override
    public Integer call() {
        Optional<TaskId> taskId = taskId(id);
        if (taskId.isEmpty()) {
            return ExitCode.INVALID;
        }
        Messages messages = terminal.messages();
        CancelVideoTask.Result result = services.cancel().cancel(services.owner(), taskId.get());
        if (result instanceof CancelVideoTask.NotFound) {
            terminal.err().println("vidu cancel: " + messages.text("cli.error.no_task", "id", id));
            return ExitCode.INVALID;
        }
        if (result instanceof CancelVideoTask.NotCancellable refused) {
            terminal.err().println("vidu cancel: " + (refused.ended()
                    ? messages.text("api.cancel.ended", "task", id, "status", refused.task().status().displayName())
                    : messages.text("api.cancel.sending", "task", id, "seconds", 2)));
            return ExitCode.INVALID;
        }
        CancelVideoTask.Cancelled cancelled = (CancelVideoTask.Cancelled) result;
        terminal.printer(services, false).report(cancelled.task(), json);
        if (!json) {
            terminal.err().println("vidu cancel: " + messages.text(cancelled.task().providerTaskId() == null
                    ? "api.cancel.unsent" : "api.cancel.sent"));
        }
        return ExitCode.SUCCESS;
    }
}
