package com.vidugateway.bootstrap;

import com.vidugateway.adapter.http.HttpVideoDownload;
import com.vidugateway.application.support.DestinationPolicy;
import com.vidugateway.application.port.out.VideoDownload;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * How provider videos are downloaded, for {@code serve} (from the bean context's properties) and CLI commands (from the
 * environment): under the same address rules as webhooks ({@link DestinationPolicy}), with their own settings —
 * {@code VIDU_DOWNLOAD_ALLOW_PRIVATE} and {@code VIDU_DOWNLOAD_ALLOWED_PORTS} — and the fake provider's own video
 * server (loopback, a port of its own) trusted while the fake is the provider: its URLs work without the setting, and
 * nothing else on loopback does.
 */
final class Downloads {

    static final String ALLOW_PRIVATE = "VIDU_DOWNLOAD_ALLOW_PRIVATE";
    static final String ALLOWED_PORTS = "VIDU_DOWNLOAD_ALLOWED_PORTS";

    private Downloads() {}

    /**
     * @param allowPrivate the value of {@value #ALLOW_PRIVATE} ({@code true}/{@code false}; blank = false)
     * @param allowedPorts the value of {@value #ALLOWED_PORTS} (comma-separated port numbers; blank = none)
     * @param fakeServer   where the fake provider serves its videos, once it runs; empty otherwise (also when the
     *                     provider is Modelverse)
     * @throws IllegalArgumentException a setting that is not what it should be; the message names it
     */
    static VideoDownload of(String allowPrivate, String allowedPorts, Supplier<Optional<InetSocketAddress>> fakeServer) {
        DestinationPolicy policy = new DestinationPolicy(flag(ALLOW_PRIVATE, allowPrivate), DestinationPolicy.ports(ALLOWED_PORTS,
                allowedPorts));
        return new HttpVideoDownload(policy, (scheme, host, port) -> scheme.equals("http")
                && fakeServer.get().filter(server -> server.getAddress() != null
                        && server.getAddress().getHostAddress().equals(host) && server.getPort() == port).isPresent());
    }

    /** The fake provider's video server, when {@code generator} is the fake and has started. */
    static Optional<InetSocketAddress> fakeServerOf(Object generator) {
        return generator instanceof LazyVideoGenerator lazy ? lazy.fakeVideoServer() : Optional.empty();
    }

    static boolean flag(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        String flag = value.strip().toLowerCase(Locale.ROOT);
        if (flag.equals("true") || flag.equals("false")) {
            return flag.equals("true");
        }
        throw new IllegalArgumentException(name + ": '" + value.strip() + "' is neither true nor false");
    }
}
