package com.vidugateway.adapter.modelverse;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Modelverse on loopback that speaks the documented wire format. By default it behaves like the provider
 * (tasks go Pending → Running → Success, or Failure for a {@code [fail]} prompt, one step per status read;
 * {@code [reject:sensitive]} is refused with the provider's 400). Tests queue faults to answer the next
 * requests instead, and read back every request it received.
 */
final class StubModelverse implements AutoCloseable {

    /** One request as it arrived. Header names are lower case. */
    record Received(String method, String pathAndQuery, Map<String, List<String>> headers, String body) {
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
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, List<String>> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body));
        Reply reply = queued.poll();
        try {
            if (reply != null) {
                reply.answer(exchange);
            } else {
                behaveLikeTheProvider(exchange, body);
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
