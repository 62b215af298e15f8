package com.vidugateway.domain.client;

import com.vidugateway.domain.validation.Violation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What a client may use: a monthly budget in CNY (the price table's currency), a number of tasks running at once, and
 * bytes stored (reference images and videos). Each is optional: null means no limit of the client's own, and then
 * the deployment's default applies ({@link #orElse}); a deployment without a default has no limit.
 *
 * @param monthlyBudgetCny spend allowed per calendar month (UTC), reserved at accept and settled at the end
 * @param concurrentTasks  tasks accepted and not yet ended
 * @param storedBytes      bytes of the client's kept images and videos
 */
public record ClientLimits(BigDecimal monthlyBudgetCny, Integer concurrentTasks, Long storedBytes) {

    public static final ClientLimits NONE = new ClientLimits(null, null, null);

    /** The largest budget a client may have: more than the provider would bill in a lifetime, small enough for SQL. */
    private static final BigDecimal MAX_BUDGET = new BigDecimal("1000000000");

    public ClientLimits {
        if (monthlyBudgetCny != null && (monthlyBudgetCny.signum() < 0 || monthlyBudgetCny.compareTo(MAX_BUDGET) > 0)) {
            throw new IllegalArgumentException("a budget is between 0 and " + MAX_BUDGET + " CNY: " + monthlyBudgetCny);
        }
        if (concurrentTasks != null && concurrentTasks < 1) {
            throw new IllegalArgumentException("a concurrency limit is 1 or more: " + concurrentTasks);
        }
        if (storedBytes != null && storedBytes < 1) {
            throw new IllegalArgumentException("a storage quota is 1 byte or more: " + storedBytes);
        }
    }

    /** Each limit this one leaves unset taken from {@code defaults}. */
    public ClientLimits orElse(ClientLimits defaults) {
        return new ClientLimits(monthlyBudgetCny != null ? monthlyBudgetCny : defaults.monthlyBudgetCny,
                concurrentTasks != null ? concurrentTasks : defaults.concurrentTasks,
                storedBytes != null ? storedBytes : defaults.storedBytes);
    }

    /** This client's limits with those {@code changes} sets (a limit changes, the others stay). */
    public ClientLimits with(ClientLimits changes) {
        return changes.orElse(this);
    }

    public boolean isNone() {
        return monthlyBudgetCny == null && concurrentTasks == null && storedBytes == null;
    }

    /**
     * Limits as an operator types them; a null or blank text sets nothing. Every bad value is reported, each naming its
     * field ({@code budget}, {@code concurrency}, {@code storage}).
     *
     * @param budget      yuan, such as {@code 3} or {@code 12.50}
     * @param concurrency a whole number of tasks, 1 or more
     * @param storage     a size such as {@code 500MiB}, {@code 2g} or {@code 1048576} ({@link ByteSizes})
     * @throws InvalidClientInput naming every field that is wrong
     */
    public static ClientLimits parse(String budget, String concurrency, String storage) {
        List<Violation> violations = new ArrayList<>();
        BigDecimal budgetCny = null;
        if (isGiven(budget)) {
            try {
                budgetCny = new BigDecimal(budget.strip());
                if (budgetCny.signum() < 0 || budgetCny.compareTo(MAX_BUDGET) > 0 || budgetCny.scale() > 5) {
                    violations.add(Violation.of("budget", "rule.client.budget", "value", budget.strip()));
                    budgetCny = null;
                }
            } catch (NumberFormatException e) {
                violations.add(Violation.of("budget", "rule.client.budget", "value", budget.strip()));
            }
        }
        Integer tasks = null;
        if (isGiven(concurrency)) {
            try {
                tasks = Integer.valueOf(concurrency.strip());
            } catch (NumberFormatException e) {
                tasks = 0;
            }
            if (tasks < 1) {
                violations.add(Violation.of("concurrency", "rule.client.concurrency", "value", concurrency.strip()));
                tasks = null;
            }
        }
        Long bytes = null;
        if (isGiven(storage)) {
            try {
                bytes = ByteSizes.parse("storage", storage);
            } catch (IllegalArgumentException e) {
                violations.add(Violation.of("storage", "rule.client.storage", "value", storage.strip()));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidClientInput(violations);
        }
        return new ClientLimits(budgetCny, tasks, bytes);
    }

    private static boolean isGiven(String text) {
        return text != null && !text.isBlank();
    }
}
