package com.vidugateway.application.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.vidugateway.application.port.out.VideoArchive;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.Executors;

/**
 * What the video archive tests of every adapter serve and read: loopback answers, including one that hangs up
 * mid-body, and the byte helpers around them.
 */
public final class VideoSources {

    private VideoSources() {}

    /** Answers {@code status} with {@code body}; {@code length} as the JDK's server takes it (-1: no body, 0: chunked). */
    public static void send(HttpExchange exchange, int status, byte[] body, long length) throws IOException {
        exchange.sendResponseHeaders(status, length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (length >= 0) {
                out.write(body);
            }
        }
    }

    /**
     * A provider's video server on loopback, started: {@code /video.mp4} ({@code video} with its length),
     * {@code /chunked.mp4} (the same, chunked), {@code /missing.mp4} (a 404), {@code /redirect.mp4} (a 302 to
     * {@code /video.mp4}) and {@code /stalled.mp4} (1000 bytes, then nothing for 10 s). Stop it with {@code stop(0)}.
     */
    public static HttpServer serve(byte[] video) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/video.mp4", exchange -> send(exchange, 200, video, video.length));
        server.createContext("/chunked.mp4", exchange -> send(exchange, 200, video, 0));
        server.createContext("/missing.mp4", exchange -> send(exchange, 404, "no such video".getBytes(), 0));
        server.createContext("/redirect.mp4", exchange -> {
            exchange.getResponseHeaders().add("Location", "/video.mp4");
            send(exchange, 302, new byte[0], -1);
        });
        server.createContext("/stalled.mp4", exchange -> {
            exchange.sendResponseHeaders(200, video.length);
            OutputStream body = exchange.getResponseBody();
            body.write(video, 0, 1000);
            body.flush();
            sleep(Duration.ofSeconds(10));
            exchange.close();
        });
        server.start();
        return server;
    }

    /**
     * What the JDK's server cannot be made to do: hang up mid-body. Answers every request with {@code video}, sized
     * by Content-Length (or chunked, for a path starting {@code /chunked}), and closes the socket after a third of it,
     * once {@code beforeHangingUp} returns. Serves until closed.
     */
    public static ServerSocket hangUpMidBody(byte[] video, Runnable beforeHangingUp) throws IOException {
        ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept()) {
                    String head = requestHead(connection.getInputStream());
                    boolean chunked = head.startsWith("GET /chunked");
                    OutputStream out = connection.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\n"
                            + (chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + video.length)
                            + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    if (chunked) {
                        out.write((Integer.toHexString(video.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write(video, 0, video.length / 3);
                    out.flush();
                    beforeHangingUp.run();
                } catch (IOException e) {
                    // Closed: the test is over.
                }
            }
        }, "hang-up-server");
        thread.setDaemon(true);
        thread.start();
        return socket;
    }

    /** Up to the empty line that ends a GET request. */
    public static String requestHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    public static byte[] readAll(VideoArchive.VideoContent content, long offset, long length) throws IOException {
        try (InputStream in = content.open(offset, length)) {
            return in.readAllBytes();
        }
    }

    public static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** {@code size} bytes, the same in every run. */
    public static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
