package com.vidugateway.adapter.modelverse;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach Modelverse and how patiently.
 *
 * @param baseUrl         {@code MODELVERSE_BASE_URL}, default {@code https://api.modelverse.cn}
 * @param apiKey          {@code MODELVERSE_API_KEY}; sent raw in {@code Authorization}, never printed
 * @param connectTimeout  to open a connection
 * @param readTimeout     to wait for an answer; for a submit, counted from the last bytes of the request the
 *                        connection took, so a large body has the time its upload takes while a provider that
 *                        stops taking it is given this long
 * @param statusAttempts  reads of one status, retries included (408, 429, 5xx, timeouts)
 * @param submitAttempts  sends of one submit; a resend happens only when the first certainly never
 *                        reached the provider (connection refused, 429)
 * @param initialBackoff  the first wait between attempts; doubled each time, with jitter
 * @param maxBackoff      the longest wait between attempts, Retry-After included
 */
public record ModelverseSettings(
        URI baseUrl,
        String apiKey,
        Duration connectTimeout,
        Duration readTimeout,
        int statusAttempts,
        int submitAttempts,
        Duration initialBackoff,
        Duration maxBackoff) {

    public static final URI DEFAULT_BASE_URL = URI.create("https://api.modelverse.cn");

    public ModelverseSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("MODELVERSE_API_KEY is not set: the Modelverse provider needs an API key");
        }
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException("MODELVERSE_BASE_URL must be an http(s) URL, got " + baseUrl);
        }
        if (statusAttempts < 1 || submitAttempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
    }

    /** Production defaults: 10 s to connect, 60 s to answer, 4 status reads, 3 submit sends, 0.5–30 s backoff. */
    public static ModelverseSettings defaults(URI baseUrl, String apiKey) {
        return new ModelverseSettings(baseUrl, apiKey, Duration.ofSeconds(10), Duration.ofSeconds(60),
                4, 3, Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    /** The key stays out of logs and messages: records print every field unless told otherwise. */
    @Override
    public String toString() {
        return "ModelverseSettings[baseUrl=" + baseUrl + ", apiKey=***, connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", statusAttempts=" + statusAttempts + ", submitAttempts="
                + submitAttempts + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff + "]";
    }
}
