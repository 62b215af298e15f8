package com.vidugateway.bootstrap;

import com.vidugateway.adapter.modelverse.ModelverseSettings;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.net.URI;
import java.util.Map;

/**
 * {@code modelverse.*}: how to reach Modelverse, for {@code vidu serve} and CLI commands alike; unset values take
 * {@link ModelverseSettings}'s defaults (the base URL, 10 s to connect, 60 s to answer), the one place they are written.
 *
 * @param baseUrl        {@code MODELVERSE_BASE_URL}
 * @param apiKey         {@code MODELVERSE_API_KEY}: never printed ({@link #toString})
 * @param connectTimeout {@code modelverse.connect-timeout}, a duration ({@link Durations})
 * @param readTimeout    {@code modelverse.read-timeout}, a duration ({@link Durations})
 */
@ConfigurationProperties("modelverse")
record ModelverseProperties(@Nullable String baseUrl, @Nullable String apiKey, @Nullable String connectTimeout,
                            @Nullable String readTimeout) {

    ModelverseProperties {
        baseUrl = ViduProperties.given(baseUrl);
        apiKey = ViduProperties.given(apiKey);
        connectTimeout = ViduProperties.given(connectTimeout);
        readTimeout = ViduProperties.given(readTimeout);
    }

    /** The settings as a CLI command reads them: the environment variables the README names. */
    static ModelverseProperties fromEnvironment(Map<String, String> environment) {
        return new ModelverseProperties(environment.get("MODELVERSE_BASE_URL"), environment.get("MODELVERSE_API_KEY"),
                null, null);
    }

    /**
     * Checked and typed, for the Modelverse client: asked for only when the provider is Modelverse (a key is needed).
     *
     * @throws IllegalArgumentException a setting is not valid; the message names it, never the key
     */
    ModelverseSettings settings() {
        URI base;
        try {
            base = baseUrl == null ? ModelverseSettings.DEFAULT_BASE_URL : URI.create(baseUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("MODELVERSE_BASE_URL: " + e.getMessage(), e);
        }
        ModelverseSettings defaults = ModelverseSettings.defaults(base, apiKey);
        return new ModelverseSettings(base, apiKey,
                Durations.positive("modelverse.connect-timeout", connectTimeout, defaults.connectTimeout()),
                Durations.positive("modelverse.read-timeout", readTimeout, defaults.readTimeout()));
    }

    /** The key stays out of logs and messages. */
    @Override
    public String toString() {
        return "ModelverseProperties[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "(not set)" : "***")
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + "]";
    }
}
