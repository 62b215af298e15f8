package com.vidugateway.adapter.rest;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.format.ReadableBytes;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The typed settings bootstrap gives the adapter, made here from the tests' properties ({@code application-test.yml},
 * {@code @Property}) with Micronaut's own conversions ({@code 2s}, {@code 64KB}); unset, the adapter's defaults.
 */
@Factory
class TestSettings {

    @Singleton
    RequestBodySettings requestBodySettings(@Property(name = "vidu.request-body.deadline") @Nullable Duration deadline,
                                            @Property(name = "vidu.request-body.min-rate") @ReadableBytes @Nullable Long minRate,
                                            @Property(name = "vidu.request-body.grace") @Nullable Duration grace,
                                            @Property(name = "vidu.request-body.memory") @ReadableBytes @Nullable Long memory) {
        RequestBodySettings defaults = RequestBodySettings.defaults();
        return new RequestBodySettings(deadline == null ? defaults.deadline() : deadline,
                minRate == null ? defaults.minBytesPerSecond() : minRate, grace == null ? defaults.grace() : grace,
                memory == null ? defaults.memory() : memory);
    }

    @Singleton
    RestApiSettings restApiSettings(@Property(name = "vidu.api-keys") @Nullable List<String> apiKeys,
                                    @Property(name = "vidu.public-url") @Nullable String publicUrl,
                                    @Property(name = "vidu.max-request-size") @ReadableBytes @Nullable Long maxRequestSize,
                                    @Property(name = "vidu.instance.id") @Nullable String instanceId,
                                    @Property(name = "vidu.clients.admin-key") @Nullable String adminKey) {
        return new RestApiSettings(apiKeys, publicUrl == null || publicUrl.isBlank() ? null : URI.create(publicUrl),
                maxRequestSize == null ? RestApiSettings.DEFAULT_MAX_REQUEST_SIZE : maxRequestSize, instanceId, adminKey);
    }

    @Singleton
    WebhookSecrets webhookSecrets(@Property(name = "vidu.webhooks.secret") @Nullable String secret,
                                  @Property(name = "vidu.webhooks.secrets") @Nullable String secrets,
                                  RestApiSettings settings) {
        return WebhookSecrets.of(secret, secrets, settings.apiKeys());
    }
}
