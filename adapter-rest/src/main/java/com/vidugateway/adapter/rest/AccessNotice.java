package com.vidugateway.adapter.rest;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says at start who the server will answer (loopback clients only, or the holders of N keys), the body limit, and
 * whether webhooks can be signed. Nothing about the heap: a body's inline images stream to the blob store, so memory
 * does not grow with the limit. Never a secret.
 */
@Singleton
final class AccessNotice implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger("com.vidugateway.adapter.rest");

    private final RestSettings settings;
    private final WebhookSecrets secrets;

    AccessNotice(RestSettings settings, WebhookSecrets secrets) {
        this.settings = settings;
        this.secrets = secrets;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        try {
            settings.keys().adoptSettingsKeys();
        } catch (RuntimeException e) {
            // Tried again on each request until it works: the database may come up after the server.
            LOG.warn("The VIDU_API_KEYS keys could not be made clients yet: {}", e.getMessage());
        }
        LOG.warn(message(settings) + " " + webhooks(secrets));
    }

    static String webhooks(WebhookSecrets secrets) {
        return secrets.configured()
                ? "Webhooks are signed with each client's own secret (GET /v1/webhooks/secret)."
                : "Webhooks are off: a callback_url is refused until VIDU_WEBHOOK_SECRET is set.";
    }

    static String message(RestSettings settings) {
        String limit = " Request bodies up to " + Sizes.human(settings.maxRequestSize()) + " (VIDU_MAX_REQUEST_SIZE).";
        String operator = settings.keys().hasOperatorKey()
                ? " The operator key (VIDU_ADMIN_KEY) reaches /v1/admin/clients and every client's usage." : "";
        boolean keysRequired;
        try {
            keysRequired = settings.keys().keysRequired();
        } catch (RuntimeException unreadable) {
            return "REST API: the clients could not be read yet (the task database does not answer); requests get 503"
                    + " until it does." + operator + limit;
        }
        if (!keysRequired) {
            return "REST API: no client keys (vidu clients add, or VIDU_API_KEYS), so only clients on this machine (loopback)"
                    + " are served, as the local owner shared with the CLI, and only when they address it by a loopback name"
                    + " (localhost, 127.0.0.1, [::1]) in the Host header; other clients get 403." + operator + limit;
        }
        return "REST API: clients need their key (vidu clients list; " + settings.keys().settingsKeyCount()
                + " from VIDU_API_KEYS): requests without a valid key get 401, and each client sees only its own tasks."
                + operator + limit;
    }
}
