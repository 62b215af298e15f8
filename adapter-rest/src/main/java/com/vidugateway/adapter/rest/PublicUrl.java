package com.vidugateway.adapter.rest;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * The gateway's URL as a client reaches it, for the video URLs in answers: {@code vidu.public-url} when set
 * (behind a proxy or TLS terminator, set it), else the request's Host header (checked to be a plain host and
 * port, so a crafted header cannot inject anything into a URL), else the server's own address.
 */
final class PublicUrl {

    private static final Pattern HOST = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9._-]+)(:\\d{1,5})?");

    /**
     * The last Host header found plain, and the URL made of it: the clients of one server mostly send the same few,
     * and a finished task's status poll would otherwise run the check every time.
     */
    private static volatile Checked last;

    private record Checked(boolean secure, String host, String base) {}

    private PublicUrl() {}

    static String of(HttpRequest<?> request, URI configured) {
        if (configured != null) {
            return configured.toString();
        }
        boolean secure = request.isSecure();
        String scheme = secure ? "https" : "http";
        String host = request.getHeaders().get(HttpHeaders.HOST);
        Checked checked = last;
        if (host != null && checked != null && checked.secure() == secure && checked.host().equals(host)) {
            return checked.base();
        }
        if (host != null && HOST.matcher(host.strip()).matches()) {
            String base = scheme + "://" + host.strip();
            last = new Checked(secure, host, base);
            return base;
        }
        var local = request.getServerAddress();
        String address = local.getAddress() == null ? "localhost" : local.getAddress().getHostAddress();
        if (address.contains(":")) {
            address = "[" + address + "]";
        }
        return scheme + "://" + address + ":" + local.getPort();
    }
}
