package com.vidugateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the built jar as a user does: a child process, its own data directory, the fake provider at speed. */
final class ViduProcess {

    static final Path JAR = Path.of("target", "vidu.jar");

    record Result(int exitCode, String out, String err) {

        /**
         * What the command said on stderr as its own lines: less the notice that the provider is fake and log lines
         * (such as the REST adapter's warning that a key-less server serves loopback only).
         */
        List<String> errorLines() {
            return err.lines().filter(line -> !line.equals(ProviderChoice.FAKE_NOTICE))
                    .filter(line -> !line.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[[^]]+] (WARN|INFO) .*")).toList();
        }

        /** Asserts that the command stopped on a bad setting: exit code 2, and {@code line} its only line on stderr. */
        void assertRefusedSetting(String line) {
            assertThat(errorLines()).containsExactly(line);
            assertThat(exitCode).isEqualTo(2);
        }
    }

    /** A port that nobody listens on now: for a server to serve on, or for an address where nothing answers. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private final Path dataDir;
    private final Map<String, String> environment = new HashMap<>();
    private final java.util.Set<String> unset = new java.util.HashSet<>();

    ViduProcess(Path dataDir) {
        this.dataDir = dataDir;
        environment.put("VIDU_DATA_DIR", dataDir.toString());
        environment.put("VIDU_PROVIDER", "fake");
        environment.put("VIDU_FAKE_SPEED", "50");
        environment.put("NO_COLOR", "1");
    }

    ViduProcess with(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Without {@code name} in the environment (e.g. VIDU_DATA_DIR, to see the default). */
    ViduProcess without(String name) {
        environment.remove(name);
        unset.add(name);
        return this;
    }

    List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return command;
    }

    Result run(Duration limit, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command(args)).directory(dataDir.toFile());
        builder.environment().putAll(environment);
        builder.environment().keySet().removeAll(unset);
        builder.environment().remove("MODELVERSE_API_KEY");
        Path out = Files.createTempFile(dataDir, "out", ".txt");
        Path err = Files.createTempFile(dataDir, "err", ".txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process = builder.start();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("vidu " + String.join(" ", args) + " did not end within " + limit
                    + "; stderr: " + Files.readString(err));
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    Process start(String... args) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(args)).directory(dataDir.toFile());
        builder.environment().putAll(environment);
        builder.environment().remove("MODELVERSE_API_KEY");
        builder.redirectErrorStream(true).redirectOutput(dataDir.resolve("serve.log").toFile());
        return builder.start();
    }
}
