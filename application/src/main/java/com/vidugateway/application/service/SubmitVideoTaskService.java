package com.vidugateway.application.service;

import com.vidugateway.application.port.in.SubmitVideoTask;
import com.vidugateway.application.port.out.TaskStore;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.client.ClientQuota;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.VideoTask;
import com.vidugateway.domain.validation.Validation;
import com.vidugateway.domain.request.VideoRequestDraft;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;

/** @param quota the limits every owner's new task is checked against, where it is stored */
record SubmitVideoTaskService(ModelCatalogue catalogue, TaskStore tasks, TaskWorker worker, Clock clock, ImageIntake images,
                              ClientQuota quota)
        implements SubmitVideoTask {

    @Override
    public Result submit(Command command) {
        try (ImageIntake.Staging staging = images.stage(command.draft())) {
            return submit(command, staging.draft());
        } catch (IOException e) {
            throw new UncheckedIOException("the reference images could not be stored: " + e.getMessage(), e);
        }
    }

    private Result submit(Command command, VideoRequestDraft draft) throws IOException {
        Validation<VideoRequest> checked = VideoRequest.from(draft, catalogue);
        if (!checked.isValid()) {
            return new Invalid(checked.violations());
        }
        VideoRequest request = checked.value();
        TaskStore.Idempotency idempotency = null;
        if (command.idempotencyKey() != null) {
            idempotency = new TaskStore.Idempotency(command.idempotencyKey(), RequestFingerprint.of(request));
            Optional<Result> earlier = earlierSubmit(command.owner(), idempotency);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        VideoTask task = VideoTask.accept(TaskId.random(), command.owner(), request, clock.instant());
        // The images first: a stored task never refers to a missing blob (a blob without a task is cleaned up).
        images.keep(draft);
        try {
            // Stored before anything is sent: from here on the task cannot be lost.
            tasks.add(task, idempotency, worker.firstCheckOfNewTask(), quota);
        } catch (TaskStore.OverLimit over) {
            // Nothing stored or sent; the images kept above belong to no task, so the blob clean-up takes them.
            return new OverLimit(over.refusal());
        } catch (TaskStore.IdempotencyKeyTaken raced) {
            return earlierSubmit(command.owner(), idempotency).orElseThrow(() -> raced);
        }
        if (worker.isLeaving()) {
            // Stored and due at once: a live instance sends it (this one is stopping and starts nothing it may not end).
            return new Accepted(task, false);
        }
        try {
            TaskWorker.Sent sent = worker.send(task, 0);
            if (sent.refusal() == null) {
                return new Accepted(sent.task(), false);
            }
            if (idempotency != null) {
                tasks.recordRefusal(task.id(), TaskStore.Refusal.of(sent.refusal()));
            }
            return new Refused(sent.task(), sent.refusal());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // Stored and scheduled: the sync sends it (or settles an interrupted send) later.
            return new Accepted(tasks.find(task.id()).orElse(task), false);
        }
    }

    private Optional<Result> earlierSubmit(String owner, TaskStore.Idempotency idempotency) {
        return tasks.findByIdempotencyKey(owner, idempotency.key()).map(earlier -> {
            if (!earlier.requestFingerprint().equals(idempotency.requestFingerprint())) {
                return new IdempotencyConflict(idempotency.key(), earlier.task().id());
            }
            // The same answer as the first time: a refusal stays a refusal.
            return earlier.refusal() != null ? new Refused(earlier.task(), earlier.refusal().toRejected())
                    : new Accepted(earlier.task(), true);
        });
    }
}
