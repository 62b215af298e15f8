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
 */
public record ModelverseSettings(
        URI baseUrl,
        String apiKey,
        Duration connectTimeout,
        Duration readTimeout) {

    public static final URI DEFAULT_BASE_URL = URI.create("https://api.modelverse.cn");

    public ModelverseSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("MODELVERSE_API_KEY is not set: the Modelverse provider needs an API key");
        }
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException("MODELVERSE_BASE_URL must be an http(s) URL, got " + baseUrl);
        }
    }

    /** Production defaults: 10 s to connect, 60 s to answer. */
    public static ModelverseSettings defaults(URI baseUrl, String apiKey) {
        return new ModelverseSettings(baseUrl, apiKey, Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    /** The key stays out of logs and messages: records print every field unless told otherwise. */
    @Override
    public String toString() {
        return "ModelverseSettings[baseUrl=" + baseUrl + ", apiKey=***, connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + "]";
    }
}
