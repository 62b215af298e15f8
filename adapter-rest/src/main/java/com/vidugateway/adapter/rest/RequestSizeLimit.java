package com.vidugateway.adapter.rest;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.HttpServerConfiguration;
import jakarta.inject.Singleton;

/**
 * Applies {@code vidu.max-request-size} ({@code VIDU_MAX_REQUEST_SIZE}, default 512 MiB) to the server as its
 * {@code micronaut.server.max-request-size}: a body declared larger is refused with 413 before it is read, and
 * a streamed one as soon as it passes the limit. One setting, so the two can never disagree.
 */
@Singleton
final class RequestSizeLimit implements BeanCreatedEventListener<HttpServerConfiguration> {

    private final RestSettings settings;

    RequestSizeLimit(RestSettings settings) {
        this.settings = settings;
    }

    @Override
    public HttpServerConfiguration onCreated(BeanCreatedEvent<HttpServerConfiguration> event) {
        HttpServerConfiguration configuration = event.getBean();
        configuration.setMaxRequestSize(settings.maxRequestSize());
        return configuration;
    }
}
