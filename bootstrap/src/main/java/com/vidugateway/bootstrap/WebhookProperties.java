package com.vidugateway.bootstrap;

import com.vidugateway.adapter.rest.WebhookSecrets;
import com.vidugateway.application.service.WebhookSettings;
import com.vidugateway.application.support.DestinationPolicy;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.List;

/**
 * {@code vidu.webhooks.*}: the webhook settings, read once here for the outbox, the delivery and the REST adapter
 * (submit-time check, signing secrets). Only the server reads them: CLI commands deliver no webhooks.
 *
 * @param secret                {@code VIDU_WEBHOOK_SECRET}: the server's secret, each client's derived from it
 * @param secrets               {@code VIDU_WEBHOOK_SECRETS}: secrets chosen per client key
 * @param retryFor              {@code VIDU_WEBHOOK_RETRY_FOR}: how long an event is retried; unset takes
 *                              {@link WebhookSettings#defaults()} (24 h)
 * @param allowPrivateAddresses {@code VIDU_WEBHOOK_ALLOW_PRIVATE}: let callback URLs reach loopback, link-local and
 *                              private addresses (true or false, default false)
 * @param allowedPorts          {@code VIDU_WEBHOOK_ALLOWED_PORTS}: ports a callback URL may use besides 80 and 443,
 *                              comma-separated (default none)
 */
@ConfigurationProperties("vidu.webhooks")
record WebhookProperties(@Nullable String secret, @Nullable String secrets, @Nullable String retryFor,
                         @Nullable String allowPrivateAddresses, @Nullable String allowedPorts) {

    WebhookProperties {
        secret = ViduProperties.given(secret);
        secrets = ViduProperties.given(secrets);
        retryFor = ViduProperties.given(retryFor);
        allowPrivateAddresses = ViduProperties.given(allowPrivateAddresses);
        allowedPorts = ViduProperties.given(allowedPorts);
    }

    /** Where callbacks may go: the rules the submit-time check and the delivery both follow. */
    DestinationPolicy destinations() {
        return new DestinationPolicy(Flags.of("VIDU_WEBHOOK_ALLOW_PRIVATE", allowPrivateAddresses),
                DestinationPolicy.ports("VIDU_WEBHOOK_ALLOWED_PORTS", allowedPorts));
    }

    WebhookSettings settings() {
        WebhookSettings defaults = WebhookSettings.defaults();
        if (retryFor == null) {
            return defaults;
        }
        Duration parsed = Durations.retention("VIDU_WEBHOOK_RETRY_FOR", retryFor);
        if (parsed == null) {
            throw new IllegalArgumentException("VIDU_WEBHOOK_RETRY_FOR: '" + retryFor + "' — retries need an end,"
                    + " such as 24h or 3d");
        }
        return new WebhookSettings(parsed, defaults.firstRetryAfter(), defaults.longestRetryWait(), defaults.lease());
    }

    /**
     * Every client's signing secret, for the keys {@code clientKeys} ({@code VIDU_API_KEYS}) the pairs may name.
     *
     * @throws IllegalArgumentException a setting is not valid (its message names the setting, never a secret)
     */
    WebhookSecrets signingSecrets(List<String> clientKeys) {
        return WebhookSecrets.of(secret, secrets, clientKeys);
    }

    /** The secrets stay out of logs and messages. */
    @Override
    public String toString() {
        return "WebhookProperties[secret=" + (secret == null ? "(not set)" : "***") + ", secrets="
                + (secrets == null ? "(not set)" : "***") + ", retryFor=" + retryFor + ", allowPrivateAddresses="
                + allowPrivateAddresses + ", allowedPorts=" + allowedPorts + "]";
    }
}
