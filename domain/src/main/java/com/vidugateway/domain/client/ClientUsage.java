package com.vidugateway.domain.client;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What a client uses now, as its limits measure it.
 *
 * @param spentThisMonthCny charges of the tasks accepted this calendar month (UTC) that still count ({@link Charge})
 * @param runningTasks      tasks accepted and not ended
 * @param storedBytes       bytes of the client's kept images and videos
 */
public record ClientUsage(BigDecimal spentThisMonthCny, long runningTasks, long storedBytes) {

    public static final ClientUsage NOTHING = new ClientUsage(BigDecimal.ZERO, 0, 0);

    public ClientUsage {
        Objects.requireNonNull(spentThisMonthCny, "spentThisMonthCny");
    }

    /** What is left of {@code limits}' budget (never below 0); empty without a budget. */
    public java.util.Optional<BigDecimal> remainingBudget(ClientLimits limits) {
        if (limits.monthlyBudgetCny() == null) {
            return java.util.Optional.empty();
        }
        BigDecimal left = limits.monthlyBudgetCny().subtract(spentThisMonthCny);
        return java.util.Optional.of(left.signum() < 0 ? BigDecimal.ZERO : left);
    }
}
