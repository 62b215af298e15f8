package com.vidugateway.bootstrap;

import com.vidugateway.domain.client.ByteSizes;
import com.vidugateway.adapter.rest.RestApiSettings;
import com.vidugateway.application.service.RetentionSettings;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code vidu.*}: the gateway's own settings, read once here for {@code vidu serve} (from the bean context's
 * properties, which {@code application.yml} maps from the environment) and for CLI commands ({@link #fromEnvironment},
 * without a bean context): the same record, the same defaults, the same checks. The values are kept as given (blank
 * is not set); each is read when asked for, so a bad one stops only what needs it, with a message naming it.
 *
 * @param host           {@code VIDU_HOST}: where {@code vidu serve} listens ({@link #bindHost})
 * @param provider       {@code VIDU_PROVIDER}: modelverse or fake ({@link #providerChoice})
 * @param dataDir        {@code VIDU_DATA_DIR} ({@link #dataDirectory})
 * @param storage        {@code VIDU_STORAGE}: file or s3://bucket[/prefix] ({@link #storageSetting})
 * @param models         {@code VIDU_MODELS}: the models offered, comma-separated ({@link #catalogue})
 * @param apiKeys        {@code VIDU_API_KEYS}: client keys
 * @param publicUrl      {@code VIDU_PUBLIC_URL}: the gateway's address as clients reach it ({@link #publicAddress})
 * @param maxRequestSize {@code VIDU_MAX_REQUEST_SIZE} ({@link #requestSizeLimit})
 * @param keepImages     {@code VIDU_KEEP_IMAGES} ({@link #retention})
 * @param keepVideos     {@code VIDU_KEEP_VIDEOS} ({@link #retention})
 */
@ConfigurationProperties("vidu")
record ViduProperties(
        @Nullable String host,
        @Nullable String provider,
        @Nullable String dataDir,
        @Nullable String storage,
        @Nullable String models,
        @Nullable List<String> apiKeys,
        @Nullable String publicUrl,
        @Nullable String maxRequestSize,
        @Nullable String keepImages,
        @Nullable String keepVideos) {

    /** Images and videos under the data directory. */
    static final String DEFAULT_STORAGE = "file";
    /** Where {@code vidu serve} listens without {@code VIDU_HOST} and without client keys. */
    static final String LOOPBACK = "127.0.0.1";

    ViduProperties {
        host = given(host);
        provider = given(provider);
        dataDir = given(dataDir);
        storage = given(storage);
        models = given(models);
        apiKeys = apiKeys == null ? List.of()
                : apiKeys.stream().filter(key -> key != null && !key.isBlank()).map(String::strip).toList();
        publicUrl = given(publicUrl);
        maxRequestSize = given(maxRequestSize);
        keepImages = given(keepImages);
        keepVideos = given(keepVideos);
    }

    /** The settings as a CLI command reads them: the environment variables the README names. */
    static ViduProperties fromEnvironment(Map<String, String> environment) {
        String keys = environment.get("VIDU_API_KEYS");
        return new ViduProperties(environment.get("VIDU_HOST"), environment.get("VIDU_PROVIDER"),
                environment.get(DataDirectory.SETTING), environment.get(StorageFactory.SETTING),
                environment.get("VIDU_MODELS"), keys == null ? null : Arrays.asList(keys.split(",")),
                environment.get("VIDU_PUBLIC_URL"), environment.get("VIDU_MAX_REQUEST_SIZE"),
                environment.get("VIDU_KEEP_IMAGES"), environment.get("VIDU_KEEP_VIDEOS"));
    }

    /**
     * Where the server listens: {@code VIDU_HOST} when it is set; otherwise, with no client key configured, loopback
     * only, because such a server trusts whoever reaches it from this machine and nobody else should reach it at all;
     * with keys, every interface (empty: Micronaut's own default), as a server meant for a network expects. Decided
     * here, not by a placeholder's default, because that default depends on another setting.
     */
    Optional<String> bindHost() {
        if (host != null) {
            return Optional.of(host);
        }
        return apiKeys.isEmpty() ? Optional.of(LOOPBACK) : Optional.empty();
    }

    /** The provider {@code VIDU_PROVIDER} names; unset, Modelverse when its key is set, else the fake. */
    ProviderChoice providerChoice(ModelverseProperties modelverse) {
        return ProviderChoice.of(provider, modelverse.apiKey());
    }

    Path dataDirectory() {
        return DataDirectory.of(dataDir);
    }

    /** {@code VIDU_STORAGE} as {@link StorageFactory#open} reads it; {@value #DEFAULT_STORAGE} when not set. */
    String storageSetting() {
        return storage == null ? DEFAULT_STORAGE : storage;
    }

    /** The models this deployment offers; all of them when {@code VIDU_MODELS} is not set. */
    ModelCatalogue catalogue() {
        List<String> offered = models == null ? List.of()
                : Arrays.stream(models.split(",")).map(String::strip).filter(name -> !name.isEmpty()).toList();
        try {
            return offered.isEmpty() ? ModelCatalogue.STANDARD : ModelCatalogue.STANDARD.restrictedTo(offered);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("VIDU_MODELS: " + e.getMessage(), e);
        }
    }

    /** {@code VIDU_PUBLIC_URL} without a trailing slash; null when each request's Host decides. */
    URI publicAddress() {
        if (publicUrl == null) {
            return null;
        }
        String trimmed = publicUrl;
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException notAUri) {
            uri = null;
        }
        String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("VIDU_PUBLIC_URL (vidu.public-url) must be an http(s) URL such as"
                    + " https://videos.example.com, not '" + publicUrl + "'");
        }
        return uri;
    }

    /** {@code VIDU_MAX_REQUEST_SIZE} in bytes; unset, {@link RestApiSettings#DEFAULT_MAX_REQUEST_SIZE}. */
    long requestSizeLimit() {
        return maxRequestSize == null ? RestApiSettings.DEFAULT_MAX_REQUEST_SIZE
                : ByteSizes.parse("VIDU_MAX_REQUEST_SIZE (vidu.max-request-size)", maxRequestSize);
    }

    /** How long images and videos are kept; unset takes {@link RetentionSettings#defaults()}. */
    RetentionSettings retention() {
        RetentionSettings defaults = RetentionSettings.defaults();
        Duration images = keepImages == null ? defaults.keepImages() : Durations.retention("VIDU_KEEP_IMAGES", keepImages);
        if (images == null) {
            throw new IllegalArgumentException("VIDU_KEEP_IMAGES: '" + keepImages + "' — images need a retention,"
                    + " such as 7d or 30d (a request is never sent after its task ended)");
        }
        Duration videos = keepVideos == null ? defaults.keepVideos() : Durations.retention("VIDU_KEEP_VIDEOS", keepVideos);
        return new RetentionSettings(images, videos, defaults.orphanAfter(), defaults.every());
    }

    /** The client keys stay out of logs and messages: records print every field unless told otherwise. */
    @Override
    public String toString() {
        return "ViduProperties[host=" + host + ", provider=" + provider + ", dataDir=" + dataDir + ", storage="
                + (storage == null ? null : ConfigCommand.redacted(storage)) + ", models=" + models + ", apiKeys=("
                + apiKeys.size() + " keys), publicUrl=" + publicUrl + ", maxRequestSize=" + maxRequestSize
                + ", keepImages=" + keepImages + ", keepVideos=" + keepVideos + "]";
    }

    /** A value as given, blanks around it removed; null when there is none (unset, or set to blanks). */
    static String given(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
