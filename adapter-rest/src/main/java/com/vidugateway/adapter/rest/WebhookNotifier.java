package com.vidugateway.adapter.rest;

import com.vidugateway.application.port.out.TaskListener;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import io.micronaut.context.annotation.Value;
import io.micronaut.serde.ObjectMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhooks: when a task with a {@code parameters.callback_url} changes state (as a provider client sees it:
 * Pending, Running, Success, Failure), POSTs its status body there, signed (Standard Webhooks) and retried
 * by {@link WebhookSender} on the notifier's own threads. A Success is announced once the gateway holds the
 * video, so its URL works when the receiver follows it. Message ids are {@code msg_<task>_<status>}: a
 * receiver drops the duplicates a restart may cause.
 */
@Singleton
public final class WebhookNotifier implements TaskListener {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);

    private final WebhookSender sender;
    private final ObjectMapper json;
    private final String base;
    private final Map<TaskId, TaskStatus> announced = new ConcurrentHashMap<>();
    /** One thread: a receiver gets a task's events in the order they happened. */
    private final ExecutorService deliveries = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "vidu-webhooks");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    WebhookNotifier(RestSettings settings, ObjectMapper json,
                    @Value("${vidu.webhooks.secret:}") String secret,
                    @Value("${micronaut.server.port:8080}") int port) {
        this(secret.isBlank() ? null : new WebhookSender(secret, settings.allowPrivateCallbacks()), json,
                settings.publicUrl() != null ? settings.publicUrl().toString() : "http://localhost:" + port);
    }

    WebhookNotifier(WebhookSender sender, ObjectMapper json, String base) {
        this.sender = sender;
        this.json = json;
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    @Override
    public void taskChanged(VideoTask task) {
        URI callback = task.request().callbackUrl();
        if (callback == null) {
            return;
        }
        TaskStatus shown = task.status().providerView();
        if (shown == TaskStatus.SUCCESS && task.video() == null && task.videoProblem() == null) {
            return; // announced once the copy is kept (or given up on), so the URL in the body works
        }
        if (announced.put(task.id(), shown) == shown) {
            return;
        }
        if (sender == null) {
            LOG.warn("task {} changed to {} but its webhook is not sent: VIDU_WEBHOOK_SECRET is not set", task.id(), shown);
            return;
        }
        String body;
        try {
            body = json.writeValueAsString(TaskViews.status(task, base, "webhook"));
        } catch (IOException e) {
            LOG.warn("task {}: its webhook body could not be written: {}", task.id(), e.getMessage());
            return;
        }
        String messageId = "msg_" + task.id() + "_" + shown.displayName();
        deliveries.execute(() -> {
            try {
                WebhookSender.Delivery delivery = sender.send(callback.toString(), messageId, body);
                if (!delivery.delivered()) {
                    LOG.warn("task {}: webhook {} not delivered after {} attempts: {}", task.id(), messageId,
                            delivery.attempts(), delivery.lastProblem());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.warn("task {}: webhook {} failed: {}", task.id(), messageId, e.getMessage());
            }
        });
    }

    @PreDestroy
    void close() {
        deliveries.shutdown();
    }
}
