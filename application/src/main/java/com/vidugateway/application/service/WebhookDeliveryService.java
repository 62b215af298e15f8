package com.vidugateway.application.service;

import com.vidugateway.application.port.in.DeliverWebhooks;
import com.vidugateway.application.port.in.ReadTaskWebhooks;
import com.vidugateway.application.port.out.TaskStore;
import com.vidugateway.application.port.out.WebhookOutbox;
import com.vidugateway.application.port.out.WebhookOutbox.Attempt;
import com.vidugateway.application.port.out.WebhookOutbox.Outcome;
import com.vidugateway.application.port.out.WebhookOutbox.WebhookEvent;
import com.vidugateway.application.port.out.WebhookTransport;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.VideoTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Delivers the outbox's events: one attempt per call, under a lease, then the next attempt scheduled in the outbox
 * (exponential backoff with jitter, {@link RetryTiming}) until {@link WebhookSettings#retryFor()} after the event was
 * written, or until the receiver says it is gone.
 */
record WebhookDeliveryService(WebhookOutbox outbox, TaskStore tasks, WebhookTransport transport, Clock clock,
                              WebhookSettings settings) implements DeliverWebhooks, ReadTaskWebhooks {

    @Override
    public boolean deliverNext() throws InterruptedException {
        Instant now = clock.instant();
        Optional<WebhookEvent> claimed = outbox.claimNext(now, now.plus(settings.lease()));
        if (claimed.isEmpty()) {
            return false;
        }
        WebhookEvent event = claimed.get();
        int number = event.attempts() + 1;
        Optional<VideoTask> task = tasks.find(event.taskId());
        if (task.isEmpty()) {
            outbox.recordAttempt(event, new Attempt(number, clock.instant(), 0, "the task is gone", Outcome.GAVE_UP, null));
            return true;
        }
        WebhookTransport.Result result = transport.deliver(event, task.get());
        Instant at = clock.instant();
        if (result.delivered()) {
            outbox.recordAttempt(event, new Attempt(number, at, result.httpStatus(), null, Outcome.DELIVERED, null));
            return true;
        }
        Instant next = at.plus(settings.retryTiming().after(number));
        boolean giveUp = !result.retryable() || next.isAfter(event.createdAt().plus(settings.retryFor()));
        String problem = giveUp && result.retryable()
                ? result.problem() + "; given up: no further attempt within " + human(settings.retryFor()) + " of the event"
                : result.problem();
        outbox.recordAttempt(event, new Attempt(number, at, result.httpStatus(), problem,
                giveUp ? Outcome.GAVE_UP : Outcome.RETRYING, giveUp ? null : next));
        return true;
    }

    @Override
    public Optional<List<WebhookOutbox.EventHistory>> webhooksOf(String owner, TaskId id) {
        return tasks.findOwned(owner, id).map(task -> outbox.eventsOf(id));
    }

    private static String human(Duration duration) {
        return duration.toHours() >= 1 && duration.toMinutesPart() == 0 ? duration.toHours() + " h"
                : duration.toMinutes() + " min";
    }
}
