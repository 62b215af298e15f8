package com.vidugateway.application.port.out;

import com.vidugateway.domain.task.TaskStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What clients spent and made, summed by the task database. */
public interface UsageReports {

    enum GroupBy { DAY, MODEL }

    /**
     * The tasks accepted in [{@code from}, {@code to}), per client and group, ordered by client then group.
     *
     * @param client one client's lines; null for every client's
     */
    List<UsageLine> usage(String client, Instant from, Instant to, GroupBy groupBy);

    /** Every Failure stored, by its code ({@link com.vidugateway.domain.task.FailureCode}). */
    Map<com.vidugateway.domain.task.FailureCode, Long> failuresByCode();

    /** Every client's charges since the first task: settled spend and tasks by end (for counters that only grow). */
    List<UsageLine> totals();

    /**
     * One line of a report.
     *
     * @param group        the day (ISO date, UTC) or the model; empty for {@link #totals()}
     * @param tasks        how many tasks are in each status
     * @param videoSeconds seconds of video made (Success)
     * @param reservedCny  charges held by tasks not ended, or whose outcome is unknown
     * @param settledCny   charges of Successes
     */
    record UsageLine(String client, String group, Map<TaskStatus, Long> tasks, long videoSeconds, BigDecimal reservedCny,
                     BigDecimal settledCny) {
        public UsageLine {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(group, "group");
            tasks = Map.copyOf(tasks);
            Objects.requireNonNull(reservedCny, "reservedCny");
            Objects.requireNonNull(settledCny, "settledCny");
        }

        /** The lines added up (a report's total), under {@code client} and {@code group}. */
        public static UsageLine sum(String client, String group, List<UsageLine> lines) {
            Map<TaskStatus, Long> tasks = new java.util.EnumMap<>(TaskStatus.class);
            long seconds = 0;
            BigDecimal reserved = BigDecimal.ZERO;
            BigDecimal settled = BigDecimal.ZERO;
            for (UsageLine line : lines) {
                line.tasks().forEach((status, count) -> tasks.merge(status, count, Long::sum));
                seconds += line.videoSeconds();
                reserved = reserved.add(line.reservedCny());
                settled = settled.add(line.settledCny());
            }
            return new UsageLine(client, group, tasks, seconds, reserved, settled);
        }
    }
}
