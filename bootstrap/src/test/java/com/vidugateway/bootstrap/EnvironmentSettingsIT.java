package com.vidugateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings as users give them, environment variables to the built jar: the webhook retry window reaches the server
 * (a bad one stops {@code serve} naming it), a configuration file's port is the one {@code serve} says it listens on,
 * and a misspelt variable is pointed out with the one it was meant to be.
 */
class EnvironmentSettingsIT {

    private static final Duration COMMAND = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private ViduProcess vidu;

    @BeforeEach
    void setUp() throws IOException {
        vidu = new ViduProcess(dir).with("VIDU_DATA_DIR", Files.createDirectories(dir.resolve("data")).toString())
                .with("VIDU_PORT", String.valueOf(ViduProcess.freePort()));
    }

    @Test
    void the_webhook_retry_window_is_read_from_its_variable_by_the_server() throws Exception {
        vidu.with("VIDU_WEBHOOK_RETRY_FOR", "forever").run(COMMAND, "serve").assertRefusedSetting("vidu serve:"
                + " VIDU_WEBHOOK_RETRY_FOR: 'forever' — retries need an end, such as 24h or 3d");
    }

    /** A configuration file's port wins over VIDU_PORT (Micronaut reads it last); serve says the port it listens on. */
    @Test
    void serve_says_the_port_it_listens_on_when_a_configuration_file_chose_it() throws Exception {
        int filePort = ViduProcess.freePort();
        Path file = Files.writeString(dir.resolve("vidu.yml"), "micronaut:\n  server:\n    port: " + filePort + "\n");
        Process serve = vidu.with("MICRONAUT_CONFIG_FILES", file.toString()).start("serve");
        try {
            Path log = dir.resolve("serve.log");
            String serving = null;
            long until = System.nanoTime() + COMMAND.toNanos();
            while (serving == null && serve.isAlive() && System.nanoTime() < until) {
                Thread.sleep(100);
                serving = Files.exists(log) ? Files.readAllLines(log).stream()
                        .filter(line -> line.startsWith("vidu: serving on")).findFirst().orElse(null) : null;
            }

            assertThat(serving).as(Files.exists(log) ? Files.readString(log) : "no log")
                    .startsWith("vidu: serving on 127.0.0.1 port " + filePort + " ");
            HttpResponse<Void> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + filePort + "/health/liveness")).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(health.statusCode()).isEqualTo(200);
        } finally {
            serve.destroy();
            serve.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void a_misspelt_setting_is_pointed_out_with_the_one_it_was_meant_to_be() throws Exception {
        ViduProcess.Result result = vidu.with("VIDU_WEBHOOK_RETRY", "1h").run(COMMAND, "models");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err().lines()).contains("vidu: warning: VIDU_WEBHOOK_RETRY is not a setting of the gateway"
                + " and is ignored; did you mean VIDU_WEBHOOK_RETRY_FOR?");
    }
}
