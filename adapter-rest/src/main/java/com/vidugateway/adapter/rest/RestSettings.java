package com.vidugateway.adapter.rest;

import com.vidugateway.application.port.in.IdentifyClient;
import com.vidugateway.application.port.in.ManageClients;
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

    RestSettings(RestApiSettings settings, IdentifyClient directory, ManageClients clients) {
        this.keys = new ClientKeys(settings.apiKeys(), settings.adminKey(), directory, clients);
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
