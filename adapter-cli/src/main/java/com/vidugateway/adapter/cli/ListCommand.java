package com.vidugateway.adapter.cli;

import com.vidugateway.application.port.in.ListVideoTasks;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "list", description = "Your tasks, newest first.")
public final class ListCommand implements Callable<Integer> {

    private final TaskServices services;

    @Option(names = "--status", paramLabel = "STATUS", description = "Only tasks in this state: Accepted, Submitting, Pending, Running, Success, Failure, OutcomeUnknown.")
    String status;

    @Option(names = {"--limit", "-n"}, paramLabel = "N", defaultValue = "20", description = "How many (1–100, default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--cursor", paramLabel = "CURSOR", description = "Continue after a previous page (its next_cursor).")
    String cursor;

    @Option(names = "--json", description = "Print a JSON array of tasks instead of a table (the next page's cursor goes to stderr).")
    boolean json;

    @Spec
    CommandSpec spec;

    public ListCommand(TaskServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TaskStatus wanted = null;
        if (status != null) {
            Optional<TaskStatus> parsed = TaskStatus.fromDisplayName(status);
            if (parsed.isEmpty()) {
                err.println("vidu list: '" + status + "' is not a status; one of " + Arrays.stream(TaskStatus.values())
                        .map(TaskStatus::displayName).collect(Collectors.joining(", ")));
                return ExitCode.INVALID;
            }
            wanted = parsed.get();
        }
        ListVideoTasks.Page page;
        try {
            page = services.list().list(services.owner(), wanted, limit, cursor);
        } catch (IllegalArgumentException e) {
            err.println("vidu list: " + e.getMessage());
            return ExitCode.INVALID;
        }
        if (json) {
            out.println(Json.write(page.tasks().stream().map(TaskText::json).toList()));
            if (page.nextCursor() != null) {
                err.println("more: vidu list --json --limit " + limit + (status == null ? "" : " --status " + status)
                        + " --cursor " + page.nextCursor());
            }
        } else if (page.tasks().isEmpty()) {
            out.println(wanted == null ? "No tasks yet. Submit one with: vidu submit --image FILE --prompt TEXT"
                    : "No " + wanted + " tasks.");
        } else {
            printTable(out, page);
        }
        out.flush();
        return ExitCode.SUCCESS;
    }

    private void printTable(PrintWriter out, ListVideoTasks.Page page) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "STATUS", "ACCEPTED", "REQUEST", "VIDEO", "PROMPT"});
        for (VideoTask task : page.tasks()) {
            rows.add(new String[] {task.id().value(), task.status().displayName(), TaskText.time(task.acceptedAt()),
                TaskText.shape(task.request()), videoColumn(task), TaskText.oneLine(task.request().prompt(), 40)});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                line.append(i == widths.length - 1 ? rows.get(r)[i] : String.format("%-" + (widths[i] + 2) + "s", rows.get(r)[i]));
            }
            String text = line.toString().stripTrailing();
            out.println(r == 0 ? spec.commandLine().getColorScheme().ansi().string("@|bold " + text + "|@") : text);
        }
        if (page.nextCursor() != null) {
            out.println("more: vidu list --limit " + limit + (status == null ? "" : " --status " + status)
                    + " --cursor " + page.nextCursor());
        }
    }

    private static String videoColumn(VideoTask task) {
        if (task.video() != null) {
            return TaskText.size(task.video().sizeBytes());
        }
        if (task.status() == TaskStatus.SUCCESS) {
            return task.videoProblem() != null ? "not stored" : "copying";
        }
        return "-";
    }
}
