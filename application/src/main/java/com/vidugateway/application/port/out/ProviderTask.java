package com.vidugateway.application.port.out;

import com.vidugateway.domain.task.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A task as the provider reports it ({@code GET /v1/tasks/status}).
 *
 * @param taskId        the provider's task id
 * @param status        one of the provider's states: Pending, Running, Success, Failure
 * @param urls          result video URLs (short-lived on the provider's side); empty unless Success
 * @param submitTime    when the provider took the task; null if not reported
 * @param finishTime    when it ended; null while running
 * @param errorMessage  why it failed; null unless Failure
 * @param usageSeconds  the video's length in seconds; null if not reported
 * @param requestId     the provider's id of this status request
 */
public record ProviderTask(
        String taskId,
        TaskStatus status,
        List<String> urls,
        Instant submitTime,
        Instant finishTime,
        String errorMessage,
        Integer usageSeconds,
        String requestId) {

    public ProviderTask {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(status, "status");
        if (status.providerView() != status) {
            throw new IllegalArgumentException(status + " is the gateway's own state, not the provider's");
        }
        urls = urls == null ? List.of() : List.copyOf(urls);
        requestId = requestId == null ? "" : requestId;
    }
}
