package com.vidugateway.adapter.rest;

import com.vidugateway.application.port.out.WebhookOutbox;
import com.vidugateway.application.port.out.WebhookTransport;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.TaskStatusView;
import com.vidugateway.domain.task.VideoTask;
import io.micronaut.context.annotation.Value;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Optional;

/**
 * The outbox's transport: an event's body is the task's status in the provider's shape as of the event (a later
 * state does not leak into an earlier event), signed with the owner's own secret ({@link WebhookSecrets}) and POSTed
 * once by {@link WebhookSender} to the address it checked.
 */
@Singleton
final class WebhookDelivery implements WebhookTransport {

    private final WebhookSender sender;
    private final WebhookSecrets secrets;
    private final ObjectMapper json;
    private final String base;

    @Inject
    WebhookDelivery(RestSettings settings, WebhookSecrets secrets, ObjectMapper json,
                    @Value("${micronaut.server.port:8080}") int port) {
        this(new WebhookSender(settings.allowPrivateCallbacks(), settings.allowedCallbackPorts()), secrets, json,
                settings.publicUrl() != null ? settings.publicUrl().toString() : "http://localhost:" + port);
    }

    WebhookDelivery(WebhookSender sender, WebhookSecrets secrets, ObjectMapper json, String base) {
        this.sender = sender;
        this.secrets = secrets;
        this.json = json;
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    @Override
    public Result deliver(WebhookOutbox.WebhookEvent event, VideoTask task) throws InterruptedException {
        Optional<String> secret = secrets.secretFor(event.owner());
        if (secret.isEmpty()) {
            // The secret was taken away after the task was accepted: nothing can be signed until it is back.
            return new Result(false, 0, "no signing secret is configured (VIDU_WEBHOOK_SECRET)", true);
        }
        String body;
        try {
            RestWire.StatusResponse status = TaskViews.status(TaskStatusView.of(task), base, "webhook");
            body = json.writeValueAsString(asOf(status, event.status()));
        } catch (IOException e) {
            return new Result(false, 0, "the body could not be written: " + e.getMessage(), false);
        }
        WebhookSender.Attempt attempt = sender.attempt(event.callbackUrl().toString(), event.id(), body, secret.get());
        return new Result(attempt.delivered(), attempt.httpStatus(), attempt.problem(), attempt.retryable());
    }

    /** The status body of an earlier event: its status, without what only a later state has (urls, finish, error). */
    private static RestWire.StatusResponse asOf(RestWire.StatusResponse now, TaskStatus announced) {
        RestWire.StatusOutput output = now.output();
        if (output.taskStatus().equals(announced.displayName())) {
            return now;
        }
        return new RestWire.StatusResponse(new RestWire.StatusOutput(output.taskId(), announced.displayName(), null,
                output.submitTime(), null, null), now.usage(), now.requestId());
    }
}
