package com.vidugateway.bootstrap;

import com.vidugateway.adapter.http.HttpVideoDownload;
import com.vidugateway.application.support.DestinationPolicy;
import com.vidugateway.application.port.out.VideoDownload;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How provider videos are downloaded, for {@code serve} and CLI commands alike: under the same address rules as
 * webhooks ({@link DestinationPolicy}), with their own settings ({@link DownloadProperties}) — and the fake provider's own video
 * server (loopback, a port of its own) trusted while the fake is the provider: its URLs work without the setting, and
 * nothing else on loopback does.
 */
final class Downloads {

    private Downloads() {}

    /**
     * @param policy     where videos may come from ({@link DownloadProperties#policy})
     * @param fakeServer where the fake provider serves its videos, once it runs; empty otherwise (also when the
     *                   provider is Modelverse)
     */
    static VideoDownload of(DestinationPolicy policy, Supplier<Optional<InetSocketAddress>> fakeServer) {
        return new HttpVideoDownload(policy, (scheme, host, port) -> scheme.equals("http")
                && fakeServer.get().filter(server -> server.getAddress() != null
                        && server.getAddress().getHostAddress().equals(host) && server.getPort() == port).isPresent());
    }

    /** The fake provider's video server, when {@code generator} is the fake and has started. */
    static Optional<InetSocketAddress> fakeServerOf(Object generator) {
        return generator instanceof LazyVideoGenerator lazy ? lazy.fakeVideoServer() : Optional.empty();
    }
}
