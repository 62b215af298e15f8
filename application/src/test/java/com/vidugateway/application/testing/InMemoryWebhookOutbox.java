package com.vidugateway.application.testing;

import com.vidugateway.application.port.out.WebhookOutbox;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.VideoTask;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The outbox in memory, written by {@link InMemoryVideoTasks} as the JDBC store writes it: the same contract. */
public final class InMemoryWebhookOutbox implements WebhookOutbox {

    private static final class Row {
        WebhookEvent event;
        final List<Attempt> attempts = new ArrayList<>();
        Instant nextAttemptAt;
        Instant deliveredAt;
        Instant gaveUpAt;
        Instant leaseUntil;

        Row(WebhookEvent event) {
            this.event = event;
            this.nextAttemptAt = event.createdAt();
        }

        boolean pending() {
            return nextAttemptAt != null;
        }

        boolean leased(Instant now) {
            return leaseUntil != null && !leaseUntil.isBefore(now);
        }
    }

    private final Map<String, Row> rows = new LinkedHashMap<>();

    /** What the store does in the same transaction as a task change: an event for its announcement, once. */
    synchronized void taskWritten(VideoTask task, Instant at) {
        task.announcement().ifPresent(status -> rows.computeIfAbsent(WebhookEvent.idOf(task.id(), status),
                id -> new Row(new WebhookEvent(id, task.id(), task.owner(), status, task.request().callbackUrl(), at, 0))));
    }

    @Override
    public synchronized Optional<WebhookEvent> claimNext(Instant now, Instant until) {
        for (Row row : rows.values()) {
            if (!row.pending() || row.nextAttemptAt.isAfter(now) || row.leased(now) || earlierPending(row)
                    || destinationBusy(row, now)) {
                continue;
            }
            row.leaseUntil = until;
            return Optional.of(row.event);
        }
        return Optional.empty();
    }

    private boolean earlierPending(Row row) {
        return rows.values().stream().anyMatch(other -> other != row && other.pending()
                && other.event.taskId().equals(row.event.taskId())
                && other.event.createdAt().isBefore(row.event.createdAt()));
    }

    private boolean destinationBusy(Row row, Instant now) {
        String destination = WebhookEvent.destinationOf(row.event.callbackUrl());
        return rows.values().stream().anyMatch(other -> other != row && other.pending() && other.leased(now)
                && WebhookEvent.destinationOf(other.event.callbackUrl()).equals(destination));
    }

    @Override
    public synchronized void recordAttempt(WebhookEvent event, Attempt attempt) {
        Row row = Objects.requireNonNull(rows.get(event.id()), event.id());
        row.attempts.add(attempt);
        row.event = new WebhookEvent(event.id(), event.taskId(), event.owner(), event.status(), event.callbackUrl(),
                event.createdAt(), attempt.number());
        row.leaseUntil = null;
        row.nextAttemptAt = attempt.nextAttemptAt();
        if (attempt.outcome() == Outcome.DELIVERED) {
            row.deliveredAt = attempt.at();
        } else if (attempt.outcome() == Outcome.GAVE_UP) {
            row.gaveUpAt = attempt.at();
        }
    }

    @Override
    public synchronized List<EventHistory> eventsOf(TaskId task) {
        return rows.values().stream().filter(row -> row.event.taskId().equals(task))
                .map(row -> new EventHistory(row.event, row.attempts, row.nextAttemptAt, row.deliveredAt, row.gaveUpAt))
                .toList();
    }
}
