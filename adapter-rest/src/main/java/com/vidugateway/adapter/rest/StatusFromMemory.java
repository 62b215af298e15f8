package com.vidugateway.adapter.rest;

import com.vidugateway.application.port.in.GetVideoTask;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatusView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v1/tasks/status} answered from memory ({@link GetVideoTask#rememberedStatus}: no I/O) before the route
 * runs: the hot path of every client that polls. Answering here skips the route's argument binding and its
 * asynchronous result, which measured 0.57 → 0.69 of a constant endpoint on the same server (BENCHMARKS.md, issue
 * 19). Whatever memory does not hold — and every request this filter cannot read — goes on to
 * {@link ProviderTasksController#status}, which says what is wrong or reads the database; the answer is the same
 * either way. Runs after {@link GatewayFilter}, which decided the owner.
 */
@ServerFilter(ProviderTasksController.STATUS_PATH)
final class StatusFromMemory implements Ordered {

    private final GetVideoTask get;
    private final ProviderTasksController controller;

    StatusFromMemory(GetVideoTask get, ProviderTasksController controller) {
        this.get = get;
        this.controller = controller;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.after();
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> answer(HttpRequest<?> request) {
        // The attribute and the parameter read as they are, without Micronaut's conversion service (measurable here).
        Object owner = request.getAttribute(GatewayFilter.OWNER).orElse(null);
        List<String> taskIds = request.getMethod() == HttpMethod.GET ? request.getParameters().getAll("task_id")
                : List.of();
        Optional<TaskId> id = owner == null || taskIds.isEmpty() ? Optional.empty()
                : ProviderTasksController.parse(taskIds.get(0));
        Optional<TaskStatusView> known = id.flatMap(given -> get.rememberedStatus(owner.toString(), given));
        return known.map(view -> controller.statusAnswer(request, view, GatewayFilter.requestId(request)))
                .orElse(null);
    }
}
