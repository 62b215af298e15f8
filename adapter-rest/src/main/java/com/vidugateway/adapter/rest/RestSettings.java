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
 * </ul>
 */
@Singleton
final class RestSettings {

    static final String DEFAULT_MAX_REQUEST_SIZE_TEXT = "512MiB";
    static final long DEFAULT_MAX_REQUEST_SIZE = 512L * 1024 * 1024;

    private final ClientKeys keys;
    private final URI publicUrl;
    private final long maxRequestSize;

    RestSettings(@Value("${vidu.api-keys:}") List<String> apiKeys,
                 @Value("${vidu.public-url:}") String publicUrl,
                 @Value("${vidu.max-request-size:" + DEFAULT_MAX_REQUEST_SIZE_TEXT + "}") String maxRequestSize) {
        this.keys = new ClientKeys(apiKeys);
        this.publicUrl = publicUrl(publicUrl);
        this.maxRequestSize = Sizes.parse("VIDU_MAX_REQUEST_SIZE (vidu.max-request-size)", maxRequestSize);
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
