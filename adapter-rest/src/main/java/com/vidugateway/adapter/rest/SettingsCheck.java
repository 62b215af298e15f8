package com.vidugateway.adapter.rest;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.HttpServerConfiguration;
import jakarta.inject.Singleton;

/**
 * Builds the REST settings that requests read (the webhook secrets, the body pace and its memory budget) when the
 * server is configured, so that a bad value stops the start with its one line naming the setting, instead of failing
 * the first request that needs it.
 */
@Singleton
final class SettingsCheck implements BeanCreatedEventListener<HttpServerConfiguration> {

    SettingsCheck(WebhookSecrets secrets, BodyPace pace, BodyMemory memory) {
        // Built, hence checked: nothing more to do.
    }

    @Override
    public HttpServerConfiguration onCreated(BeanCreatedEvent<HttpServerConfiguration> event) {
        return event.getBean();
    }
}
