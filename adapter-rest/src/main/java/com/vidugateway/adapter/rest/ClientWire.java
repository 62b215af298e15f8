package com.vidugateway.adapter.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.vidugateway.application.port.in.ManageClients;
import com.vidugateway.application.port.out.Clients;
import com.vidugateway.application.port.out.UsageReports;
import com.vidugateway.domain.client.ClientLimits;
import com.vidugateway.domain.task.TaskStatus;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON of clients, accounts and usage: {@code /v1/account}, {@code /v1/usage}, {@code /v1/admin/clients}. */
final class ClientWire {

    private ClientWire() {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "ClientLimits", description = "Limits as they apply (null: no limit)")
    record LimitsJson(@JsonProperty("monthly_budget_cny") BigDecimal monthlyBudgetCny,
                      @JsonProperty("concurrent_tasks") Integer concurrentTasks,
                      @JsonProperty("stored_bytes") Long storedBytes) {
        static LimitsJson of(ClientLimits limits) {
            return new LimitsJson(limits.monthlyBudgetCny(), limits.concurrentTasks(), limits.storedBytes());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "ClientThisMonth", description = "What the client uses now: spend of this calendar month (UTC),"
            + " reserved and settled; tasks running; bytes of images and videos kept")
    record ThisMonthJson(@JsonProperty("spent_cny") BigDecimal spentCny,
                         @JsonProperty("running_tasks") long runningTasks,
                         @JsonProperty("stored_bytes") long storedBytes) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "ClientKey", description = "A key as it is known after it was made: its prefix only")
    record KeyJson(String prefix, @JsonProperty("created_at") long createdAt,
                   @JsonProperty("revoked_at") Long revokedAt) {}

    /**
     * A client's account: {@code limits} as they apply (its own, the deployment's default where it has none),
     * {@code own_limits} what was set for it; {@code keys} only in the operator's answers.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    @Schema(name = "ClientAccount")
    record AccountJson(String client, LimitsJson limits, @JsonProperty("own_limits") LimitsJson ownLimits,
                       @JsonProperty("this_month") ThisMonthJson thisMonth,
                       @JsonProperty("remaining_budget_cny") @JsonInclude(JsonInclude.Include.ALWAYS)
                       BigDecimal remainingBudgetCny,
                       List<KeyJson> keys) {

        static AccountJson of(ManageClients.Account account, boolean withKeys) {
            Clients.Client client = account.client();
            return new AccountJson(client.name(), LimitsJson.of(account.effective()), LimitsJson.of(client.limits()),
                    new ThisMonthJson(account.usage().spentThisMonthCny().stripTrailingZeros(),
                            account.usage().runningTasks(), account.usage().storedBytes()),
                    account.remainingBudget().map(BigDecimal::stripTrailingZeros).orElse(null),
                    withKeys ? client.keys().stream().map(key -> new KeyJson(key.prefix(),
                            key.createdAt().getEpochSecond(),
                            key.revokedAt() == null ? null : key.revokedAt().getEpochSecond())).toList() : null);
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "ClientList")
    record AccountListJson(String object, List<AccountJson> data) {}

    /** A key made now: shown in this answer only. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "NewClientKey", description = "A new key: `key` is shown in this answer only; the gateway keeps its"
            + " hash and `prefix`")
    record NewKeyJson(String client, String key, String prefix) {
        static NewKeyJson of(ManageClients.NewKey key) {
            return new NewKeyJson(key.client(), key.key(), key.prefix());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "RevokedClientKey")
    record RevokedJson(String client, String prefix, boolean revoked) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "UsageFigures")
    record FiguresJson(@Schema(description = "tasks by status (display names), non-zero counts only")
                       Map<String, Long> tasks,
                       @JsonProperty("video_seconds") long videoSeconds,
                       @JsonProperty("reserved_cny") BigDecimal reservedCny,
                       @JsonProperty("settled_cny") BigDecimal settledCny) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "UsageLine")
    record LineJson(String client, @Schema(description = "the day (YYYY-MM-DD, UTC) or the model") String group,
                    Map<String, Long> tasks,
                    @JsonProperty("video_seconds") long videoSeconds,
                    @JsonProperty("reserved_cny") BigDecimal reservedCny,
                    @JsonProperty("settled_cny") BigDecimal settledCny) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "Usage", description = "Tasks accepted from `from` to `to` (days, UTC, both included), per client"
            + " and day or model: tasks by status, seconds of video made, spend reserved (tasks not ended, or whose"
            + " outcome is unknown) and settled (Success), in CNY")
    record UsageJson(String object, String from, String to, @JsonProperty("group_by") String groupBy, String currency,
                     List<LineJson> data, FiguresJson total) {

        static UsageJson of(String from, String to, UsageReports.GroupBy groupBy, List<UsageReports.UsageLine> lines) {
            UsageReports.UsageLine total = UsageReports.UsageLine.sum("", "", lines);
            return new UsageJson("usage", from, to, groupBy.name().toLowerCase(java.util.Locale.ROOT), "CNY",
                    lines.stream().map(line -> new LineJson(line.client(), line.group(), byName(line.tasks()),
                            line.videoSeconds(), line.reservedCny().stripTrailingZeros(),
                            line.settledCny().stripTrailingZeros())).toList(),
                    new FiguresJson(byName(total.tasks()), total.videoSeconds(), total.reservedCny().stripTrailingZeros(),
                            total.settledCny().stripTrailingZeros()));
        }
    }

    /** Counts by status display name, in lifecycle order, zeros left out. */
    static Map<String, Long> byName(Map<TaskStatus, Long> counts) {
        Map<String, Long> named = new LinkedHashMap<>();
        for (TaskStatus status : TaskStatus.values()) {
            long count = counts.getOrDefault(status, 0L);
            if (count > 0) {
                named.put(status.displayName(), count);
            }
        }
        return named;
    }
}
