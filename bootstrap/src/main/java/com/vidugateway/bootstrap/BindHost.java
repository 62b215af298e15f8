package com.vidugateway.bootstrap;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.HttpServerConfiguration;
import jakarta.inject.Singleton;

/**
 * Where the server listens, {@link ViduProperties#bindHost}: set on Micronaut's server configuration as it is made, so
 * that a key-less server listens on loopback only. Decided in code, not by a placeholder in application.yml, because
 * its default depends on another setting ({@code VIDU_API_KEYS}).
 */
@Singleton
final class BindHost implements BeanCreatedEventListener<HttpServerConfiguration> {

    private final ViduProperties settings;

    BindHost(ViduProperties settings) {
        this.settings = settings;
    }

    @Override
    public HttpServerConfiguration onCreated(BeanCreatedEvent<HttpServerConfiguration> event) {
        HttpServerConfiguration configuration = event.getBean();
        settings.bindHost().ifPresent(configuration::setHost);
        return configuration;
    }
}
