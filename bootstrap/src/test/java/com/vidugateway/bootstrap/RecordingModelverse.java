package com.vidugateway.bootstrap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * A Modelverse on loopback for the multi-instance test, speaking the documented wire format
 * ({@code shared/provider/modelverse-vidu-reference2video.md}): {@code POST /v1/tasks/submit} creates a task with a new
 * id and remembers the request body; {@code GET /v1/tasks/status?task_id=} says Pending for the first second, Running
 * until {@code generation} has passed, then Success with one URL that points back here; {@code GET /videos/<id>.mp4}
 * serves that task's video: {@value #VIDEO_BYTES} bytes of its own (a different sha256 per task). It records every
 * API call (submits and status reads; not video or image downloads) with the time it arrived.
 */
final class RecordingModelverse implements AutoCloseable {

    static final int VIDEO_BYTES = 16 * 1024;

    /** One task the stub created. */
    record Created(String providerTaskId, String prompt, String body, long atNanos) {}

    private record Task(String id, long createdNanos, int seconds, byte[] video) {}

    /** A submit or a status read, when it arrived ({@link System#nanoTime()}). */
    record ApiCall(long atNanos, boolean submit) {}

    private static final Pattern PROMPT = Pattern.compile("\"prompt\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern DURATION = Pattern.compile("\"duration\"\\s*:\\s*(\\d+)");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(24);
    private final Duration generation;
    private final Map<String, Task> tasks = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Created> created = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<ApiCall> apiCalls = new ConcurrentLinkedQueue<>();
    private final AtomicInteger statusReads = new AtomicInteger();
    private final AtomicInteger videoDownloads = new AtomicInteger();
    private final AtomicInteger counter = new AtomicInteger();
    private final byte[] image;
    private volatile Duration submitAnswerDelay = Duration.ZERO;
    private volatile int failedReadsPerTask;
    private final Map<String, AtomicInteger> readsOf = new ConcurrentHashMap<>();

    RecordingModelverse(Duration generation) throws IOException {
        this.generation = generation;
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB), "jpg", jpeg);
        this.image = jpeg.toByteArray();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** Answers every submit only this long after its body arrived (the task is created at once), as a slow provider. */
    RecordingModelverse answerSubmitsAfter(Duration delay) {
        this.submitAnswerDelay = delay;
        return this;
    }

    /** Answers the first {@code reads} status reads of every task with HTTP 500, as a provider having trouble. */
    RecordingModelverse failFirstStatusReads(int reads) {
        this.failedReadsPerTask = reads;
        return this;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A reference image URL on this stub (a small JPEG, should anything fetch it). */
    String imageUrl(int n) {
        return baseUrl() + "/images/ref-" + n + ".jpg";
    }

    List<Created> created() {
        return new ArrayList<>(created);
    }

    /** Every submit and status read, as they arrived. */
    List<ApiCall> apiCalls() {
        return new ArrayList<>(apiCalls);
    }

    int statusReads() {
        return statusReads.get();
    }

    int videoDownloads() {
        return videoDownloads.get();
    }

    /** The sha256 of the video of a task this stub created, or null. */
    String videoSha256(String providerTaskId) {
        Task task = tasks.get(providerTaskId);
        return task == null ? null : sha256(task.video());
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (method.equals("POST") && path.equals("/v1/tasks/submit")) {
                long at = System.nanoTime();
                apiCalls.add(new ApiCall(at, true));
                submit(exchange, at);
            } else if (method.equals("GET") && path.equals("/v1/tasks/status")) {
                apiCalls.add(new ApiCall(System.nanoTime(), false));
                statusReads.incrementAndGet();
                status(exchange);
            } else if (method.equals("GET") && path.startsWith("/videos/") && path.endsWith(".mp4")) {
                Task task = tasks.get(path.substring("/videos/".length(), path.length() - ".mp4".length()));
                if (task == null) {
                    send(exchange, 404, "application/json", error("not found", "not_found").getBytes(StandardCharsets.UTF_8));
                } else {
                    videoDownloads.incrementAndGet();
                    send(exchange, 200, "video/mp4", task.video());
                }
            } else if (method.equals("GET") && path.startsWith("/images/")) {
                send(exchange, 200, "image/jpeg", image);
            } else {
                exchange.getRequestBody().readAllBytes();
                send(exchange, 404, "application/json", error("Invalid param", "param_error").getBytes(StandardCharsets.UTF_8));
            }
        } finally {
            exchange.close();
        }
    }

    private void submit(HttpExchange exchange, long at) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String prompt = find(PROMPT, body, null);
        if (prompt == null) {
            send(exchange, 400, "application/json", error("Invalid param", "param_error").getBytes(StandardCharsets.UTF_8));
            return;
        }
        String id = "mv-" + counter.incrementAndGet() + "-" + Long.toHexString(at & 0xffffff);
        tasks.put(id, new Task(id, at, Integer.parseInt(find(DURATION, body, "5")), video(id)));
        created.add(new Created(id, prompt, body, at));
        Duration delay = submitAnswerDelay;
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        json(exchange, 200, "{\"output\":{\"task_id\":\"" + id + "\"},\"request_id\":\"req-" + id + "\"}");
    }

    private void status(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        String id = query != null && query.startsWith("task_id=") ? query.substring("task_id=".length()) : "";
        Task task = tasks.get(id);
        if (task == null) {
            json(exchange, 404, error("task not found", "not_found"));
            return;
        }
        if (readsOf.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet() <= failedReadsPerTask) {
            json(exchange, 500, error("Request llm server Error", "model_server_error"));
            return;
        }
        long age = System.nanoTime() - task.createdNanos();
        long submitted = System.currentTimeMillis() / 1000 - age / 1_000_000_000L;
        String state = age < Math.min(1_000_000_000L, generation.toNanos() / 2) ? "Pending"
                : age < generation.toNanos() ? "Running" : "Success";
        StringBuilder out = new StringBuilder("{\"output\":{\"task_id\":\"").append(id)
                .append("\",\"task_status\":\"").append(state).append('"');
        if (state.equals("Success")) {
            out.append(",\"urls\":[\"").append(baseUrl()).append("/videos/").append(id).append(".mp4\"]");
        }
        out.append(",\"submit_time\":").append(submitted);
        if (state.equals("Success")) {
            out.append(",\"finish_time\":").append(submitted + generation.toSeconds());
        }
        out.append("},\"usage\":{\"duration\":").append(task.seconds()).append("},\"request_id\":\"\"}");
        json(exchange, 200, out.toString());
    }

    /** An MP4-looking header, the task id, then bytes drawn from the id: every task's video differs. */
    private static byte[] video(String id) {
        byte[] bytes = new byte[VIDEO_BYTES];
        new Random(id.hashCode()).nextBytes(bytes);
        byte[] head = ("\0\0\0\u0018ftypmp42\0\0\0\0mp42isom" + id).getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(head, 0, bytes, 0, Math.min(head.length, bytes.length));
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String error(String message, String code) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"invalid_request_error\",\"param\":\"\",\"code\":\""
                + code + "\"}}";
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String find(Pattern pattern, String text, String otherwise) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : otherwise;
    }
}
