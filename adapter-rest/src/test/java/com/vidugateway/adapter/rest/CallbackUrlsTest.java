package com.vidugateway.adapter.rest;

import com.vidugateway.application.support.DestinationPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CallbackUrlsTest {

    /** A resolver from a table: no DNS in tests. */
    private static final Map<String, String[]> NAMES = Map.of(
            "hooks.example.com", new String[] {"93.184.215.14"},
            "sneaky.example.com", new String[] {"93.184.215.14", "10.0.0.5"},
            "metadata.example.com", new String[] {"169.254.169.254"});

    private final CallbackUrls urls = new CallbackUrls(new DestinationPolicy(false, java.util.Set.of(8080), host -> {
        String[] addresses = NAMES.get(host);
        if (addresses == null) {
            if (host.matches("[0-9a-fA-F:.]+")) {
                return new InetAddress[] {InetAddress.getByName(host)};
            }
            throw new UnknownHostException(host);
        }
        InetAddress[] out = new InetAddress[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            out[i] = InetAddress.getByName(addresses[i]);
        }
        return out;
    }));

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/x", "http://127.8.9.10/", "http://[::1]:8080/", "http://0.0.0.0/",
            "http://10.1.2.3/", "http://172.16.0.1/", "http://172.31.255.255/", "http://192.168.1.1/",
            "http://169.254.169.254/latest/meta-data", "http://[fe80::1]/", "http://[fd00::1]/", "http://[fc00::2]/",
            "http://100.64.0.1/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:10.0.0.1]/", "http://[64:ff9b::a00:1]/",
            "http://[2002:c0a8:0101::1]/", "http://224.0.0.1/", "http://255.255.255.255/",
            "https://sneaky.example.com/hook", "https://metadata.example.com/"})
    void internal_addresses_are_refused(String url) {
        assertThat(urls.check(url)).hasValueSatisfying(reason -> assertThat(reason).contains("private address"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://hooks.example.com/vidu", "http://93.184.215.14:8080/x", "https://[2606:4700::1111]/",
            "HTTPS://hooks.example.com/UPPER"})
    void public_http_urls_pass(String url) {
        assertThat(urls.check(url)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://hooks.example.com/", "file:///etc/passwd", "gopher://x/", "javascript:alert(1)",
            "hooks.example.com/path"})
    void only_http_and_https(String url) {
        assertThat(urls.check(url)).hasValueSatisfying(reason -> assertThat(reason).startsWith("must be an http or https URL"));
    }

    @Test
    void malformed_unresolvable_empty_and_overlong_urls_are_refused_with_a_reason() {
        assertThat(urls.check("http://exa mple.com/")).hasValueSatisfying(r -> assertThat(r).contains("not a valid URL"));
        assertThat(urls.check("https://nowhere.invalid/")).hasValueSatisfying(r -> assertThat(r).contains("does not resolve"));
        assertThat(urls.check("")).hasValueSatisfying(r -> assertThat(r).startsWith("is empty"));
        assertThat(urls.check("https://hooks.example.com/" + "a".repeat(3000)))
                .hasValueSatisfying(r -> assertThat(r).contains("at most 2048"));
        assertThat(urls.check("http:///path")).isPresent();
    }

    @Test
    void configuration_may_allow_private_addresses() {
        CallbackUrls permissive = new CallbackUrls(new DestinationPolicy(true, java.util.Set.of(), host -> {
            throw new UnknownHostException("not consulted");
        }));
        assertThat(permissive.check("http://127.0.0.1/hook")).isEmpty();
        assertThat(permissive.check("ftp://127.0.0.1/")).isPresent();
        assertThat(permissive.check("http://127.0.0.1:9000/hook")).as("private addresses, not other ports")
                .hasValueSatisfying(r -> assertThat(r).contains("port 9000").contains("VIDU_WEBHOOK_ALLOWED_PORTS"));
    }

    @Test
    void ports_80_and_443_and_the_configured_ones_only() {
        assertThat(urls.check("http://93.184.215.14/x")).isEmpty();
        assertThat(urls.check("https://93.184.215.14/x")).isEmpty();
        assertThat(urls.check("http://93.184.215.14:443/x")).isEmpty();
        assertThat(urls.check("https://93.184.215.14:80/x")).isEmpty();
        assertThat(urls.check("http://93.184.215.14:8080/x")).as("configured here").isEmpty();
        assertThat(urls.check("http://93.184.215.14:22/x")).hasValueSatisfying(r -> assertThat(r)
                .isEqualTo("uses port 22; webhooks go to port 80, 443 or 8080 only (its operator can allow more"
                        + " with VIDU_WEBHOOK_ALLOWED_PORTS)"));
        assertThat(new CallbackUrls(new DestinationPolicy(false, java.util.Set.of())).check("https://93.184.215.14:8443/x"))
                .hasValueSatisfying(r -> assertThat(r).startsWith("uses port 8443; webhooks go to port 80 or 443 only"
                        + " (its operator"));
    }

    @Test
    void resolving_gives_the_checked_addresses_and_what_the_request_says() {
        CallbackUrls.Resolution resolution = urls.resolve("https://hooks.example.com/vidu/in?x=1#top");

        assertThat(resolution).isInstanceOf(CallbackUrls.Target.class);
        CallbackUrls.Target target = (CallbackUrls.Target) resolution;
        assertThat(target.https()).isTrue();
        assertThat(target.host()).isEqualTo("hooks.example.com");
        assertThat(target.port()).isEqualTo(443);
        assertThat(target.target()).isEqualTo("/vidu/in?x=1");
        assertThat(target.hostHeader()).isEqualTo("hooks.example.com");
        assertThat(target.addresses()).extracting(InetAddress::getHostAddress).containsExactly("93.184.215.14");
        assertThat(((CallbackUrls.Target) urls.resolve("http://[2606:4700::1111]:8080")).hostHeader())
                .isEqualTo("[2606:4700::1111]:8080");
        assertThat(((CallbackUrls.Target) urls.resolve("http://[2606:4700::1111]:8080")).target()).isEqualTo("/");
        assertThat(urls.resolve("https://nowhere.invalid/")).isInstanceOfSatisfying(CallbackUrls.Refused.class,
                refused -> assertThat(refused).extracting(CallbackUrls.Refused::reason, CallbackUrls.Refused::retryable)
                        .containsExactly("host 'nowhere.invalid' does not resolve to an address", true));
        assertThat(urls.resolve("https://sneaky.example.com/")).isInstanceOfSatisfying(CallbackUrls.Refused.class,
                refused -> assertThat(refused.retryable()).isFalse());
    }
}
