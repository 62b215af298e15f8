package com.vidugateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings as users give them, environment variables to the built jar: the webhook retry window reaches the server
 * (a bad one stops {@code serve} naming it), and a misspelt variable is pointed out with the one it was meant to be.
 */
class EnvironmentSettingsIT {

    private static final Duration COMMAND = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private ViduProcess vidu;

    @BeforeEach
    void setUp() throws IOException {
        vidu = new ViduProcess(dir).with("VIDU_DATA_DIR", Files.createDirectories(dir.resolve("data")).toString())
                .with("VIDU_PORT", freePort());
    }

    @Test
    void the_webhook_retry_window_is_read_from_its_variable_by_the_server() throws Exception {
        ViduProcess.Result endless = vidu.with("VIDU_WEBHOOK_RETRY_FOR", "forever").run(COMMAND, "serve");

        assertThat(endless.errorLines()).containsExactly("vidu serve: VIDU_WEBHOOK_RETRY_FOR: 'forever' — retries need an"
                + " end, such as 24h or 3d");
        assertThat(endless.exitCode()).isEqualTo(2);
    }

    @Test
    void a_misspelt_setting_is_pointed_out_with_the_one_it_was_meant_to_be() throws Exception {
        ViduProcess.Result result = vidu.with("VIDU_WEBHOOK_RETRY", "1h").run(COMMAND, "models");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err().lines()).contains("vidu: warning: VIDU_WEBHOOK_RETRY is not a setting of the gateway"
                + " and is ignored; did you mean VIDU_WEBHOOK_RETRY_FOR?");
    }


    private static String freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return String.valueOf(socket.getLocalPort());
        }
    }
}
