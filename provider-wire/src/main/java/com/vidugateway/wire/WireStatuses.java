package com.vidugateway.wire;

import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.TaskStatusView;
import java.time.Instant;
import java.util.List;

/**
 * A task's status in the provider's shape, as the REST API answers it and a webhook carries it: the one mapping from
 * {@link TaskStatusView}. {@code urls} point at the gateway's own copy of the video once it holds one.
 */
public final class WireStatuses {

    private WireStatuses() {}

    /** @param base the gateway's URL as the client reaches it, without a trailing slash */
    public static ProviderWire.StatusResponse status(TaskStatusView task, String base, String requestId) {
        TaskStatus shown = task.status().providerView();
        return new ProviderWire.StatusResponse(
                new ProviderWire.StatusOutput(task.id().value(), shown.displayName(),
                        urls(task.id(), task.status(), task.videoKept(), task.resultUrls(), base),
                        seconds(task.acceptedAt()), seconds(task.endedAt()),
                        shown == TaskStatus.FAILURE ? task.errorMessage() : null),
                new ProviderWire.Usage(task.duration()),
                requestId);
    }

    /**
     * The status an earlier event announced, from the answer as it is now: that status, without what only a later
     * state has (urls, finish time, error). A webhook of an earlier change does not leak a later one.
     */
    public static ProviderWire.StatusResponse asOf(ProviderWire.StatusResponse now, TaskStatus announced) {
        ProviderWire.StatusOutput output = now.output();
        if (output.taskStatus().equals(announced.displayName())) {
            return now;
        }
        return new ProviderWire.StatusResponse(new ProviderWire.StatusOutput(output.taskId(), announced.displayName(),
                null, output.submitTime(), null, null), now.usage(), now.requestId());
    }

    /** The gateway's copy when it keeps one; the provider's URLs of a success it does not; none otherwise. */
    public static List<String> urls(TaskId id, TaskStatus status, boolean videoKept, List<String> resultUrls,
                                    String base) {
        if (videoKept) {
            return List.of(videoUrl(id, base));
        }
        if (status == TaskStatus.SUCCESS && !resultUrls.isEmpty()) {
            return resultUrls;
        }
        return null;
    }

    /** Where the gateway serves a task's video. */
    public static String videoUrl(TaskId id, String base) {
        return base + "/v1/tasks/" + id.value() + "/video";
    }

    /** Unix seconds, as the provider writes times. */
    public static Long seconds(Instant instant) {
        return instant == null ? null : instant.getEpochSecond();
    }
}
