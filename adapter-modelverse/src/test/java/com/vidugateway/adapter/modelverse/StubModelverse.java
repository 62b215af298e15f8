package com.vidugateway.adapter.modelverse;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Modelverse on loopback that speaks the documented wire format. By default it behaves like the provider
 * (tasks go Pending → Running → Success, or Failure for a {@code [fail]} prompt, one step per status read;
 * {@code [reject:sensitive]} is refused with the provider's 400). Tests queue faults to answer the next
 * requests instead, and read back every request it received whole. It reads bodies as they stream in and
 * counts their bytes, so a test can see a body arrive while the client is still producing it.
 */
final class StubModelverse implements AutoCloseable {

    /**
     * One request as it arrived. Header names are lower case. {@code body} is the text, or null when the stub was
     * told not to keep bodies; {@code bodyBytes} is its length in bytes either way.
     */
    record Received(String method, String pathAndQuery, Map<String, List<String>> headers, String body, long bodyBytes) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** How to answer one request. */
    interface Reply {
        void answer(HttpExchange exchange) throws IOException;
    }

    private record SimulatedTask(String id, int seconds, boolean fails, AtomicInteger reads) {}

    private static final Pattern PROMPT = Pattern.compile("\"prompt\":\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern DURATION = Pattern.compile("\"duration\":(\\d+)");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final ConcurrentLinkedDeque<Reply> queued = new ConcurrentLinkedDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, SimulatedTask> tasks = new ConcurrentHashMap<>();
    private final AtomicInteger taskCounter = new AtomicInteger();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final AtomicInteger cutOff = new AtomicInteger();
    private volatile boolean keepBodies = true;
    private volatile Duration stallBeforeReading = Duration.ZERO;

    StubModelverse() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Body bytes read so far, over all requests, counted as they arrive. */
    long bytesReceived() {
        return bytesReceived.get();
    }

    /** Requests whose body ended before its Content-Length: the client hung up while sending. */
    int cutOff() {
        return cutOff.get();
    }

    /** Bodies of tens of megabytes: count them, do not keep them. */
    void keepBodies(boolean keep) {
        keepBodies = keep;
    }

    /** A provider that stops reading: it waits this long before it reads a request's body. */
    void stallBeforeReading(Duration stall) {
        stallBeforeReading = stall;
    }

    /** The next requests get these answers, in order; then the default behaviour resumes. */
    void enqueue(Reply... replies) {
        queued.addAll(List.of(replies));
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        if (!stallBeforeReading.isZero()) {
            try {
                Thread.sleep(stallBeforeReading.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ByteArrayOutputStream kept = keepBodies ? new ByteArrayOutputStream() : null;
        long length = 0;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                length += n;
                bytesReceived.addAndGet(n);
                if (kept != null) {
                    kept.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            cutOff.incrementAndGet();
            exchange.close();
            return;
        }
        String body = kept == null ? null : kept.toString(StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body, length));
        Reply reply = queued.poll();
        try {
            if (reply != null) {
                reply.answer(exchange);
            } else {
                behaveLikeTheProvider(exchange, body == null ? "" : body);
            }
        } finally {
            exchange.close();
        }
    }

    private void behaveLikeTheProvider(HttpExchange exchange, String body) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (exchange.getRequestMethod().equals("POST") && path.endsWith("/v1/tasks/submit")) {
            String prompt = find(PROMPT, body, "");
            if (prompt.contains("[reject:sensitive]")) {
                json(400, error("Sensitive check error", "invalid_request_error", "sensitive_check_error")).answer(exchange);
                return;
            }
            String id = "stub-task-" + taskCounter.incrementAndGet();
            tasks.put(id, new SimulatedTask(id, Integer.parseInt(find(DURATION, body, "5")), prompt.contains("[fail]"), new AtomicInteger()));
            json(200, "{\"output\":{\"task_id\":\"" + id + "\"},\"request_id\":\"req-" + id + "\"}").answer(exchange);
        } else if (exchange.getRequestMethod().equals("GET") && path.endsWith("/v1/tasks/status")) {
            String query = exchange.getRequestURI().getQuery();
            String id = query != null && query.startsWith("task_id=") ? query.substring("task_id=".length()) : "";
            SimulatedTask task = tasks.get(id);
            if (task == null) {
                json(404, error("task not found", "invalid_request_error", "not_found")).answer(exchange);
                return;
            }
            json(200, statusOf(task)).answer(exchange);
        } else {
            json(400, error("Invalid param", "invalid_request_error", "param_error")).answer(exchange);
        }
    }

    private static String statusOf(SimulatedTask task) {
        int read = task.reads().incrementAndGet();
        long submitted = 1756959000L;
        String state = read == 1 ? "Pending" : read == 2 ? "Running" : task.fails() ? "Failure" : "Success";
        StringBuilder output = new StringBuilder("{\"output\":{\"task_id\":\"" + task.id() + "\",\"task_status\":\"" + state + "\"");
        if (state.equals("Success")) {
            output.append(",\"urls\":[\"https://stub.invalid/videos/").append(task.id()).append(".mp4\"]");
        }
        output.append(",\"submit_time\":").append(submitted);
        if (state.equals("Success") || state.equals("Failure")) {
            output.append(",\"finish_time\":").append(submitted + 30);
        }
        if (state.equals("Failure")) {
            output.append(",\"error_message\":\"video generation failed: the reference image could not be used\"");
        }
        output.append("},\"usage\":{\"duration\":").append(task.seconds()).append("},\"request_id\":\"\"}");
        return output.toString();
    }

    static String error(String message, String type, String code) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":\"req-1\",\"code\":\"" + code + "\"}}";
    }

    static Reply json(int status, String body, String... headerPairs) {
        return exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            for (int i = 0; i + 1 < headerPairs.length; i += 2) {
                exchange.getResponseHeaders().set(headerPairs[i], headerPairs[i + 1]);
            }
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        };
    }

    /** A documented example from test resources, byte for byte. */
    static Reply resource(int status, String name) {
        try (InputStream in = StubModelverse.class.getResourceAsStream("/modelverse/" + name)) {
            return json(status, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Reply slow(Duration delay, Reply then) {
        return exchange -> {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            then.answer(exchange);
        };
    }

    /** Promises a body, sends a few bytes of it, and hangs up. */
    static Reply dropConnection() {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 500);
            OutputStream out = exchange.getResponseBody();
            out.write("{\"output\":".getBytes(StandardCharsets.UTF_8));
            out.flush();
            throw new IOException("stub hangs up mid-response");
        };
    }

    private static String find(Pattern pattern, String text, String otherwise) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : otherwise;
    }
}
