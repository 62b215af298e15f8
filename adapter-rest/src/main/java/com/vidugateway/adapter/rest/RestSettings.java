package com.vidugateway.adapter.rest;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The REST adapter's settings (environment variable → property):
 * <ul>
 *   <li>{@code VIDU_API_KEYS} → {@code vidu.api-keys}: client keys, comma-separated; none = loopback clients only</li>
 *   <li>{@code VIDU_PUBLIC_URL} → {@code vidu.public-url}: the gateway's URL as clients reach it, for the video
 *       URLs in answers; unset = from each request's Host header</li>
 *   <li>{@code VIDU_MAX_REQUEST_SIZE} → {@code vidu.max-request-size}: the largest request body, default
 *       {@value #DEFAULT_MAX_REQUEST_SIZE_TEXT} (7 images of 50 MiB as base64 take about 467 MiB)</li>
 *   <li>{@code VIDU_WEBHOOK_ALLOW_PRIVATE} → {@code vidu.webhooks.allow-private-addresses}: let
 *       {@code parameters.callback_url} reach loopback, link-local and private addresses (default false)</li>
 *   <li>{@code VIDU_WEBHOOK_ALLOWED_PORTS} → {@code vidu.webhooks.allowed-ports}: ports a callback URL may use besides
 *       80 and 443, comma-separated (default none)</li>
 * </ul>
 */
@Singleton
final class RestSettings {

    static final String DEFAULT_MAX_REQUEST_SIZE_TEXT = "512MiB";
    static final long DEFAULT_MAX_REQUEST_SIZE = 512L * 1024 * 1024;

    private final ClientKeys keys;
    private final URI publicUrl;
    private final long maxRequestSize;
    private final boolean allowPrivateCallbacks;
    private final Set<Integer> allowedCallbackPorts;

    RestSettings(@Value("${vidu.api-keys:}") List<String> apiKeys,
                 @Value("${vidu.public-url:}") String publicUrl,
                 @Value("${vidu.max-request-size:" + DEFAULT_MAX_REQUEST_SIZE_TEXT + "}") String maxRequestSize,
                 @Value("${vidu.webhooks.allow-private-addresses:false}") boolean allowPrivateCallbacks,
                 @Value("${vidu.webhooks.allowed-ports:}") String allowedCallbackPorts) {
        this.keys = new ClientKeys(apiKeys);
        this.publicUrl = publicUrl(publicUrl);
        this.maxRequestSize = Sizes.parse("VIDU_MAX_REQUEST_SIZE (vidu.max-request-size)", maxRequestSize);
        this.allowPrivateCallbacks = allowPrivateCallbacks;
        this.allowedCallbackPorts = ports(allowedCallbackPorts);
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

    boolean allowPrivateCallbacks() {
        return allowPrivateCallbacks;
    }

    /** Ports a callback URL may use besides 80 and 443 ({@code VIDU_WEBHOOK_ALLOWED_PORTS}); often none. */
    Set<Integer> allowedCallbackPorts() {
        return allowedCallbackPorts;
    }

    /** {@code 8080,8443}: each a port number; blank = none. */
    static Set<Integer> ports(String value) {
        Set<Integer> ports = new TreeSet<>();
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        for (String part : value.split(",")) {
            String port = part.strip();
            if (port.isEmpty()) {
                continue;
            }
            if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw new IllegalArgumentException("VIDU_WEBHOOK_ALLOWED_PORTS (vidu.webhooks.allowed-ports) must be"
                        + " port numbers (1-65535), comma-separated, such as 8080,8443; not '"
                        + SubmitBodyReader.abbreviate(port) + "'");
            }
            ports.add(Integer.parseInt(port));
        }
        return Collections.unmodifiableSet(ports);
    }

    private static URI publicUrl(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        URI uri = URI.create(trimmed);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("VIDU_PUBLIC_URL (vidu.public-url) must be an http(s) URL such as"
                    + " https://videos.example.com, not '" + value + "'");
        }
        return uri;
    }
}
