package com.vidugateway.bootstrap;

import com.vidugateway.application.port.out.VideoDownload;
import com.vidugateway.application.support.DestinationPolicy;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code vidu.downloads.*}: where provider videos may be downloaded from, for {@code vidu serve} and CLI commands alike
 * (the same rules as webhooks, {@link DestinationPolicy}, with their own settings).
 *
 * @param allowPrivateAddresses {@code VIDU_DOWNLOAD_ALLOW_PRIVATE}: true or false (default false)
 * @param allowedPorts          {@code VIDU_DOWNLOAD_ALLOWED_PORTS}: ports besides 80 and 443, comma-separated
 */
@ConfigurationProperties("vidu.downloads")
record DownloadProperties(@Nullable String allowPrivateAddresses, @Nullable String allowedPorts) {

    static final String ALLOW_PRIVATE = "VIDU_DOWNLOAD_ALLOW_PRIVATE";
    static final String ALLOWED_PORTS = "VIDU_DOWNLOAD_ALLOWED_PORTS";

    DownloadProperties {
        allowPrivateAddresses = ViduProperties.given(allowPrivateAddresses);
        allowedPorts = ViduProperties.given(allowedPorts);
    }

    /** The settings as a CLI command reads them: the environment variables the README names. */
    static DownloadProperties fromEnvironment(Map<String, String> environment) {
        return new DownloadProperties(environment.get(ALLOW_PRIVATE), environment.get(ALLOWED_PORTS));
    }

    /** @throws IllegalArgumentException a setting is not what it should be; the message names it */
    DestinationPolicy policy() {
        return new DestinationPolicy(Flags.of(ALLOW_PRIVATE, allowPrivateAddresses),
                DestinationPolicy.ports(ALLOWED_PORTS, allowedPorts));
    }

    /** Downloads under {@link #policy}, the fake provider's own video server trusted while it runs. */
    VideoDownload download(Supplier<Optional<InetSocketAddress>> fakeServer) {
        return Downloads.of(policy(), fakeServer);
    }
}
