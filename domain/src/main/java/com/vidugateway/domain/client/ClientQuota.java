package com.vidugateway.domain.client;

import com.vidugateway.domain.text.Sentence;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a client may start one more task: its limits (a deployment's defaults filling what the client leaves
 * unset) against what it uses now. Checked where the task is stored, in the same transaction as the reservation, so
 * that racing submits on any instance cannot overspend.
 *
 * @param defaults the deployment-wide limits
 */
public record ClientQuota(ClientLimits defaults) {

    /** No limits anywhere: the gateway as it was before clients had any. */
    public static final ClientQuota NONE = new ClientQuota(ClientLimits.NONE);

    /** When a client over its concurrency limit is told to try again: about when a short task ends. */
    public static final Duration CONCURRENCY_RETRY_AFTER = Duration.ofSeconds(15);

    public ClientQuota {
        Objects.requireNonNull(defaults, "defaults");
    }

    /** The stable codes a refused client sees (the first is OpenAI's), and the HTTP status they travel with (429). */
    public enum Limit {
        BUDGET("insufficient_quota"),
        CONCURRENCY("concurrency_limit"),
        STORAGE("storage_quota");

        private final String code;

        Limit(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /**
     * Why a task may not start: which limit, and a sentence with the figures (remaining budget and the estimate, the
     * running count, the storage used).
     *
     * @param retryAfter when trying again may succeed; null when only a change of limits or the next month helps
     */
    public record Refusal(Limit limit, Sentence reason, Duration retryAfter) {
        public Refusal {
            Objects.requireNonNull(limit, "limit");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The client's limits as they apply: its own, and the defaults where it has none. */
    public ClientLimits effective(ClientLimits own) {
        return own == null ? defaults : own.orElse(defaults);
    }

    /** Whether any limit applies to a client with these limits (a store skips measuring usage when none does). */
    public boolean limits(ClientLimits own) {
        return !effective(own).isNone();
    }

    /**
     * @param own        the client's own limits; null for a client without a row (it has the defaults)
     * @param usage      what the client uses now, without the new task
     * @param estimate   what the new task reserves, in CNY
     * @param imageBytes what the new task's inline images add to the client's storage
     */
    public Optional<Refusal> check(ClientLimits own, ClientUsage usage, BigDecimal estimate, long imageBytes) {
        ClientLimits limits = effective(own);
        if (limits.monthlyBudgetCny() != null
                && usage.spentThisMonthCny().add(estimate).compareTo(limits.monthlyBudgetCny()) > 0) {
            BigDecimal remaining = usage.remainingBudget(limits).orElseThrow();
            return Optional.of(new Refusal(Limit.BUDGET, Sentence.of("rule.quota.budget",
                    "remaining", yuan(remaining), "estimate", yuan(estimate), "budget", yuan(limits.monthlyBudgetCny())),
                    null));
        }
        if (limits.concurrentTasks() != null && usage.runningTasks() >= limits.concurrentTasks()) {
            return Optional.of(new Refusal(Limit.CONCURRENCY, Sentence.of("rule.quota.concurrency",
                    "running", usage.runningTasks(), "limit", limits.concurrentTasks()), CONCURRENCY_RETRY_AFTER));
        }
        if (limits.storedBytes() != null && imageBytes > 0
                && usage.storedBytes() + imageBytes > limits.storedBytes()) {
            return Optional.of(new Refusal(Limit.STORAGE, Sentence.of("rule.quota.storage",
                    "used", ByteSizes.format(usage.storedBytes()), "adding", ByteSizes.format(imageBytes),
                    "limit", ByteSizes.format(limits.storedBytes())), null));
        }
        return Optional.empty();
    }

    /** An amount as people read yuan: two decimals at least, more only when the price list has them. */
    public static String yuan(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return (stripped.scale() < 2 ? amount.setScale(2, RoundingMode.UNNECESSARY) : stripped).toPlainString();
    }
}
