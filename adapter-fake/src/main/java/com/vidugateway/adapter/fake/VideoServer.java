package com.vidugateway.adapter.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves finished videos the way the provider's storage does: {@code GET
 * /fake-provider/videos/<task id>.mp4}, 200 with the MP4 once the task has succeeded, 404 before that and
 * for ids it never issued. It listens on loopback only, because the fake is for the gateway on the same
 * machine, and uses the JDK's own HTTP server, so the fake adds no web framework.
 */
final class VideoServer implements AutoCloseable {

    static final String PATH = "/fake-provider/videos/";

    private static final System.Logger LOG = System.getLogger(VideoServer.class.getName());
    private static final Pattern VIDEO_PATH = Pattern.compile(Pattern.quote(PATH) + "([A-Za-z0-9_-]+)\\.mp4");
    /** A first download may encode its clip (well under a second); a few threads keep others from waiting. */
    private static final int THREADS = 4;

    /** Where the file of a finished task is; empty while it is not finished, or if it is unknown. */
    @FunctionalInterface
    interface FinishedVideos {
        Optional<Path> find(String providerTaskId) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Starts serving at once on 127.0.0.1:{@code port} (0: any free port). */
    VideoServer(int port, FinishedVideos videos) {
        InetSocketAddress address = new InetSocketAddress(loopback(), port);
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("the fake provider cannot serve videos on " + address, e);
        }
        threads = Executors.newFixedThreadPool(THREADS, daemonThreads());
        server.setExecutor(threads);
        server.createContext(PATH, exchange -> serve(exchange, videos));
        server.start();
    }

    InetSocketAddress address() {
        return server.getAddress();
    }

    String urlOf(String providerTaskId) {
        return "http://127.0.0.1:" + address().getPort() + PATH + providerTaskId + ".mp4";
    }

    /** Stops serving; closing twice is harmless. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    private static void serve(HttpExchange exchange, FinishedVideos videos) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                reply(exchange, 405, "only GET is served here");
                return;
            }
            Matcher path = VIDEO_PATH.matcher(exchange.getRequestURI().getPath());
            Optional<Path> video;
            try {
                video = path.matches() ? videos.find(path.group(1)) : Optional.empty();
            } catch (IOException | RuntimeException e) {
                // Without an answer the JDK server would just drop the connection; say what went wrong.
                LOG.log(System.Logger.Level.WARNING, "fake provider: cannot make the video for " + exchange.getRequestURI(), e);
                reply(exchange, 500, "the fake provider could not make this video: " + e);
                return;
            }
            if (video.isEmpty()) {
                reply(exchange, 404, "no finished video at this address");
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "video/mp4");
            exchange.sendResponseHeaders(200, Files.size(video.get()));
            try (OutputStream body = exchange.getResponseBody()) {
                Files.copy(video.get(), body);
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
        } catch (IOException e) {
            throw new AssertionError("a four-byte address is always valid", e);
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger number = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "fake-provider-videos-" + number.incrementAndGet());
            // A gateway that forgets to close the fake must still be able to exit.
            thread.setDaemon(true);
            return thread;
        };
    }
}
