package com.vidugateway.bootstrap;

import com.vidugateway.application.service.WebhookSettings;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * {@code vidu.webhooks.retry-for} ({@code VIDU_WEBHOOK_RETRY_FOR}): how long an event is retried; unset takes
 * {@link WebhookSettings#defaults()} (24 h).
 */
@ConfigurationProperties("vidu.webhooks")
record WebhookProperties(@Nullable String retryFor) {

    WebhookSettings settings() {
        WebhookSettings defaults = WebhookSettings.defaults();
        if (retryFor == null || retryFor.isBlank()) {
            return defaults;
        }
        Duration parsed = Retention.parse("VIDU_WEBHOOK_RETRY_FOR", retryFor);
        if (parsed == null) {
            throw new IllegalArgumentException("VIDU_WEBHOOK_RETRY_FOR: '" + retryFor + "' — retries need an end,"
                    + " such as 24h or 3d");
        }
        return new WebhookSettings(parsed, defaults.firstRetryAfter(), defaults.longestRetryWait(), defaults.lease());
    }
}
