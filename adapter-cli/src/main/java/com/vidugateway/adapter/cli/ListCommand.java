package com.vidugateway.adapter.cli;

import com.vidugateway.application.port.in.ListVideoTasks;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.TaskSummary;
import com.vidugateway.domain.text.Messages;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list")
public final class ListCommand extends TaskCommand {

    @Option(names = "--status", paramLabel = "STATUS")
    String status;

    @Option(names = {"--limit", "-n"}, paramLabel = "N", defaultValue = "20")
    int limit;

    @Option(names = "--cursor", paramLabel = "CURSOR")
    String cursor;

    @Option(names = "--json")
    boolean json;

    public ListCommand(TaskServices services) {
        super(services);
    }

    @Override
    public Integer call() {
        PrintWriter out = terminal.out();
        PrintWriter err = terminal.err();
        Messages messages = terminal.messages();
        TaskStatus wanted = null;
        if (status != null) {
            Optional<TaskStatus> parsed = TaskStatus.fromDisplayName(status);
            if (parsed.isEmpty()) {
                err.println("vidu list: " + messages.text("cli.list.not_a_status", "status", status,
                        "statuses", Arrays.stream(TaskStatus.values()).map(TaskStatus::displayName)
                                .collect(Collectors.joining(", "))));
                return ExitCode.INVALID;
            }
            wanted = parsed.get();
        }
        ListVideoTasks.Page page;
        try {
            page = services.list().list(services.owner(), wanted, limit, cursor);
        } catch (ListVideoTasks.BadPage e) {
            err.println("vidu list: " + e.reason().in(messages));
            return ExitCode.INVALID;
        }
        if (json) {
            out.println(Json.write(page.tasks().stream().map(TaskText::json).toList()));
            if (page.nextCursor() != null) {
                // Read by scripts paging with --json: the same words in every language.
                err.println(Messages.english().text("cli.list.more", "command", "vidu list --json --limit " + limit
                        + (status == null ? "" : " --status " + status) + " --cursor " + page.nextCursor()));
            }
        } else if (page.tasks().isEmpty()) {
            out.println(wanted == null ? messages.text("cli.list.none_yet")
                    : messages.text("cli.list.none_in_status", "status", wanted));
        } else {
            printTable(out, messages, page);
        }
        out.flush();
        return ExitCode.SUCCESS;
    }

    private void printTable(PrintWriter out, Messages messages, ListVideoTasks.Page page) {
        List<String[]> rows = new ArrayList<>();
        rows.add(Arrays.stream(new String[] {"id", "status", "accepted", "request", "video", "prompt"})
                .map(column -> messages.text("cli.list.column." + column)).toArray(String[]::new));
        for (TaskSummary task : page.tasks()) {
            rows.add(new String[] {task.id().value(), task.status().displayName(), TaskText.time(task.acceptedAt()),
                TaskText.shape(task), videoColumn(task, messages), TaskText.oneLine(task.prompt(), 40)});
        }
        terminal.table(rows);
        if (page.nextCursor() != null) {
            out.println(messages.text("cli.list.more", "command", "vidu list --limit " + limit
                    + (status == null ? "" : " --status " + status) + " --cursor " + page.nextCursor()));
        }
    }

    private static String videoColumn(TaskSummary task, Messages messages) {
        if (task.video() != null) {
            return TaskText.size(task.video().sizeBytes());
        }
        if (task.status() == TaskStatus.SUCCESS) {
            return messages.text(task.videoProblem() != null ? "cli.list.video_not_stored" : "cli.list.video_copying");
        }
        return "-";
    }
}
