package com.vidugateway.adapter.rest;

import com.vidugateway.application.port.in.IdentifyClient;
import com.vidugateway.application.port.in.ManageClients;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;
import java.net.URI;

/**
 * The REST adapter's settings as its parts use them (client keys, the public URL, the request size limit), from the
 * typed {@link RestApiSettings} bootstrap gives it.
 */
@Singleton
final class RestSettings {

    private final ClientKeys keys;
    private final URI publicUrl;
    private final long maxRequestSize;

    /**
     * The client directory is asked for on the first request, not when the server is built: it needs the task
     * database, and a server whose settings are wrong says so about the setting, not about the clients.
     */
    RestSettings(RestApiSettings settings, BeanProvider<IdentifyClient> directory, BeanProvider<ManageClients> clients) {
        this.keys = new ClientKeys(settings.apiKeys(), settings.adminKey(), directory::get, clients::get);
        this.publicUrl = settings.publicUrl();
        this.maxRequestSize = settings.maxRequestSize();
    }

    ClientKeys keys() {
        return keys;
    }

    /** The configured public URL without a trailing slash; null when the Host header decides. */
    URI publicUrl() {
        return publicUrl;
    }

    long maxRequestSize() {
        return maxRequestSize;
    }
}
