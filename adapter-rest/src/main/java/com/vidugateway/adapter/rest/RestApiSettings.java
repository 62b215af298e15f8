package com.vidugateway.adapter.rest;

import java.net.URI;
import java.util.List;

/**
 * Who may call the API, where clients reach it and how large a request may be: read and checked by whoever wires the
 * adapter (bootstrap's {@code vidu} settings), given here typed.
 *
 * @param apiKeys        {@code VIDU_API_KEYS}: client keys; none = loopback clients only
 * @param publicUrl      {@code VIDU_PUBLIC_URL}: the gateway's URL as clients reach it, for the video URLs in answers,
 *                       without a trailing slash; null = from each request's Host header
 * @param maxRequestSize {@code VIDU_MAX_REQUEST_SIZE}: the largest request body, in bytes (default
 *                       {@value #DEFAULT_MAX_REQUEST_SIZE_TEXT}: 7 images of 50 MiB as base64 take about 467 MiB)
 * @param instanceId     the {@code instance} tag of every meter ({@link GatewayMeterFilters}); null = the host name
 * @param adminKey       {@code VIDU_ADMIN_KEY}: the operator's key ({@code /v1/admin/clients}, everyone's usage); null
 *                       = none
 */
public record RestApiSettings(List<String> apiKeys, URI publicUrl, long maxRequestSize, String instanceId,
                              String adminKey) {

    public RestApiSettings(List<String> apiKeys, URI publicUrl, long maxRequestSize, String instanceId) {
        this(apiKeys, publicUrl, maxRequestSize, instanceId, null);
    }

    public static final String DEFAULT_MAX_REQUEST_SIZE_TEXT = "512MiB";
    public static final long DEFAULT_MAX_REQUEST_SIZE = 512L * 1024 * 1024;

    public RestApiSettings {
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
        if (maxRequestSize < 1) {
            throw new IllegalArgumentException("a request may hold at least 1 byte");
        }
    }

    /** The client keys stay out of logs and messages. */
    @Override
    public String toString() {
        return "RestApiSettings[apiKeys=(" + apiKeys.size() + " keys), publicUrl=" + publicUrl + ", maxRequestSize="
                + maxRequestSize + ", instanceId=" + instanceId + ", adminKey=" + (adminKey == null ? "(none)" : "(set)")
                + "]";
    }
}
