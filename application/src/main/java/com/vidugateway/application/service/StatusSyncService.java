package com.vidugateway.application.service;

import com.vidugateway.application.port.in.SyncVideoTasks;
import com.vidugateway.application.port.out.VideoTasks;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.VideoTask;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The background status sync: takes a batch of the checks that are due under a lease (so that two instances, or a
 * server and a CLI, on the same store never handle one task at once), and lets the worker move each on. After a
 * crash nothing is lost: every task's next check is in the store, and a dead instance's leases are handed on.
 */
record StatusSyncService(VideoTasks tasks, TaskWorker worker, Clock clock, SyncSettings settings)
        implements SyncVideoTasks {

    @Override
    public int syncDue() {
        if (worker.isLeaving()) {
            // A graceful stop: this instance claims nothing more; what it holds is handed back when it leaves.
            return 0;
        }
        Instant now = clock.instant();
        int looked = 0;
        for (VideoTasks.Check check : tasks.claimDue(now, settings.batchSize(), now.plus(settings.lease()))) {
            if (Thread.currentThread().isInterrupted() || worker.isLeaving()) {
                // The rest stay claimed until this instance leaves (its leases are handed back) or they run out.
                break;
            }
            if (checkClaimed(check).isPresent()) {
                looked++;
            }
        }
        return looked;
    }

    /** Checks one task if its check is due and nobody else holds it. */
    Optional<VideoTask> checkIfDue(TaskId id) {
        return tasks.checkOf(id)
                .filter(check -> !check.dueAt().isAfter(clock.instant()))
                .filter(check -> tasks.claim(check, clock.instant().plus(settings.lease())))
                .flatMap(this::checkClaimed);
    }

    private Optional<VideoTask> checkClaimed(VideoTasks.Check check) {
        Optional<VideoTask> task = tasks.find(check.id());
        if (task.isEmpty()) {
            tasks.schedule(check.id(), null, 0);
            return Optional.empty();
        }
        try {
            return Optional.of(worker.check(task.get(), check));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // The lease runs out and the check falls due again: nothing is lost.
            return task;
        } catch (RuntimeException e) {
            // A task that cannot be handled now (a store hiccup) is tried again later, not dropped.
            tasks.schedule(check.id(), clock.instant().plus(settings.retryBackoff()), check.attempts() + 1);
            return task;
        }
    }
}
