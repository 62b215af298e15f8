package com.vidugateway.application.support;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where the gateway may connect on someone else's word — a client's webhook URL, a provider's result URL: one policy
 * for both (the callback URL check at submit, every webhook delivery and every video download apply this same class,
 * each with its own settings). Ports 80 and 443 only, unless the operator allows more; and every address a host resolves to must be
 * public — never loopback, link-local, private, unique-local, carrier-grade NAT, multicast, unspecified or reserved —
 * unless the operator allows those, so that nobody can make the gateway reach its own neighbours (SSRF).
 *
 * <p>{@link #resolve} resolves a host once and returns the addresses it checked: a caller connects to those and to
 * nothing else, so a DNS answer that changes in between (DNS rebinding) cannot move the connection.
 */
public final class DestinationPolicy {

    /** Resolves a host name: the JDK's resolver in production, a table in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** The ports any destination may use: HTTP's and HTTPS's. */
    public static final Set<Integer> STANDARD_PORTS = Set.of(80, 443);

    /** What {@link #resolve} made of a host: its addresses, every one checked, or why it may not be reached. */
    public sealed interface Resolution permits Addresses, Refused {
    }

    /** @param addresses every address the host has, each one allowed; connect to these only */
    public record Addresses(List<InetAddress> addresses) implements Resolution {
        public Addresses {
            addresses = List.copyOf(addresses);
            if (addresses.isEmpty()) {
                throw new IllegalArgumentException("a host that may be reached has an address");
            }
        }
    }

    /** Why a destination may not be reached. */
    public sealed interface Refused extends Resolution permits Unresolved, Internal, PortNotAllowed {
        /** In English, for a log, a task's history or an error message. */
        String reason();
    }

    /** The host does not resolve now (it may later). */
    public record Unresolved(String host) implements Refused {
        @Override
        public String reason() {
            return host + " does not resolve";
        }
    }

    /**
     * The host has an internal address.
     *
     * @param kind what the address is, in words ({@link #kindOf})
     */
    public record Internal(String host, InetAddress address, String kind) implements Refused {
        @Override
        public String reason() {
            String literal = address.getHostAddress();
            return (host.equals(literal) ? literal + " is" : host + " resolves to " + literal + ",") + " a " + kind
                    + " address";
        }
    }

    /** The port is not one of the allowed ones. */
    public record PortNotAllowed(int port, Set<Integer> allowed) implements Refused {
        @Override
        public String reason() {
            return "port " + port + " is not allowed (" + allowed.stream().map(String::valueOf)
                    .reduce((a, b) -> a + ", " + b).orElse("none") + " are)";
        }
    }

    private final boolean allowPrivateAddresses;
    private final Set<Integer> allowedPorts;
    private final Resolver resolver;

    /**
     * @param allowPrivateAddresses let destinations be internal addresses (a receiver, a provider stub on the
     *                              operator's own network)
     * @param extraPorts            ports allowed besides 80 and 443
     * @param resolver              how host names are resolved
     */
    public DestinationPolicy(boolean allowPrivateAddresses, Set<Integer> extraPorts, Resolver resolver) {
        this.allowPrivateAddresses = allowPrivateAddresses;
        Set<Integer> ports = new TreeSet<>(STANDARD_PORTS);
        ports.addAll(extraPorts);
        this.allowedPorts = Collections.unmodifiableSet(ports);
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** The policy with the system's resolver. */
    public DestinationPolicy(boolean allowPrivateAddresses, Set<Integer> extraPorts) {
        this(allowPrivateAddresses, extraPorts, InetAddress::getAllByName);
    }

    /**
     * A setting's ports, {@code 8080,8443}: each a port number (1-65535); blank = none. The one parser of
     * {@code VIDU_WEBHOOK_ALLOWED_PORTS} and {@code VIDU_DOWNLOAD_ALLOWED_PORTS}.
     *
     * @throws IllegalArgumentException a part is not a port number; the message names {@code setting}
     */
    public static Set<Integer> ports(String setting, String value) {
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        Set<Integer> ports = new TreeSet<>();
        for (String part : value.split(",")) {
            String port = part.strip();
            if (port.isEmpty()) {
                continue;
            }
            if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw new IllegalArgumentException(setting + ": port numbers (1-65535), comma-separated, such as"
                        + " 8080,8443; not '" + (port.length() > 20 ? port.substring(0, 20) + "…" : port) + "'");
            }
            ports.add(Integer.parseInt(port));
        }
        return Collections.unmodifiableSet(ports);
    }

    public boolean allowsPrivateAddresses() {
        return allowPrivateAddresses;
    }

    /** The ports a destination may use, in order. */
    public Set<Integer> allowedPorts() {
        return allowedPorts;
    }

    /** Why {@code port} may not be used; empty when it may. */
    public Optional<Refused> checkPort(int port) {
        return allowedPorts.contains(port) ? Optional.empty() : Optional.of(new PortNotAllowed(port, allowedPorts));
    }

    /** Why {@code address} (of {@code host}) may not be connected to; empty when it may. */
    public Optional<Refused> checkAddress(String host, InetAddress address) {
        if (allowPrivateAddresses || !isInternal(address)) {
            return Optional.empty();
        }
        return Optional.of(new Internal(host, address, kindOf(address)));
    }

    /**
     * Resolves {@code host} once (an IP literal is its own address) and checks every address it has: one internal
     * address refuses the host, whatever the others are.
     */
    public Resolution resolve(String host) {
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException | SecurityException e) {
            return new Unresolved(host);
        }
        if (addresses == null || addresses.length == 0) {
            return new Unresolved(host);
        }
        for (InetAddress address : addresses) {
            Optional<Refused> refused = checkAddress(host, address);
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        return new Addresses(List.of(addresses));
    }

    /** Loopback, link-local, private, unique-local, CGNAT, multicast, unspecified, reserved or broadcast. */
    public static boolean isInternal(InetAddress address) {
        return kindOrNull(address) != null;
    }

    /** What an internal address is, in words ("loopback", "private"…); "public" for any other. */
    public static String kindOf(InetAddress address) {
        String kind = kindOrNull(address);
        return kind == null ? "public" : kind;
    }

    private static String kindOrNull(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local";
        }
        if (address.isSiteLocalAddress()) {
            return "private";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return "unspecified";                                        // 0.0.0.0/8 "this network"
            }
            if (first == 100 && (second & 0xc0) == 64) {
                return "carrier-grade NAT";                                  // 100.64.0.0/10
            }
            if ((first == 192 && second == 0 && (b[2] & 0xff) == 0)        // 192.0.0.0/24 protocol assignments
                    || (first == 198 && (second & 0xfe) == 18)              // 198.18.0.0/15 benchmarking
                    || first >= 240) {                                      // 240/4 reserved, 255.255.255.255
                return "reserved";
            }
            return null;
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return "private";                                            // fc00::/7 unique local
            }
            return embeddedIpv4(b).map(DestinationPolicy::kindOrNull).orElse(null);
        }
        return null;
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
