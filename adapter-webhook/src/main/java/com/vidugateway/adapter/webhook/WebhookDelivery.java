package com.vidugateway.adapter.webhook;

import com.vidugateway.application.port.out.WebhookOutbox;
import com.vidugateway.application.port.out.WebhookSigningSecrets;
import com.vidugateway.application.port.out.WebhookTransport;
import com.vidugateway.domain.task.TaskStatusView;
import com.vidugateway.domain.task.VideoTask;
import com.vidugateway.wire.ProviderWire;
import com.vidugateway.wire.WireStatuses;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * The outbox's transport: an event's body is the task's status in the provider's shape as of the event (a later
 * state does not leak into an earlier event), the same body {@code GET /v1/tasks/status} answers, signed with the
 * owner's own secret and POSTed once by {@link WebhookSender} to the address it checked.
 */
public final class WebhookDelivery implements WebhookTransport {

    private final WebhookSender sender;
    private final WebhookSigningSecrets secrets;
    private final ObjectMapper json;
    private final String base;

    /**
     * @param base the gateway's URL as clients reach it ({@code VIDU_PUBLIC_URL}), for the video URL of a success
     */
    public WebhookDelivery(WebhookSender sender, WebhookSigningSecrets secrets, ObjectMapper json, String base) {
        this.sender = Objects.requireNonNull(sender, "sender");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.json = Objects.requireNonNull(json, "json");
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
            ProviderWire.StatusResponse now = WireStatuses.status(TaskStatusView.of(task), base, "webhook");
            body = json.writeValueAsString(WireStatuses.asOf(now, event.status()));
        } catch (IOException e) {
            return new Result(false, 0, "the body could not be written: " + e.getMessage(), false);
        }
        WebhookSender.Attempt attempt = sender.attempt(event.callbackUrl().toString(), event.id(), body, secret.get());
        return new Result(attempt.delivered(), attempt.httpStatus(), attempt.problem(), attempt.retryable());
    }
}
