package com.vidugateway.adapter.rest;

import com.vidugateway.domain.text.Sentence;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who may call the gateway, from {@code VIDU_API_KEYS}: each key is its own owner, named by a stable id that
 * reveals nothing of the key ({@code key:} and the first 16 hex digits of its SHA-256). With no key configured,
 * only clients on this machine are served, all as the CLI's owner {@value #LOCAL_OWNER}, so the CLI and the
 * server see the same tasks.
 */
final class ClientKeys {

    /** The owner of the CLI's tasks, and of a key-less server's loopback clients. */
    static final String LOCAL_OWNER = "local";

    /** Headers a proxy adds: a request carrying one came from elsewhere, whatever the socket says. */
    private static final String[] PROXY_HEADERS = {"Forwarded", "X-Forwarded-For", "X-Real-IP"};

    /** What the gateway decided about a request. */
    sealed interface Decision {
    }

    record Allowed(String owner) implements Decision {}

    record Denied(ApiError error) implements Decision {}

    /** SHA-256 of each key (hex) → its owner id: a presented key is hashed and looked up, never compared. */
    private final Map<String, String> ownersByKeyHash = new LinkedHashMap<>();

    ClientKeys(Collection<String> keys) {
        if (keys != null) {
            for (String key : keys) {
                if (key != null && !key.isBlank()) {
                    ownersByKeyHash.put(sha256(key.strip()), ownerOf(key.strip()));
                }
            }
        }
    }

    boolean isEmpty() {
        return ownersByKeyHash.isEmpty();
    }

    int size() {
        return ownersByKeyHash.size();
    }

    /** Every owner a configured key stands for, and the local owner. */
    Collection<String> owners() {
        return ownersByKeyHash.values();
    }

    static String ownerOf(String key) {
        return "key:" + sha256(key).substring(0, 16);
    }

    /**
     * Decides who is calling.
     *
     * @param authorization the Authorization header; null when absent
     * @param remote        the connection's peer address
     * @param headerLookup  the request's headers, to tell a proxied request
     */
    Decision decide(String authorization, InetAddress remote, HeaderLookup headerLookup) {
        if (ownersByKeyHash.isEmpty()) {
            if (!isLocal(remote, headerLookup)) {
                return new Denied(ApiError.forbidden(Sentence.of("api.auth.loopback_only")));
            }
            // A web page the user opens can make the browser talk to loopback through a name it controls (DNS
            // rebinding): the socket is local, but the Host header still carries the page's name.
            String host = headerLookup.get("Host");
            if (!isLoopbackHost(host)) {
                return new Denied(ApiError.forbidden(Sentence.of("api.auth.loopback_host", "host", host == null
                        ? Sentence.of("api.auth.host_missing")
                        : Sentence.of("api.auth.host_other", "host", SubmitBodyReader.abbreviate(host)))));
            }
            return new Allowed(LOCAL_OWNER);
        }
        Optional<String> key = presentedKey(authorization);
        if (key.isEmpty()) {
            return new Denied(ApiError.unauthorized(Sentence.of("api.auth.missing_key")));
        }
        String owner = ownersByKeyHash.get(sha256(key.get()));
        if (owner == null) {
            // The message starts with the provider's own auth_error words in every language (its clients may match them).
            return new Denied(ApiError.unauthorized(Sentence.of("api.auth.unknown_key")));
        }
        return new Allowed(owner);
    }

    /** The raw key of {@code Authorization: <key>} or {@code Authorization: Bearer <key>}. */
    static Optional<String> presentedKey(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String value = authorization.strip();
        if (value.length() > 7 && value.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            value = value.substring(7).strip();
        }
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** A loopback peer that no proxy relayed. */
    static boolean isLocal(InetAddress remote, HeaderLookup headers) {
        if (remote == null || !remote.isLoopbackAddress()) {
            return false;
        }
        for (String header : PROXY_HEADERS) {
            if (headers.get(header) != null) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a Host header names this machine by a name no DNS answer can change: {@code localhost}, an IPv4
     * address in 127.0.0.0/8 or the IPv6 loopback, with or without a port. Nothing is resolved: a name is only
     * loopback by being one of these spellings.
     */
    static boolean isLoopbackHost(String hostHeader) {
        if (hostHeader == null) {
            return false;
        }
        String host = hostHeader.strip().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            if (end < 0 || !isPortOrNothing(host.substring(end + 1))) {
                return false;
            }
            return isIpv6Loopback(host.substring(1, end));
        }
        int colon = host.indexOf(':');
        if (colon >= 0) {
            if (!isPortOrNothing(host.substring(colon))) {
                return false;
            }
            host = host.substring(0, colon);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return host.equals("localhost") || isIpv4Loopback(host);
    }

    // Compiled once: these run on every request without a key (String.matches would compile them each time).
    private static final Pattern PORT = Pattern.compile(":[0-9]{1,5}");
    private static final Pattern OCTET = Pattern.compile("[0-9]{1,3}");

    /** Empty, or {@code :} and 1 to 5 digits. */
    private static boolean isPortOrNothing(String rest) {
        return rest.isEmpty() || PORT.matcher(rest).matches();
    }

    private static boolean isIpv4Loopback(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("127")) {
            return false;
        }
        for (String part : parts) {
            if (!OCTET.matcher(part).matches() || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /** Only hex digits and colons reach InetAddress, so it parses a literal and never asks DNS. */
    private static boolean isIpv6Loopback(String literal) {
        if (literal.isEmpty() || literal.length() > 45 || !literal.matches("[0-9a-f:]+") || !literal.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** A request's headers, by name. */
    @FunctionalInterface
    interface HeaderLookup {
        String get(String name);
    }
}
