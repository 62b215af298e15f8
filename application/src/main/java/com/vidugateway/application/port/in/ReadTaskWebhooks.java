package com.vidugateway.application.port.in;

import com.vidugateway.application.port.out.WebhookOutbox;
import com.vidugateway.domain.task.TaskId;
import java.util.List;
import java.util.Optional;

/** A task's webhook events and their attempts, for its owner ({@code GET /v1/tasks/{id}/webhooks}). */
public interface ReadTaskWebhooks {

    /** Empty when the task is not found for {@code owner}. */
    Optional<List<WebhookOutbox.EventHistory>> webhooksOf(String owner, TaskId id);
}
