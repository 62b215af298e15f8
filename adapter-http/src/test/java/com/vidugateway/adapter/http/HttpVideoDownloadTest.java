package com.vidugateway.adapter.http;

import static com.vidugateway.application.testing.VideoSources.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.vidugateway.application.support.DestinationPolicy;
import com.vidugateway.application.port.out.VideoArchive;
import com.vidugateway.application.port.out.VideoDownload;
import com.vidugateway.domain.task.TaskId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where a provider's video may come from: the webhook rules ({@link DestinationPolicy}) on every hop, to the very
 * addresses checked. Two servers on loopback — the provider's storage, and a neighbour that must never be reached
 * unless allowed — and names resolved from a table, so nothing leaves the machine.
 */
class HttpVideoDownloadTest {

    private static final TaskId TASK = new TaskId("task-1");
    private static final byte[] VIDEO = "not really an mp4, but bytes all the same".repeat(1000).getBytes();

    private HttpServer provider;
    private HttpServer neighbour;
    /** The requests each server received: path and Host header. */
    private final List<String> providerRequests = new CopyOnWriteArrayList<>();
    private final List<String> neighbourRequests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void serve() throws IOException {
        neighbour = server();
        handle(neighbour, neighbourRequests, "/secret.mp4", exchange -> send(exchange, 200, VIDEO, VIDEO.length));
        neighbour.start();
        int neighbourPort = neighbour.getAddress().getPort();
        provider = server();
        handle(provider, providerRequests, "/video.mp4", exchange -> send(exchange, 200, VIDEO, VIDEO.length));
        handle(provider, providerRequests, "/to-neighbour",
                exchange -> redirect(exchange, "http://127.0.0.1:" + neighbourPort + "/secret.mp4"));
        handle(provider, providerRequests, "/to-localhost",
                exchange -> redirect(exchange, "http://localhost:" + neighbourPort + "/secret.mp4"));
        handle(provider, providerRequests, "/to-private",
                exchange -> redirect(exchange, "http://10.0.0.1/secret.mp4"));
        handle(provider, providerRequests, "/to-itself", exchange -> redirect(exchange, "/video.mp4"));
        handle(provider, providerRequests, "/loop", exchange -> redirect(exchange, "/loop"));
        provider.start();
    }

    @AfterEach
    void stop() {
        provider.stop(0);
        neighbour.stop(0);
    }

    // --- refused --------------------------------------------------------------------------------------------------

    @Test
    void a_result_url_on_loopback_is_refused_before_anything_is_sent_and_says_why() {
        VideoDownload strict = download(false, TrustedOriginsForTest.none());
        URI url = URI.create("http://127.0.0.1:" + neighbour.getAddress().getPort() + "/secret.mp4");

        assertThatThrownBy(() -> fetch(strict, url))
                .isInstanceOf(VideoArchive.ArchiveFailure.class)
                .hasMessage("the video of task task-1 was not downloaded: 127.0.0.1 is a loopback address; result URLs"
                        + " may not reach loopback, link-local or private addresses (VIDU_DOWNLOAD_ALLOW_PRIVATE=true"
                        + " allows them)");
        assertThat(neighbourRequests).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://10.1.2.3/v.mp4", "https://192.168.0.10/v.mp4", "http://172.16.5.4/v.mp4",
            "http://169.254.169.254/latest/meta-data", "http://100.64.0.1/v.mp4", "http://0.0.0.0/v.mp4",
            "http://[::1]/v.mp4", "http://[fd00::1]/v.mp4", "http://[::ffff:127.0.0.1]/v.mp4"})
    void internal_addresses_in_any_spelling_are_refused(String url) {
        assertThatThrownBy(() -> fetch(download(false, TrustedOriginsForTest.none()), URI.create(url)))
                .isInstanceOf(VideoArchive.ArchiveFailure.class)
                .hasMessageContaining("was not downloaded")
                .hasMessageContaining("VIDU_DOWNLOAD_ALLOW_PRIVATE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2130706433", "127.1", "[::ffff:7f00:1]", "[::127.0.0.1]"})
    void odd_spellings_of_loopback_reach_nothing(String host) {
        // Some parsers read these as 127.0.0.1, a URI reads some as no host at all: refused either way.
        assertThatThrownBy(() -> fetch(download(false, TrustedOriginsForTest.none()),
                URI.create("http://" + host + ":" + neighbour.getAddress().getPort() + "/secret.mp4")))
                .isInstanceOf(VideoArchive.ArchiveFailure.class).hasMessageContaining("was not downloaded");
        assertThat(neighbourRequests).isEmpty();
    }

    @Test
    void a_name_that_resolves_to_loopback_is_refused() {
        VideoDownload strict = download(false, TrustedOriginsForTest.none(),
                Map.of("videos.example", new byte[] {(byte) 93, (byte) 184, (byte) 215, 14},
                        "cdn.example", new byte[] {127, 0, 0, 1}));
        URI url = URI.create("http://cdn.example:" + neighbour.getAddress().getPort() + "/secret.mp4");

        assertThatThrownBy(() -> fetch(strict, url))
                .isInstanceOf(VideoArchive.ArchiveFailure.class)
                .hasMessageContaining("cdn.example resolves to 127.0.0.1, a loopback address")
                .hasMessageContaining("VIDU_DOWNLOAD_ALLOW_PRIVATE");
        assertThat(neighbourRequests).isEmpty();
    }

    @Test
    void a_port_other_than_80_and_443_is_refused_unless_allowed() {
        VideoDownload loose = new HttpVideoDownload(new DestinationPolicy(true, Set.of(8443)),
                HttpVideoDownload.TrustedOrigins.NONE);
        URI url = URI.create("http://127.0.0.1:" + neighbour.getAddress().getPort() + "/secret.mp4");

        assertThatThrownBy(() -> fetch(loose, url))
                .isInstanceOf(VideoArchive.ArchiveFailure.class)
                .hasMessageContaining("port " + neighbour.getAddress().getPort() + " is not allowed (80, 443, 8443 are)")
                .hasMessageContaining("VIDU_DOWNLOAD_ALLOWED_PORTS");
        assertThat(neighbourRequests).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/to-neighbour", "/to-localhost", "/to-private"})
    void a_redirect_from_an_allowed_origin_to_an_internal_address_is_refused(String path) {
        VideoDownload strict = download(false, trustingOnly(provider));

        assertThatThrownBy(() -> fetch(strict, providerUrl(path)))
                .isInstanceOf(VideoArchive.ArchiveFailure.class)
                .hasMessageContaining("VIDU_DOWNLOAD_ALLOW_PRIVATE")
                .satisfies(failure -> assertThat(failure.getMessage()).containsAnyOf("a loopback address",
                        "a private address"));
        assertThat(providerRequests).containsExactly(path + " 127.0.0.1:" + provider.getAddress().getPort());
        assertThat(neighbourRequests).isEmpty();
    }

    @Test
    void redirects_end_after_five() {
        assertThatThrownBy(() -> fetch(download(true, TrustedOriginsForTest.none()), providerUrl("/loop")))
                .isInstanceOf(VideoArchive.ArchiveFailure.class).hasMessageContaining("more than 5 redirects");
        assertThat(providerRequests).hasSize(6);
    }

    // --- allowed ----------------------------------------------------------------------------------------------------

    @Test
    void with_private_addresses_allowed_loopback_and_a_redirect_to_it_work() throws Exception {
        VideoDownload loose = download(true, TrustedOriginsForTest.none());

        assertThat(fetch(loose, providerUrl("/video.mp4"))).isEqualTo(VIDEO);
        assertThat(fetch(loose, providerUrl("/to-neighbour"))).isEqualTo(VIDEO);
        assertThat(fetch(loose, providerUrl("/to-itself"))).isEqualTo(VIDEO);
        assertThat(neighbourRequests).hasSize(1);
    }

    @Test
    void a_trusted_origin_works_without_the_setting_and_nothing_else_on_loopback_does() throws Exception {
        VideoDownload fakeOnly = download(false, trustingOnly(provider));

        assertThat(fetch(fakeOnly, providerUrl("/video.mp4"))).isEqualTo(VIDEO);
        assertThat(fetch(fakeOnly, providerUrl("/to-itself"))).isEqualTo(VIDEO);
        assertThatThrownBy(() -> fetch(fakeOnly, URI.create("http://127.0.0.1:" + neighbour.getAddress().getPort()
                + "/secret.mp4"))).isInstanceOf(VideoArchive.ArchiveFailure.class);
        assertThat(neighbourRequests).isEmpty();
    }

    @Test
    void a_name_is_resolved_once_by_the_policy_and_the_request_still_names_the_host() throws Exception {
        VideoDownload tabled = download(true, TrustedOriginsForTest.none(),
                Map.of("videos.provider.test", new byte[] {127, 0, 0, 1}));
        int port = provider.getAddress().getPort();

        assertThat(fetch(tabled, URI.create("http://videos.provider.test:" + port + "/video.mp4"))).isEqualTo(VIDEO);
        // No DNS knows this name: the connection went to the table's address, the Host header kept the URL's name.
        assertThat(providerRequests).containsExactly("/video.mp4 videos.provider.test:" + port);
    }

    @Test
    void the_hash_and_size_of_what_arrived_are_reported() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VideoDownload.Downloaded downloaded = download(true, TrustedOriginsForTest.none())
                .fetch(TASK, providerUrl("/video.mp4"), sink(out));

        assertThat(downloaded.size()).isEqualTo(VIDEO.length);
        assertThat(downloaded.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(VIDEO)));
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    /** The policy with both test servers' ports allowed, names from {@code table} (and nothing else). */
    private VideoDownload download(boolean allowPrivate, HttpVideoDownload.TrustedOrigins trusted,
                                   Map<String, byte[]> table) {
        DestinationPolicy policy = new DestinationPolicy(allowPrivate,
                Set.of(provider.getAddress().getPort(), neighbour.getAddress().getPort()), host -> {
                    byte[] address = table.get(host);
                    if (address != null) {
                        return new InetAddress[] {InetAddress.getByAddress(host, address)};
                    }
                    if (host.equals("localhost")) {
                        return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
                    }
                    if (host.contains(":") || host.matches("[0-9.]+")) {
                        return new InetAddress[] {InetAddress.getByName(host)}; // a literal: no lookup
                    }
                    throw new UnknownHostException(host);
                });
        return new HttpVideoDownload(policy, trusted, Duration.ofSeconds(5), Duration.ofSeconds(30), 10_000_000);
    }

    private VideoDownload download(boolean allowPrivate, HttpVideoDownload.TrustedOrigins trusted) {
        return download(allowPrivate, trusted, Map.of());
    }

    private static HttpVideoDownload.TrustedOrigins trustingOnly(HttpServer server) {
        int port = server.getAddress().getPort();
        return (scheme, host, p) -> scheme.equals("http") && host.equals("127.0.0.1") && p == port;
    }

    private URI providerUrl(String path) {
        return URI.create("http://127.0.0.1:" + provider.getAddress().getPort() + path);
    }

    private static byte[] fetch(VideoDownload download, URI url) throws VideoArchive.ArchiveFailure {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        download.fetch(TASK, url, sink(out));
        return out.toByteArray();
    }

    private static VideoDownload.Sink sink(ByteArrayOutputStream out) {
        return new VideoDownload.Sink() {
            @Override
            public void write(byte[] bytes, int offset, int length) {
                out.write(bytes, offset, length);
            }

            @Override
            public void complete() {
            }

            @Override
            public void abort(Exception failure) {
                out.reset();
            }
        };
    }

    private static HttpServer server() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        return server;
    }

    /** Serves {@code path}, noting each request's path and Host header first. */
    private static void handle(HttpServer server, List<String> requests, String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            requests.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("Host"));
            handler.handle(exchange);
        });
    }

    private static void redirect(com.sun.net.httpserver.HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        send(exchange, 302, new byte[0], -1);
    }

    /** No origin is trusted. */
    private static final class TrustedOriginsForTest {
        static HttpVideoDownload.TrustedOrigins none() {
            return HttpVideoDownload.TrustedOrigins.NONE;
        }
    }
}
