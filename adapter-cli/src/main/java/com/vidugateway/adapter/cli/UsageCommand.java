package com.vidugateway.adapter.cli;

import com.vidugateway.application.port.out.UsageReports;
import com.vidugateway.domain.client.ClientQuota;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.text.Messages;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vidu usage}: what clients spent and made over whole days (UTC), by day or by model, with a total. Days are the
 * budget's: a month's budget counts the tasks accepted in its calendar month, UTC.
 */
@Command(name = "usage")
public final class UsageCommand extends TaskCommand {

    @Option(names = "--from", paramLabel = "YYYY-MM-DD")
    String from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD")
    String to;

    @Option(names = "--by", paramLabel = "day|model", defaultValue = "day")
    String by;

    @Option(names = "--client", paramLabel = "NAME")
    String client;

    @Option(names = "--json")
    boolean json;

    private final Clock clock;

    public UsageCommand(TaskServices services) {
        this(services, Clock.systemUTC());
    }

    /** @param clock what "this month" and "today" are taken from (in UTC) */
    public UsageCommand(TaskServices services, Clock clock) {
        super(services);
        this.clock = clock;
    }

    @Override
    public Integer call() {
        PrintWriter out = terminal.out();
        PrintWriter err = terminal.err();
        Messages messages = terminal.messages();
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        List<String> problems = new ArrayList<>();
        LocalDate first = date("--from", from, today.withDayOfMonth(1), problems);
        LocalDate last = date("--to", to, today, problems);
        UsageReports.GroupBy groupBy = groupBy(problems);
        if (problems.isEmpty() && first.isAfter(last)) {
            problems.add(messages.text("cli.usage.from_after_to", "from", first, "to", last));
        }
        if (!problems.isEmpty()) {
            problems.forEach(problem -> err.println("vidu usage: " + problem));
            err.flush();
            return ExitCode.INVALID;
        }
        // --to is a whole day: the report runs up to the start of the next.
        List<UsageReports.UsageLine> lines = services.usage().usage(client, first.atStartOfDay(ZoneOffset.UTC).toInstant(),
                last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), groupBy);
        Total total = Total.of(lines);
        if (json) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("from", first.toString());
            body.put("to", last.toString());
            body.put("by", groupBy.name().toLowerCase(Locale.ROOT));
            body.put("client", client);
            body.put("lines", lines.stream().map(UsageCommand::lineJson).toList());
            body.put("totals", total.json());
            out.println(Json.write(body));
        } else if (lines.isEmpty()) {
            out.println(messages.text("cli.usage.none", "from", first, "to", last));
        } else {
            printTable(messages, groupBy, lines, total);
        }
        out.flush();
        return ExitCode.SUCCESS;
    }

    private void printTable(Messages messages, UsageReports.GroupBy groupBy, List<UsageReports.UsageLine> lines,
                            Total total) {
        List<String[]> rows = new ArrayList<>();
        rows.add(Arrays.stream(new String[] {"client", groupBy == UsageReports.GroupBy.DAY ? "day" : "model", "tasks",
            "video_seconds", "reserved", "settled"}).map(column -> messages.text("cli.usage.column." + column))
                .toArray(String[]::new));
        for (UsageReports.UsageLine line : lines) {
            rows.add(new String[] {line.client(), line.group(), tasksText(line.tasks()), String.valueOf(line.videoSeconds()),
                ClientQuota.yuan(line.reservedCny()), ClientQuota.yuan(line.settledCny())});
        }
        rows.add(new String[] {messages.text("cli.usage.total"), "", tasksText(total.tasks()),
            String.valueOf(total.videoSeconds()), ClientQuota.yuan(total.reservedCny()),
            ClientQuota.yuan(total.settledCny())});
        terminal.table(rows);
    }

    /** {@code text} as a day; {@code otherwise} when not given; null after adding why it is not one to {@code problems}. */
    private LocalDate date(String option, String text, LocalDate otherwise, List<String> problems) {
        if (text == null) {
            return otherwise;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            problems.add(terminal.messages().text("cli.usage.not_a_date", "option", option, "value", text));
            return null;
        }
    }

    private UsageReports.GroupBy groupBy(List<String> problems) {
        for (UsageReports.GroupBy groupBy : UsageReports.GroupBy.values()) {
            if (groupBy.name().equalsIgnoreCase(by.strip())) {
                return groupBy;
            }
        }
        problems.add(terminal.messages().text("cli.usage.not_a_grouping", "value", by));
        return null;
    }

    /** "3 Success, 1 Failure": the statuses in their lifecycle's order, named as everywhere else. */
    private static String tasksText(Map<TaskStatus, Long> tasks) {
        return inOrder(tasks).entrySet().stream().map(entry -> entry.getValue() + " " + entry.getKey().displayName())
                .collect(Collectors.joining(", "));
    }

    private static Map<TaskStatus, Long> inOrder(Map<TaskStatus, Long> tasks) {
        Map<TaskStatus, Long> ordered = new EnumMap<>(TaskStatus.class);
        ordered.putAll(tasks);
        return ordered;
    }

    private static Map<String, Long> tasksJson(Map<TaskStatus, Long> tasks) {
        Map<String, Long> json = new LinkedHashMap<>();
        inOrder(tasks).forEach((status, count) -> json.put(status.displayName(), count));
        return json;
    }

    private static Map<String, Object> lineJson(UsageReports.UsageLine line) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("client", line.client());
        json.put("group", line.group());
        json.put("tasks", tasksJson(line.tasks()));
        json.put("video_seconds", line.videoSeconds());
        json.put("reserved_cny", line.reservedCny());
        json.put("settled_cny", line.settledCny());
        return json;
    }

    /** The sum of a report's lines. */
    private record Total(Map<TaskStatus, Long> tasks, long videoSeconds, BigDecimal reservedCny, BigDecimal settledCny) {

        static Total of(List<UsageReports.UsageLine> lines) {
            UsageReports.UsageLine sum = UsageReports.UsageLine.sum("", "", lines);
            return new Total(sum.tasks(), sum.videoSeconds(), sum.reservedCny(), sum.settledCny());
        }

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("tasks", tasksJson(tasks));
            json.put("video_seconds", videoSeconds);
            json.put("reserved_cny", reservedCny);
            json.put("settled_cny", settledCny);
            return json;
        }
    }
}
