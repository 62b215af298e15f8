package com.vidugateway.application.port.in;

import com.vidugateway.application.port.out.UsageReports;
import java.time.Instant;
import java.util.List;

/** What clients spent and made over a time ({@code GET /v1/usage}, {@code vidu usage}). */
public interface ReportUsage {

    /**
     * @param client one client's usage; null for every client's (an operator)
     * @param from   first instant counted (by the tasks' acceptance)
     * @param to     first instant not counted
     */
    List<UsageReports.UsageLine> usage(String client, Instant from, Instant to, UsageReports.GroupBy groupBy);

    /** Every client's usage since its first task, one line each (for counters that only grow). */
    List<UsageReports.UsageLine> totals();

    /** Every Failure stored, by its code. */
    java.util.Map<com.vidugateway.domain.task.FailureCode, Long> failuresByCode();
}
