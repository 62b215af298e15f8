package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.application.testing.InMemoryImageBlobs;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Bodies that trickle, sent from a raw socket on loopback: cut with 408 by the minimum rate (after the grace time) or
 * by the deadline, their staged images removed, their memory charged only as their bytes came.
 */
@MicronautTest
@Property(name = "vidu.request-body.deadline", value = "4s")
@Property(name = "vidu.request-body.min-rate", value = "64KB")
@Property(name = "vidu.request-body.grace", value = "1s")
class SlowBodyTest {

    private static final String HEAD = "{\"model\":\"viduq2\",\"input\":{\"prompt\":\"slow\",\"images\":[\"data:image/png;base64,";

    @Inject
    EmbeddedServer server;
    @Inject
    InMemoryImageBlobs blobs;
    @Inject
    BodyMemory memory;

    private Socket open(long contentLength) throws IOException {
        Socket socket = new Socket(server.getHost(), server.getPort());
        socket.setSoTimeout(100);
        socket.getOutputStream().write(("POST /v1/tasks/submit HTTP/1.1\r\nHost: localhost\r\nAuthorization: key-a\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + contentLength + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    /** A body the server cut: its answer, and how long it took from connecting until then. */
    private record Cut(String answer, long millis) {}

    /**
     * Declares {@code contentLength}, sends {@code head} at once and then {@code piece} every {@code everyMillis} ms
     * until the server answers (20 s at most); the server must close the connection after its answer.
     */
    private Cut trickleUntilCut(long contentLength, String head, String piece, int everyMillis) throws Exception {
        long start = System.nanoTime();
        String answer;
        try (Socket socket = open(contentLength)) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            answer = trickle(socket, piece, everyMillis, 20_000);
            assertThat(closedWithin(socket, 2_000)).as("the server ends the connection after the 408").isTrue();
        }
        return new Cut(answer, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    @Test
    void a_trickle_is_cut_after_the_grace_time_with_408_and_its_staged_image_removed() throws Exception {
        // More than a long string's threshold at once: the image is being staged when the trickle begins.
        Cut cut = trickleUntilCut(1_000_000, HEAD + "A".repeat(RequestJson.LONG_STRING + 4096), "A", 100);

        assertThat(cut.answer()).startsWith("HTTP/1.1 408");
        assertThat(cut.answer()).containsIgnoringCase("connection: close");
        assertThat(cut.answer()).contains("\"code\":\"request_timeout\"").contains("arrived too slowly")
                .contains("VIDU_BODY_MIN_RATE");
        // 68 KiB came at once; at 64 KiB/s on average that lasts until ~1.06 s, then a byte every 100 ms is too little.
        assertThat(cut.millis()).isBetween(1_000L, 3_500L);
        assertThat(blobs.openUploads()).as("the staged image is gone").isZero();
        assertThat(memory.used()).as("its memory share is given back").isZero();
    }

    @Test
    void a_body_that_keeps_a_fair_rate_is_cut_at_the_deadline() throws Exception {
        // 128 KiB/s: twice the minimum rate, for longer than the deadline allows.
        Cut cut = trickleUntilCut(100_000_000, HEAD, "A".repeat(16 * 1024), 125);

        assertThat(cut.answer()).startsWith("HTTP/1.1 408");
        assertThat(cut.answer()).contains("did not arrive within 4.0 s").contains("VIDU_BODY_DEADLINE");
        assertThat(cut.millis()).isBetween(3_900L, 7_000L);
        assertThat(blobs.openUploads()).isZero();
        assertThat(memory.used()).isZero();
    }

    @Test
    void a_body_is_charged_for_what_came_not_for_what_it_declares() throws Exception {
        try (Socket socket = open(400L * 1024 * 1024)) {
            socket.getOutputStream().write("{\"model\":\"viduq2\",".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (memory.used() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(memory.used()).as("400 MiB declared, 18 bytes sent").isEqualTo(BodyMemory.STEP);
            assertThat(trickle(socket, " ", 100, 10_000)).startsWith("HTTP/1.1 408");
        }
        assertThat(memory.used()).isZero();
    }

    @Test
    void a_whole_body_sent_in_slow_pieces_within_the_grace_time_is_read() throws Exception {
        byte[] body = Bodies.images("slow but whole").getBytes(StandardCharsets.UTF_8);
        String answer;
        try (Socket socket = open(body.length)) {
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < body.length; i += body.length / 4 + 1) {
                out.write(body, i, Math.min(body.length / 4 + 1, body.length - i));
                out.flush();
                Thread.sleep(150);
            }
            answer = readAll(socket, 10_000);
        }
        assertThat(answer).startsWith("HTTP/1.1 200");
        assertThat(memory.used()).isZero();
    }

    /**
     * Sends {@code piece} every {@code everyMillis} ms (the time it waits for an answer in between) until the server
     * answers and closes the connection (or {@code limitMillis} pass); returns the answer.
     */
    private static String trickle(Socket socket, String piece, int everyMillis, long limitMillis) throws Exception {
        OutputStream out = socket.getOutputStream();
        byte[] bytes = piece.getBytes(StandardCharsets.US_ASCII);
        StringBuilder got = new StringBuilder();
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limitMillis);
        while (System.nanoTime() < until && got.indexOf("\r\n\r\n") < 0) {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException closed) {
                break;
            }
            got.append(readSome(socket, everyMillis));
        }
        return got + readAll(socket, 5_000);
    }

    /** Whether the server closes the connection within the time (whatever the client still sends). */
    private static boolean closedWithin(Socket socket, long millis) throws IOException {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        byte[] buffer = new byte[8192];
        while (System.nanoTime() < until) {
            socket.setSoTimeout(100);
            try {
                socket.getOutputStream().write(' ');
                if (socket.getInputStream().read(buffer) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException quiet) {
                // still open
            } catch (IOException reset) {
                return true;
            }
        }
        return false;
    }

    private static String readSome(Socket socket, int millis) throws IOException {
        socket.setSoTimeout(millis);
        byte[] buffer = new byte[8192];
        try {
            int n = socket.getInputStream().read(buffer);
            return n <= 0 ? "" : new String(buffer, 0, n, StandardCharsets.UTF_8);
        } catch (SocketTimeoutException quiet) {
            return "";
        } catch (IOException closed) {
            return "";
        }
    }

    /** What the server sends until it closes the connection or the JSON body has come. */
    private static String readAll(Socket socket, long limitMillis) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limitMillis);
        byte[] buffer = new byte[8192];
        while (System.nanoTime() < until) {
            socket.setSoTimeout(200);
            try {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                bytes.write(buffer, 0, n);
                String text = bytes.toString(StandardCharsets.UTF_8);
                if (text.contains("\r\n\r\n") && text.trim().endsWith("}")) {
                    break;
                }
            } catch (SocketTimeoutException quiet) {
                // keep waiting
            } catch (IOException closed) {
                break;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
