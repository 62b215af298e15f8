package com.vidugateway.bootstrap;

import com.vidugateway.adapter.rest.RequestBodySettings;
import com.vidugateway.adapter.rest.RestApiSettings;
import com.vidugateway.adapter.rest.WebhookSecrets;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * The typed settings the REST adapter is given, each made by its settings record (one record per prefix, decision 16):
 * the adapter reads no property itself. The other factories take their settings from the records the same way.
 */
@Factory
class SettingsFactory {

    @Singleton
    RequestBodySettings requestBodySettings(RequestBodyProperties properties) {
        return properties.settings();
    }

    @Singleton
    RestApiSettings restApiSettings(ViduProperties settings, InstanceProperties instance, ClientProperties clients) {
        return new RestApiSettings(settings.apiKeys(), settings.publicAddress(), settings.requestSizeLimit(),
                instance.id(), clients.adminKey());
    }

    /** Every client's webhook signing secret, for the client keys of {@code VIDU_API_KEYS}. */
    @Singleton
    WebhookSecrets webhookSecrets(WebhookProperties webhooks, ViduProperties settings) {
        return webhooks.signingSecrets(settings.apiKeys());
    }
}
