package com.vidugateway.adapter.cli;

import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.VideoTask;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** A command on the caller's tasks: the use cases it drives, and where it writes. */
abstract class TaskCommand implements Callable<Integer> {

    final TaskServices services;

    @Mixin
    Terminal terminal = new Terminal();

    TaskCommand(TaskServices services) {
        this.services = services;
    }

    /** The task id as typed; empty after saying on stderr why it is not one. */
    Optional<TaskId> taskId(String typed) {
        return TaskIds.parse(typed, terminal.err(), terminal.messages());
    }

    /**
     * The caller's task {@code typed} ({@code refresh}: asked of the provider first); empty after saying on stderr
     * why not, as {@code vidu <command>}: not an id, or no such task.
     */
    Optional<VideoTask> task(String command, String typed, boolean refresh) {
        Optional<TaskId> id = taskId(typed);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Optional<VideoTask> task = services.get().get(services.owner(), id.get(), refresh);
        if (task.isEmpty()) {
            terminal.err().println("vidu " + command + ": " + terminal.messages().text("cli.error.no_task", "id", typed));
        }
        return task;
    }
}
