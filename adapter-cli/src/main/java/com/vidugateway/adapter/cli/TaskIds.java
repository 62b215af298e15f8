package com.vidugateway.adapter.cli;

import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.text.Messages;
import java.io.PrintWriter;
import java.util.Optional;

/** A task id as typed, checked once for all commands. */
final class TaskIds {

    private TaskIds() {}

    static Optional<TaskId> parse(String typed, PrintWriter err, Messages messages) {
        try {
            return Optional.of(new TaskId(typed.trim()));
        } catch (IllegalArgumentException e) {
            err.println("vidu: " + messages.text("cli.error.not_a_task_id", "id", typed, "reason", e.getMessage()));
            return Optional.empty();
        }
    }
}
