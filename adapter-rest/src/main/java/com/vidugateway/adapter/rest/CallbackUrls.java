package com.vidugateway.adapter.rest;

import com.vidugateway.application.support.DestinationPolicy;
import com.vidugateway.domain.text.Sentence;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which webhook URLs the gateway may call: {@code http(s)} only, on port 80 or 443 (or a port the operator
 * allows, {@code VIDU_WEBHOOK_ALLOWED_PORTS}), and — unless configuration allows it — never an address inside the
 * gateway's own network (loopback, link-local, private, unique-local, carrier-grade NAT, multicast, unspecified),
 * so that a client cannot make the gateway probe its neighbours (SSRF). Every address a host name resolves to must
 * pass. The ports and addresses are {@link DestinationPolicy}'s rules, the same ones video downloads follow; this
 * class adds the URL's own rules and says why in the client's language.
 *
 * <p>{@link #check} is the submit-time answer (words for the client). The delivery checks again, by the same
 * {@link DestinationPolicy}, and connects only to the addresses it checked (the webhook adapter's sender).
 */
public final class CallbackUrls {

    /** The name of the callback URLs' {@link DestinationPolicy} bean. */
    public static final String POLICY = "callbacks";

    /** The ports any callback URL may use: HTTP's and HTTPS's. */
    public static final Set<Integer> STANDARD_PORTS = DestinationPolicy.STANDARD_PORTS;

    static final int MAX_LENGTH = 2048;

    /** What {@link #resolve} made of a URL: a target to connect to, or why not. */
    public sealed interface Resolution permits Target, Refused {
    }

    /**
     * A URL that may be called, with the addresses it was checked at.
     *
     * @param https     whether TLS is spoken (and the certificate checked for {@code host})
     * @param host      the URL's host as written, without IPv6 brackets: the {@code Host} header, the TLS server name
     * @param port      the port to connect to (the scheme's default when the URL has none)
     * @param target    the request target: path and query ({@code /} when the URL has no path), no fragment
     * @param addresses every address the host resolved to, each one checked; connect to these only
     */
    public record Target(boolean https, String host, int port, String target, List<InetAddress> addresses)
            implements Resolution {
        public Target {
            addresses = List.copyOf(addresses);
        }

        /** The {@code Host} header: the name as written, and the port unless it is the scheme's default. */
        public String hostHeader() {
            String name = host.contains(":") ? "[" + host + "]" : host;
            return port == (https ? 443 : 80) ? name : name + ":" + port;
        }
    }

    /**
     * @param why       why, in words for the client (never the URL's path or query), in the client's language
     * @param retryable whether the same URL may pass later (a host that does not resolve now); a URL refused by
     *                  the rules (scheme, port, a private address) never will
     */
    public record Refused(Sentence why, boolean retryable) implements Resolution {
        /** Why, in English (a delivery's history). */
        public String reason() {
            return why.english();
        }
    }

    private final boolean allowPrivateAddresses;
    private final DestinationPolicy policy;

    /**
     * @param policy the destination rules callbacks follow ({@code VIDU_WEBHOOK_ALLOW_PRIVATE},
     *               {@code VIDU_WEBHOOK_ALLOWED_PORTS}): the bean named {@value #POLICY}, the very rules the webhook
     *               adapter delivers by
     */
    public CallbackUrls(DestinationPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.allowPrivateAddresses = policy.allowsPrivateAddresses();
    }

    /** The ports a callback URL may use, in order. */
    public Set<Integer> allowedPorts() {
        return policy.allowedPorts();
    }

    /**
     * The submit-time check. With private addresses allowed nothing is resolved (the name may be one only the
     * receiver's network knows); otherwise the host must resolve, and to public addresses only.
     *
     * @return why the URL may not be called, in words for the client; empty when it may
     */
    public Optional<String> check(String url) {
        return refusal(url).map(Sentence::english);
    }

    /** Like {@link #check}, why the URL may not be called as a text to say in the client's language. */
    Optional<Sentence> refusal(String url) {
        Resolution resolution = allowPrivateAddresses ? parse(url) : resolve(url);
        return resolution instanceof Refused refused ? Optional.of(refused.why()) : Optional.empty();
    }

    /**
     * The delivery-time check: the URL's rules, then the host resolved once and every address it has checked.
     * The result's addresses are the only ones a delivery may connect to.
     */
    public Resolution resolve(String url) {
        Resolution parsed = parse(url);
        if (!(parsed instanceof Target target)) {
            return parsed;
        }
        DestinationPolicy.Resolution resolution = policy.resolve(target.host());
        if (resolution instanceof DestinationPolicy.Internal internal) {
            return new Refused(Sentence.of("api.callback.private", "host", SubmitBodyReader.abbreviate(target.host()),
                    "address", internal.address().getHostAddress()), false);
        }
        if (!(resolution instanceof DestinationPolicy.Addresses addresses)) {
            return new Refused(doesNotResolve(target.host()), true);
        }
        return new Target(target.https(), target.host(), target.port(), target.target(), addresses.addresses());
    }

    private static Sentence doesNotResolve(String host) {
        return Sentence.of("api.callback.unresolved", "host", SubmitBodyReader.abbreviate(host));
    }

    /** The URL's own rules: length, syntax, scheme, host, port. A target without addresses yet. */
    private Resolution parse(String url) {
        if (url == null || url.isBlank()) {
            return new Refused(Sentence.of("api.callback.empty"), false);
        }
        if (url.length() > MAX_LENGTH) {
            return new Refused(Sentence.of("api.callback.too_long", "length", url.length(), "max", MAX_LENGTH), false);
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return new Refused(Sentence.of("api.callback.invalid", "url", SubmitBodyReader.abbreviate(url),
                    "reason", e.getReason()), false);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return new Refused(Sentence.of("api.callback.scheme", "url", SubmitBodyReader.abbreviate(url)), false);
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            return new Refused(Sentence.of("api.callback.no_host", "url", SubmitBodyReader.abbreviate(url)), false);
        }
        boolean https = scheme.equals("https");
        int port = uri.getPort() == -1 ? (https ? 443 : 80) : uri.getPort();
        if (policy.checkPort(port).isPresent()) {
            return new Refused(Sentence.of("api.callback.port", "port", port, "ports", portsText()), false);
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.endsWith(".")) {
            bare = bare.substring(0, bare.length() - 1); // the same name; TLS server names have no trailing dot
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        return new Target(https, bare, port, target, List.of());
    }

    /** {@code 80 or 443}, {@code 80, 443 or 8080}. */
    private Sentence portsText() {
        List<String> ports = policy.allowedPorts().stream().map(String::valueOf).toList();
        return Sentence.of("api.callback.ports", "first", String.join(", ", ports.subList(0, ports.size() - 1)),
                "last", ports.get(ports.size() - 1));
    }
}
