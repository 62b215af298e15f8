package com.vidugateway.adapter.rest;

import com.vidugateway.application.port.in.ManageClients;
import com.vidugateway.application.port.in.ReportUsage;
import com.vidugateway.application.port.out.UsageReports;
import com.vidugateway.domain.text.Sentence;
import com.vidugateway.domain.validation.Violation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a client spent and made: {@code GET /v1/account} (its limits, this month's use and the budget left, which the
 * console shows beside an estimate) and {@code GET /v1/usage} (tasks, seconds of video and spend over days, by day or
 * model). With the operator's key, {@code /v1/usage} covers every client (or the one {@code client} names).
 */
@Controller("/v1")
@Tag(name = "Gateway extensions")
@SecurityRequirement(name = "apiKey")
final class UsageController {

    /** The longest range one report covers: a year, leap day included. */
    static final int MOST_DAYS = 366;

    private final ReportUsage usage;
    private final ManageClients clients;
    private final Clock clock;

    UsageController(ReportUsage usage, ManageClients clients, Clock clock) {
        this.usage = usage;
        this.clients = clients;
        this.clock = clock;
    }

    @Get(uri = "/account", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(operationId = "getAccount", summary = "The caller's limits and this month's use",
            description = "`limits` as they apply (the client's own, the deployment's default where it has none; null:"
                    + " no limit), `this_month` (spend reserved and settled, tasks running, bytes kept) and"
                    + " `remaining_budget_cny` (null without a budget).")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ClientWire.AccountJson.class)))
    HttpResponse<?> account(HttpRequest<?> request) {
        if (GatewayFilter.isOperator(request)) {
            return ApiError.forbidden(Sentence.of("api.auth.operator_not_client")).response(request);
        }
        String owner = ProviderTasksController.owner(request);
        return HttpResponse.ok(ClientWire.AccountJson.of(clients.accountOf(owner), false));
    }

    @Get(uri = "/usage", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(operationId = "getUsage", summary = "Spend and tasks over days",
            description = "Tasks accepted from `from` to `to` (UTC days, both included; default: this month so far),"
                    + " per day or per model: tasks by status, seconds of video, spend reserved and settled (CNY). The"
                    + " caller's own; with the operator key (VIDU_ADMIN_KEY), every client's or `client`'s.")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ClientWire.UsageJson.class)))
    @ApiResponse(responseCode = "400", description = "A date that is not YYYY-MM-DD, a range backwards or over 366"
            + " days, an unknown group_by", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RestWire.ErrorResponse.class)))
    HttpResponse<?> usage(HttpRequest<?> request,
                          @Parameter(description = "first day, YYYY-MM-DD (UTC)") @Nullable @QueryValue String from,
                          @Parameter(description = "last day, YYYY-MM-DD (UTC), included") @Nullable @QueryValue String to,
                          @Parameter(description = "day (default) or model") @Nullable @QueryValue("group_by") String groupBy,
                          @Parameter(description = "operator only: one client's usage") @Nullable @QueryValue String client) {
        List<Violation> violations = new ArrayList<>();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate first = date("from", from, today.withDayOfMonth(1), violations);
        LocalDate last = date("to", to, today, violations);
        UsageReports.GroupBy grouping = UsageReports.GroupBy.DAY;
        if (groupBy != null && !groupBy.isBlank()) {
            try {
                grouping = UsageReports.GroupBy.valueOf(groupBy.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                violations.add(Violation.of("group_by", "api.usage.group_by", "value",
                        SubmitBodyReader.abbreviate(groupBy)));
            }
        }
        if (first != null && last != null && (first.isAfter(last) || ChronoUnit.DAYS.between(first, last) >= MOST_DAYS)) {
            violations.add(Violation.of("to", "api.usage.range", "from", first, "to", last));
        }
        if (!violations.isEmpty()) {
            return ApiError.invalid(violations).response(request);
        }
        String whose = GatewayFilter.isOperator(request) ? blankToNull(client) : ProviderTasksController.owner(request);
        List<UsageReports.UsageLine> lines = usage.usage(whose, first.atStartOfDay(ZoneOffset.UTC).toInstant(),
                last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), grouping);
        return HttpResponse.ok(ClientWire.UsageJson.of(first.toString(), last.toString(), grouping, lines));
    }

    private static LocalDate date(String field, String text, LocalDate otherwise, List<Violation> violations) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            violations.add(Violation.of(field, "api.usage.date", "value", SubmitBodyReader.abbreviate(text)));
            return null;
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
