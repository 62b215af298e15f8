package com.vidugateway.application.port.out;

import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Webhook events waiting to be delivered, and what became of each attempt. An event is written by the task store in
 * the same transaction as the task change it announces ({@link VideoTasks}; {@code VideoTask.announcement()}), by
 * whichever process made the change, so no change is announced twice or lost; any live instance delivers it.
 */
public interface WebhookOutbox {

    /**
     * Takes the next due event for {@code until} (a lease): only the oldest undelivered event of its task (a task's
     * events arrive in order), and only of a destination no one is delivering to at the moment (one slow or dead
     * receiver holds one delivery, never the others').
     */
    Optional<WebhookEvent> claimNext(Instant now, Instant until);

    /** Records an attempt at {@code event} and what follows it: delivered, another attempt later, or given up. */
    void recordAttempt(WebhookEvent event, Attempt attempt);

    /** Every event of a task, oldest first, with its attempts. */
    List<EventHistory> eventsOf(TaskId task);

    /**
     * One announcement.
     *
     * @param id        the {@code webhook-id}: the same for every attempt ({@code msg_<task>_<status>})
     * @param status    the status announced, as a provider client sees it
     * @param attempts  attempts made so far
     */
    record WebhookEvent(String id, TaskId taskId, String owner, TaskStatus status, URI callbackUrl, Instant createdAt,
                        int attempts) {
        public WebhookEvent {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(taskId, "taskId");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(callbackUrl, "callbackUrl");
            Objects.requireNonNull(createdAt, "createdAt");
        }

        /** The {@code webhook-id} of the event announcing {@code status} of {@code task}. */
        public static String idOf(TaskId task, TaskStatus status) {
            return "msg_" + task.value() + "_" + status.displayName();
        }

        /** The receiver's queue: scheme, host and port of the callback URL. */
        public static String destinationOf(URI callbackUrl) {
            int port = callbackUrl.getPort() != -1 ? callbackUrl.getPort()
                    : "https".equalsIgnoreCase(callbackUrl.getScheme()) ? 443 : 80;
            return (callbackUrl.getScheme() + "://" + callbackUrl.getHost() + ":" + port).toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What an attempt led to. */
    enum Outcome { DELIVERED, RETRYING, GAVE_UP }

    /**
     * @param number        1 for the first attempt
     * @param httpStatus    the receiver's answer; 0 when none came
     * @param problem       why it failed; null when delivered
     * @param nextAttemptAt when the next attempt is due; null unless {@link Outcome#RETRYING}
     */
    record Attempt(int number, Instant at, int httpStatus, String problem, Outcome outcome, Instant nextAttemptAt) {
        public Attempt {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(outcome, "outcome");
            if ((outcome == Outcome.RETRYING) != (nextAttemptAt != null)) {
                throw new IllegalArgumentException("a next attempt exactly when retrying");
            }
        }
    }

    /**
     * @param nextAttemptAt when it is due next; null once delivered or given up
     */
    record EventHistory(WebhookEvent event, List<Attempt> attempts, Instant nextAttemptAt, Instant deliveredAt,
                        Instant gaveUpAt) {
        public EventHistory {
            attempts = List.copyOf(attempts);
        }
    }
}
