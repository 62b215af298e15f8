package com.vidugateway.application.service;

import com.vidugateway.application.port.in.GetVideoTask;
import com.vidugateway.application.port.in.WatchTaskEvents;
import com.vidugateway.application.port.out.TaskChanges;
import com.vidugateway.domain.catalogue.PriceLatencyTable;
import com.vidugateway.domain.catalogue.Resolution;
import com.vidugateway.domain.task.Progress;
import com.vidugateway.domain.task.TaskStatusView;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * @param statuses the status answers, from memory where a server keeps them ({@link StatusMemory}), else the store
 */
public record TaskEventsService(TaskChanges changes, GetVideoTask statuses, PriceLatencyTable latencies, Clock clock)
        implements WatchTaskEvents {

    @Override
    public long latest() {
        return changes.latest();
    }

    @Override
    public List<TaskChanges.Change> changesAfter(long after, int limit) {
        return changes.after(after, limit);
    }

    @Override
    public Optional<TaskEvent> eventOf(String owner, TaskChanges.Change change) {
        Optional<TaskStatusView> status = statuses.rememberedStatus(owner, change.id())
                .or(() -> statuses.status(owner, change.id()));
        return status.map(view -> new TaskEvent(change.number(), view,
                Progress.estimate(view.status(), view.acceptedAt(), clock.instant(), typical(view))));
    }

    /**
     * The provider's typical time for the task's length: a status answer does not carry the model or resolution, so the
     * published viduq2 720p time of that length stands for it (an estimate of an estimate, for a progress bar).
     */
    private Duration typical(TaskStatusView view) {
        return latencies.expectedGenerationTime("viduq2", view.duration(), Resolution.P720);
    }
}
