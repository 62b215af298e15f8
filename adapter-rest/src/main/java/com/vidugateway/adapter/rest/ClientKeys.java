package com.vidugateway.adapter.rest;

import com.vidugateway.application.port.in.IdentifyClient;
import com.vidugateway.application.port.in.ManageClients;
import com.vidugateway.domain.client.ApiKeys;
import com.vidugateway.domain.text.Sentence;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Who may call the gateway: the holder of a client's key ({@code vidu clients add}, or a {@code VIDU_API_KEYS} key,
 * which is a client of its own), decided by the client directory ({@link IdentifyClient}) that every instance shares
 * through the task database, so a key revoked anywhere is refused here too; or the operator ({@code VIDU_ADMIN_KEY}),
 * who reaches the admin routes and everyone's usage, never tasks. With no client key at all, only clients on this
 * machine are served, all as the CLI's owner {@value #LOCAL_OWNER}, so the CLI and the server see the same tasks.
 */
final class ClientKeys {

    /** The owner of the CLI's tasks, and of a key-less server's loopback clients. */
    static final String LOCAL_OWNER = ApiKeys.LOCAL_CLIENT;

    /** Headers a proxy adds: a request carrying one came from elsewhere, whatever the socket says. */
    private static final String[] PROXY_HEADERS = {"Forwarded", "X-Forwarded-For", "X-Real-IP"};

    /** What the gateway decided about a request. */
    sealed interface Decision {
    }

    record Allowed(String owner) implements Decision {}

    /** The operator's key: admin routes and every client's usage. */
    record Operator() implements Decision {}

    record Denied(ApiError error) implements Decision {}

    private final List<String> settingsKeys;
    private final String adminKeyHash;
    private final Supplier<IdentifyClient> directory;
    private volatile IdentifyClient resolvedDirectory;
    private final Supplier<ManageClients> clients;
    /** Whether the {@code VIDU_API_KEYS} keys are clients in the directory yet ({@link #adoptSettingsKeys}). */
    private volatile boolean adopted;

    /**
     * @param settingsKeys the {@code VIDU_API_KEYS} keys (made clients at start): with one, keys are required even
     *                     before the directory has them
     * @param adminKey     {@code VIDU_ADMIN_KEY}; null when not set
     */
    ClientKeys(Collection<String> settingsKeys, String adminKey, Supplier<IdentifyClient> directory,
               Supplier<ManageClients> clients) {
        this.settingsKeys = settingsKeys == null ? List.of()
                : settingsKeys.stream().filter(key -> key != null && !key.isBlank()).map(String::strip).toList();
        this.adminKeyHash = adminKey == null || adminKey.isBlank() ? null : ApiKeys.hash(adminKey.strip());
        this.directory = directory;
        this.clients = clients;
        this.adopted = this.settingsKeys.isEmpty();
    }

    /**
     * Makes the {@code VIDU_API_KEYS} keys clients of the shared directory (at start, and again on a request while it
     * has not worked: the database may be down when the server starts). A key an operator revoked stays revoked.
     */
    void adoptSettingsKeys() {
        if (adopted) {
            return;
        }
        synchronized (this) {
            if (!adopted) {
                clients.get().adoptSettingsKeys(settingsKeys);
                adopted = true;
            }
        }
    }

    /** The directory, looked up once (a bean lookup on every request would cost the status polls). */
    private IdentifyClient directory() {
        IdentifyClient found = resolvedDirectory;
        if (found == null) {
            found = directory.get();
            resolvedDirectory = found;
        }
        return found;
    }

    /** Whether a caller must present a key: some client has one (here or in the shared directory). */
    boolean keysRequired() {
        return !settingsKeys.isEmpty() || directory().anyKeys();
    }

    int settingsKeyCount() {
        return settingsKeys.size();
    }

    boolean hasOperatorKey() {
        return adminKeyHash != null;
    }

    static String ownerOf(String key) {
        return ApiKeys.settingsKeyClient(key);
    }

    /**
     * Decides who is calling.
     *
     * @param authorization the Authorization header; null when absent
     * @param remote        the connection's peer address
     * @param headerLookup  the request's headers, to tell a proxied request
     */
    Decision decide(String authorization, InetAddress remote, HeaderLookup headerLookup) {
        if (!adopted) {
            try {
                adoptSettingsKeys();
            } catch (RuntimeException notYet) {
                // Tried again on the next request; until then the settings keys are not known to the directory, and
                // the directory's own failure (the same database) answers this request.
            }
        }
        Optional<String> key = presentedKey(authorization);
        if (key.isPresent() && adminKeyHash != null && MessageDigest.isEqual(
                adminKeyHash.getBytes(StandardCharsets.US_ASCII), ApiKeys.hash(key.get()).getBytes(StandardCharsets.US_ASCII))) {
            return new Operator();
        }
        if (!keysRequired()) {
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
        if (key.isEmpty()) {
            return new Denied(ApiError.unauthorized(Sentence.of("api.auth.missing_key")));
        }
        Optional<String> client = directory().clientOfKey(key.get());
        if (client.isEmpty()) {
            // The message starts with the provider's own auth_error words in every language (its clients may match them).
            return new Denied(ApiError.unauthorized(Sentence.of("api.auth.unknown_key")));
        }
        return new Allowed(client.get());
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

    /** A request's headers, by name. */
    @FunctionalInterface
    interface HeaderLookup {
        String get(String name);
    }
}
