package com.vidugateway.adapter.modelverse;

import com.vidugateway.application.port.out.ProviderFailure;
import com.vidugateway.application.port.out.ProviderTask;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.wire.ProviderWire;
import java.time.Instant;
import java.util.Map;

/**
 * The provider's status answer as a {@link ProviderTask}; a request goes out through
 * {@link com.vidugateway.wire.WireRequests}, the mapping the REST API and the CLI show too.
 */
final class WireMapper {

    private static final Map<String, TaskStatus> PROVIDER_STATES = Map.of(
            "Pending", TaskStatus.PENDING,
            "Running", TaskStatus.RUNNING,
            "Success", TaskStatus.SUCCESS,
            "Failure", TaskStatus.FAILURE);

    private WireMapper() {}

    static ProviderTask task(ProviderWire.StatusResponse response, String askedFor, String rawBody) throws ProviderFailure.MalformedResponse {
        ProviderWire.StatusOutput output = response.output();
        if (output == null || output.taskStatus() == null) {
            throw new ProviderFailure.MalformedResponse("Modelverse answered the status of " + askedFor
                    + " without output.task_status: " + Snippet.of(rawBody));
        }
        TaskStatus status = PROVIDER_STATES.get(output.taskStatus());
        if (status == null) {
            throw new ProviderFailure.MalformedResponse("Modelverse answered task_status '" + output.taskStatus()
                    + "' for " + askedFor + ", which its documentation does not name (Pending, Running, Success, Failure)");
        }
        String taskId = output.taskId() == null || output.taskId().isBlank() ? askedFor : output.taskId();
        return new ProviderTask(
                taskId,
                status,
                output.urls(),
                seconds(output.submitTime()),
                seconds(output.finishTime()),
                output.errorMessage() == null || output.errorMessage().isEmpty() ? null : output.errorMessage(),
                response.usage() == null ? null : response.usage().duration(),
                response.requestId());
    }

    private static Instant seconds(Long epochSeconds) {
        return epochSeconds == null || epochSeconds == 0 ? null : Instant.ofEpochSecond(epochSeconds);
    }
}
