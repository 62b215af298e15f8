package com.vidugateway.adapter.rest;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which webhook URLs the gateway may call: {@code http(s)} only, and — unless configuration allows it — never
 * an address inside the gateway's own network (loopback, link-local, private, unique-local, carrier-grade
 * NAT, multicast, unspecified), so that a client cannot make the gateway probe its neighbours (SSRF). Every
 * address a host name resolves to must pass; the check is repeated before every delivery.
 */
public final class CallbackUrls {

    /** Resolves a host name (the JDK's resolver in production, a table in tests). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    static final int MAX_LENGTH = 2048;

    private final boolean allowPrivateAddresses;
    private final Resolver resolver;

    public CallbackUrls(boolean allowPrivateAddresses) {
        this(allowPrivateAddresses, InetAddress::getAllByName);
    }

    public CallbackUrls(boolean allowPrivateAddresses, Resolver resolver) {
        this.allowPrivateAddresses = allowPrivateAddresses;
        this.resolver = resolver;
    }

    /**
     * @return why the URL may not be called, in words for the client; empty when it may
     */
    public Optional<String> check(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("is empty; give an http(s) URL the gateway can POST the task's status to");
        }
        if (url.length() > MAX_LENGTH) {
            return Optional.of("is " + url.length() + " characters long; at most " + MAX_LENGTH + " are allowed");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("'" + SubmitBodyReader.abbreviate(url) + "' is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("must be an http or https URL, not '" + SubmitBodyReader.abbreviate(url) + "'");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            return Optional.of("'" + SubmitBodyReader.abbreviate(url) + "' has no valid host name");
        }
        if (allowPrivateAddresses) {
            return Optional.empty();
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException | SecurityException e) {
            return Optional.of("host '" + SubmitBodyReader.abbreviate(host) + "' does not resolve to an address");
        }
        if (addresses == null || addresses.length == 0) {
            return Optional.of("host '" + SubmitBodyReader.abbreviate(host) + "' does not resolve to an address");
        }
        for (InetAddress address : addresses) {
            if (isInternal(address)) {
                return Optional.of("'" + SubmitBodyReader.abbreviate(host) + "' resolves to " + address.getHostAddress()
                        + ", a loopback, link-local or private address; the gateway calls only public addresses"
                        + " (its operator can allow private ones with VIDU_WEBHOOK_ALLOW_PRIVATE)");
            }
        }
        return Optional.empty();
    }

    /** Loopback, link-local, private, unique-local, CGNAT, multicast, unspecified or broadcast. */
    public static boolean isInternal(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0                                      // 0.0.0.0/8 "this network"
                    || (first == 100 && (second & 0xc0) == 64)      // 100.64.0.0/10 carrier-grade NAT
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0.0/24 protocol assignments
                    || (first == 198 && (second & 0xfe) == 18)      // 198.18.0.0/15 benchmarking
                    || first >= 240;                                // 240/4 reserved, 255.255.255.255 broadcast
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return true;                                        // fc00::/7 unique local
            }
            Optional<InetAddress> embedded = embeddedIpv4(b);
            return embedded.isPresent() && isInternal(embedded.get());
        }
        return false;
    }

    /** The IPv4 address inside an IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
    private static Optional<InetAddress> embeddedIpv4(byte[] b) {
        try {
            boolean zeroPrefix = true;
            for (int i = 0; i < 12; i++) {
                zeroPrefix &= b[i] == 0;
            }
            boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff
                    && (b[3] & 0xff) == 0x9b;
            for (int i = 4; nat64 && i < 12; i++) {
                nat64 = b[i] == 0;
            }
            if (zeroPrefix || nat64) {
                return Optional.of(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
                return Optional.of(InetAddress.getByAddress(new byte[] {b[2], b[3], b[4], b[5]}));
            }
            return Optional.empty();
        } catch (UnknownHostException impossible) {
            return Optional.empty();
        }
    }
}
