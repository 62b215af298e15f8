package com.vidugateway.application.service;

import com.vidugateway.application.port.in.ReportUsage;
import com.vidugateway.application.port.out.UsageReports;
import java.time.Instant;
import java.util.List;

public record ReportUsageService(UsageReports reports) implements ReportUsage {

    @Override
    public List<UsageReports.UsageLine> usage(String client, Instant from, Instant to, UsageReports.GroupBy groupBy) {
        if (!from.isBefore(to)) {
            return List.of();
        }
        return reports.usage(client, from, to, groupBy);
    }

    @Override
    public List<UsageReports.UsageLine> totals() {
        return reports.totals();
    }

    @Override
    public java.util.Map<com.vidugateway.domain.task.FailureCode, Long> failuresByCode() {
        return reports.failuresByCode();
    }
}
