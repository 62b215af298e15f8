package com.vidugateway.adapter.cli;

import com.vidugateway.domain.task.TaskId;
import java.io.PrintWriter;
import java.util.Optional;

/** A task id as typed, checked once for all commands. */
final class TaskIds {

    private TaskIds() {}

    static Optional<TaskId> parse(String typed, PrintWriter err) {
        try {
            return Optional.of(new TaskId(typed.trim()));
        } catch (IllegalArgumentException e) {
            err.println("vidu: '" + typed + "' is not a task id: " + e.getMessage());
            return Optional.empty();
        }
    }
}
