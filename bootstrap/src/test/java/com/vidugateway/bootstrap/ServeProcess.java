package com.vidugateway.bootstrap;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One {@code vidu serve} of the built jar in a child process, as an operator starts it: its own port and data
 * directory, every setting by environment variable (nothing inherited from the test's own environment), optionally in
 * a PID namespace of its own ({@code unshare --pid --fork --mount-proc}, as a container runs it: the server is pid 1
 * there). The test talks to it over HTTP with a client key.
 */
final class ServeProcess implements AutoCloseable {

    static final String API_KEY = "serve-process-test-key";
    private static final ObjectMapper JSON = ObjectMapper.getDefault();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    final String name;
    final int port;
    final Path dataDir;
    final Path log;
    private final Process process;

    private ServeProcess(String name, int port, Path dataDir, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.dataDir = dataDir;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts {@code vidu serve} with {@code settings} (plus its port, data directory, a client key and the address it
     * listens on), in a PID namespace of its own when {@code ownPidNamespace}.
     */
    static ServeProcess start(String name, Path directory, Map<String, String> settings, boolean ownPidNamespace)
            throws IOException {
        Path dataDir = Files.createDirectories(directory.resolve(name).resolve("data"));
        Path log = directory.resolve(name).resolve("serve.log");
        int port = ViduProcess.freePort();
        List<String> command = new ArrayList<>();
        if (ownPidNamespace) {
            // --kill-child: when the test kills unshare, the server inside goes too.
            command.addAll(List.of("unshare", "--pid", "--fork", "--mount-proc", "--kill-child"));
        }
        List<String> java = new ArrayList<>(new ViduProcess(dataDir).command("serve"));
        java.add(1, "-Xmx256m");
        command.addAll(java);
        ProcessBuilder builder = new ProcessBuilder(command).directory(log.getParent().toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(variable -> Stream.of("VIDU_", "MODELVERSE_", "DATASOURCES_", "AWS_", "HOSTNAME")
                .anyMatch(variable::startsWith));
        environment.put("VIDU_PORT", String.valueOf(port));
        environment.put("VIDU_HOST", "127.0.0.1");
        environment.put("VIDU_API_KEYS", API_KEY);
        environment.put("VIDU_DATA_DIR", dataDir.toString());
        environment.put("NO_COLOR", "1");
        environment.putAll(settings);
        builder.redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return new ServeProcess(name, port, dataDir, log, builder.start());
    }

    /** The settings of a server on {@code database} that calls the stub {@code provider}. */
    static Map<String, String> onDatabaseCalling(ScratchPostgres database, RecordingModelverse provider) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("VIDU_PROVIDER", "modelverse");
        settings.put("MODELVERSE_API_KEY", "stub-provider-key");
        settings.put("MODELVERSE_BASE_URL", provider.baseUrl());
        // The stub serves its videos on loopback, on a port of its own.
        settings.put("VIDU_DOWNLOAD_ALLOW_PRIVATE", "true");
        settings.put("VIDU_DOWNLOAD_ALLOWED_PORTS", String.valueOf(URI.create(provider.baseUrl()).getPort()));
        settings.put("DATASOURCES_DEFAULT_URL", database.jdbcUrl());
        settings.put("DATASOURCES_DEFAULT_USERNAME", ScratchPostgres.USER);
        settings.put("DATASOURCES_DEFAULT_PASSWORD", "");
        return settings;
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** Waits until {@code GET /health} answers 200, failing with the log's tail if the process ends or time runs out. */
    ServeProcess awaitHealthy(Duration limit) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " while starting: " + logText());
            }
            try {
                HttpResponse<String> health = send(request("/health").GET(), Duration.ofSeconds(5));
                if (health.statusCode() == 200) {
                    return this;
                }
                last = "HTTP " + health.statusCode() + " " + health.body();
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError(name + " not healthy within " + limit + " (" + last + "): " + logText());
    }

    /** The provider's images request with {@code prompt}; the task id the gateway answers with. */
    String submit(String prompt, String imageUrl, Duration limit) throws Exception {
        String body = "{\"model\":\"viduq2\",\"input\":{\"images\":[\"" + imageUrl + "\"],\"prompt\":\"" + prompt + "\"},"
                + "\"parameters\":{\"vidu_type\":\"reference2video\",\"duration\":1,\"resolution\":\"540p\"}}";
        HttpResponse<String> answer = send(request("/v1/tasks/submit").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), limit);
        if (answer.statusCode() != 200) {
            throw new AssertionError(name + ": submit answered HTTP " + answer.statusCode() + " " + answer.body());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> output = (Map<String, Object>) json(answer.body()).get("output");
        return (String) output.get("task_id");
    }

    /** {@code POST path} with a JSON body, answered whatever its status. */
    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), Duration.ofSeconds(20));
    }

    /** {@code GET path} as JSON; throws when it does not answer 200. */
    Map<String, Object> read(String path) throws Exception {
        HttpResponse<String> answer = send(request(path).GET(), Duration.ofSeconds(20));
        if (answer.statusCode() != 200) {
            throw new IOException(name + ": GET " + path + " answered HTTP " + answer.statusCode() + " " + answer.body());
        }
        return json(answer.body());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", "Bearer " + API_KEY);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, Duration limit)
            throws IOException, InterruptedException {
        return HTTP.send(request.timeout(limit).build(), HttpResponse.BodyHandlers.ofString());
    }

    static Map<String, Object> json(String text) throws IOException {
        return JSON.readValue(text, Argument.mapOf(String.class, Object.class));
    }

    /** SIGTERM, as Ctrl-C or {@code podman stop} does; fails unless the process has ended within {@code limit}. */
    void stop(Duration limit) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " did not stop within " + limit + " of SIGTERM");
        }
    }

    /** SIGKILL, as a crash or {@code podman kill} does. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
