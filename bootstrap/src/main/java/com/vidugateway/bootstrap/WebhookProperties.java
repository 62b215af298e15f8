package com.vidugateway.bootstrap;

import com.vidugateway.application.service.WebhookSettings;
import com.vidugateway.application.support.DestinationPolicy;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * The webhook settings, read once here for the outbox, the delivery and the REST adapter's submit-time check:
 * <ul>
 *   <li>{@code vidu.webhooks.retry-for} ({@code VIDU_WEBHOOK_RETRY_FOR}): how long an event is retried; unset takes
 *       {@link WebhookSettings#defaults()} (24 h);</li>
 *   <li>{@code vidu.webhooks.allow-private-addresses} ({@code VIDU_WEBHOOK_ALLOW_PRIVATE}): let callback URLs reach
 *       loopback, link-local and private addresses (default false);</li>
 *   <li>{@code vidu.webhooks.allowed-ports} ({@code VIDU_WEBHOOK_ALLOWED_PORTS}): ports a callback URL may use besides
 *       80 and 443, comma-separated (default none).</li>
 * </ul>
 */
@ConfigurationProperties("vidu.webhooks")
record WebhookProperties(@Nullable String retryFor, @Nullable Boolean allowPrivateAddresses,
                         @Nullable String allowedPorts) {

    /** Where callbacks may go: the rules the submit-time check and the delivery both follow. */
    DestinationPolicy destinations() {
        return new DestinationPolicy(Boolean.TRUE.equals(allowPrivateAddresses),
                DestinationPolicy.ports("VIDU_WEBHOOK_ALLOWED_PORTS", allowedPorts));
    }

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
