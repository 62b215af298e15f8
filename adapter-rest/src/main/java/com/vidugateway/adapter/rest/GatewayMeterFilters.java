package com.vidugateway.adapter.rest;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * How every meter of the process is shaped; Micronaut Micrometer adds every {@link MeterFilter} bean to its registry
 * before any meter is made.
 *
 * <ul>
 *   <li>Every meter carries {@code instance}: which gateway process counted it, so that the scrapes of several
 *       instances behind one load balancer stay apart. Its value is {@link RestApiSettings#instanceId()} (the
 *       instance's id, set at start), or the host name when there is none.</li>
 *   <li>Micronaut's own timer of every HTTP request ({@code http.server.requests}) is left out: {@link GatewayMetrics}
 *       counts and times the same requests, under the gateway's names, by route template.</li>
 * </ul>
 */
@Factory
class GatewayMeterFilters {

    static final String INSTANCE_TAG = "instance";
    static final String SERVER_REQUESTS = "http.server.requests";

    @Singleton
    @Named("vidu-instance-tag")
    MeterFilter instanceTag(RestApiSettings settings) {
        return MeterFilter.commonTags(Tags.of(INSTANCE_TAG, instance(settings.instanceId())));
    }

    @Singleton
    @Named("vidu-without-server-requests")
    MeterFilter withoutServerRequests() {
        return MeterFilter.denyNameStartsWith(SERVER_REQUESTS);
    }

    /** The configured id, or this machine's name when there is none. */
    static String instance(String id) {
        if (id != null && !id.isBlank()) {
            return id.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException | SecurityException e) {
            return "localhost";
        }
    }
}
