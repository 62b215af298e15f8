package com.vidugateway.adapter.persistence;

import com.vidugateway.application.port.out.UsageReports;
import com.vidugateway.domain.task.FailureCode;
import com.vidugateway.domain.task.TaskStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Usage summed by the database from the tasks' charge columns (migration 11): one grouped query per report, by client,
 * group and status, folded here into one line per client and group.
 */
public final class JdbcUsageReports implements UsageReports {

    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

    private static final String SUMS = "COUNT(*),"
            + " COALESCE(SUM(CASE WHEN status = 'SUCCESS' THEN duration_seconds END), 0),"
            + " COALESCE(SUM(CASE WHEN charge_state IN ('RESERVED', 'UNKNOWN') THEN charge_cny END), 0),"
            + " COALESCE(SUM(CASE WHEN charge_state = 'SETTLED' THEN charge_cny END), 0)";

    private final Database database;

    /** @param dataSource a migrated database ({@link DatabaseMigrations#migrate}) */
    public JdbcUsageReports(DataSource dataSource) {
        this.database = new Database(dataSource);
    }

    @Override
    public List<UsageLine> usage(String client, Instant from, Instant to, GroupBy groupBy) {
        // Days are whole UTC days from the epoch: integer division of epoch milliseconds, the same in H2 and PostgreSQL.
        String group = groupBy == GroupBy.DAY ? "accepted_at / " + DAY_MILLIS : "COALESCE(model, '')";
        String sql = "SELECT owner, " + group + " AS grp, status, " + SUMS + " FROM video_task"
                + " WHERE accepted_at >= ? AND accepted_at < ?" + (client == null ? "" : " AND owner = ?")
                + " GROUP BY owner, " + group + ", status ORDER BY owner, grp";
        List<Row> rows = database.query("report usage", sql, statement -> {
            statement.setLong(1, from.toEpochMilli());
            statement.setLong(2, to.toEpochMilli());
            if (client != null) {
                statement.setString(3, client);
            }
        }, row -> new Row(row.getString(1), groupBy == GroupBy.DAY
                ? LocalDate.ofEpochDay(row.getLong(2)).toString() : modelName(row.getString(2)),
                TaskStatus.valueOf(row.getString(3)), row.getLong(4), row.getLong(5), row.getBigDecimal(6),
                row.getBigDecimal(7)));
        return fold(rows);
    }

    @Override
    public List<UsageLine> totals() {
        List<Row> rows = database.query("sum every client's usage", "SELECT owner, status, " + SUMS
                + " FROM video_task GROUP BY owner, status ORDER BY owner", statement -> { },
                row -> new Row(row.getString(1), "", TaskStatus.valueOf(row.getString(2)), row.getLong(3),
                        row.getLong(4), row.getBigDecimal(5), row.getBigDecimal(6)));
        return fold(rows);
    }

    /** By the column; Failures written before version 12 have none, and are classified from their messages. */
    @Override
    public Map<FailureCode, Long> failuresByCode() {
        Map<FailureCode, Long> counts = new EnumMap<>(FailureCode.class);
        database.query("count failures by code", "SELECT failure_code, COUNT(*) FROM video_task WHERE status = 'FAILURE'"
                + " AND failure_code IS NOT NULL GROUP BY failure_code", statement -> { },
                row -> Map.entry(row.getString(1), row.getLong(2)))
                .forEach(count -> FailureCode.fromCode(count.getKey())
                        .ifPresent(code -> counts.merge(code, count.getValue(), Long::sum)));
        database.query("classify older failures", "SELECT error_message FROM video_task WHERE status = 'FAILURE'"
                + " AND failure_code IS NULL", statement -> { }, row -> FailureCode.of(row.getString(1)))
                .forEach(code -> counts.merge(code, 1L, Long::sum));
        return counts;
    }

    private static String modelName(String stored) {
        // Tasks stored before version 10 have no model column.
        return stored == null || stored.isEmpty() ? "unknown" : stored;
    }

    private record Row(String client, String group, TaskStatus status, long tasks, long videoSeconds,
                       BigDecimal reserved, BigDecimal settled) {}

    private static List<UsageLine> fold(List<Row> rows) {
        Map<List<String>, List<Row>> byLine = new LinkedHashMap<>();
        for (Row row : rows) {
            byLine.computeIfAbsent(List.of(row.client(), row.group()), key -> new ArrayList<>()).add(row);
        }
        List<UsageLine> lines = new ArrayList<>();
        byLine.forEach((key, parts) -> {
            Map<TaskStatus, Long> tasks = new EnumMap<>(TaskStatus.class);
            long seconds = 0;
            BigDecimal reserved = BigDecimal.ZERO;
            BigDecimal settled = BigDecimal.ZERO;
            for (Row part : parts) {
                tasks.merge(part.status(), part.tasks(), Long::sum);
                seconds += part.videoSeconds();
                reserved = reserved.add(part.reserved());
                settled = settled.add(part.settled());
            }
            lines.add(new UsageLine(key.get(0), key.get(1), tasks, seconds, reserved.stripTrailingZeros(),
                    settled.stripTrailingZeros()));
        });
        lines.sort(java.util.Comparator.comparing(UsageLine::client).thenComparing(UsageLine::group));
        return lines;
    }
}
