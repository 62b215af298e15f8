package com.vidugateway.application.port.out;

import com.vidugateway.domain.task.VideoTask;

/** Delivers one webhook event to its receiver, once: signed for the task's owner, its body the task's status. */
public interface WebhookTransport {

    /**
     * One attempt; retries are the caller's (they are scheduled in the outbox, so they survive restarts).
     *
     * @param task the task as it is now (a terminal one no longer changes; an earlier event's body shows its status)
     */
    Result deliver(WebhookOutbox.WebhookEvent event, VideoTask task) throws InterruptedException;

    /**
     * @param httpStatus the receiver's answer; 0 when none came
     * @param problem    why it was not delivered; null when it was
     * @param retryable  whether another attempt may succeed (false for 410 Gone, or a URL that is refused)
     */
    record Result(boolean delivered, int httpStatus, String problem, boolean retryable) {}
}
