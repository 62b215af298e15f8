package com.vidugateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded H2 serves its file to the other local processes (AUTO_SERVER) over TCP: on loopback only, whichever
 * process opened the file first — {@code vidu serve}, or a CLI command that holds the store while it waits. The port is
 * the one the database's lock file names; the kernel's table of listening sockets says on which addresses it listens
 * (nothing is sent to any address to find out).
 */
class H2BindAddressIT {

    private static final Duration COMMAND = Duration.ofSeconds(60);
    private static final Pattern SERVER = Pattern.compile(".*:(\\d+)");

    @TempDir
    Path dir;

    private ViduProcess vidu;

    @BeforeEach
    void setUp() {
        vidu = new ViduProcess(dir);
    }

    @Test
    void serve_serves_the_database_file_on_loopback_only() throws Exception {
        int port = ViduProcess.freePort();
        Process server = vidu.with("VIDU_PORT", String.valueOf(port)).start("serve");
        try {
            assertListensOnLoopbackOnly(server);
        } finally {
            stop(server);
        }
    }

    @Test
    void a_cli_command_that_holds_the_store_serves_it_on_loopback_only() throws Exception {
        Path cat = dir.resolve("cat.png");
        ImageIO.write(new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB), "png", cat.toFile());
        ViduProcess.Result submitted = vidu.run(COMMAND, "submit", "--image", cat.toString(), "--prompt",
                "stay running [stuck]", "--json");
        assertThat(submitted.exitCode()).as(submitted.err()).isZero();
        Matcher id = Pattern.compile("\"task_id\"\\s*:\\s*\"([^\"]+)\"").matcher(submitted.out());
        assertThat(id.find()).as(submitted.out()).isTrue();

        // Nothing else has the file: the waiting command opens it first, so it is the one that serves it.
        Process waiting = vidu.start("wait", id.group(1), "--timeout", "10m");
        try {
            assertListensOnLoopbackOnly(waiting);
        } finally {
            stop(waiting);
        }
    }

    /** Waits until the lock file names the server's port and something listens there, then looks at where. */
    private void assertListensOnLoopbackOnly(Process process) throws Exception {
        long deadline = System.nanoTime() + COMMAND.toNanos();
        List<String> listening = List.of();
        Integer port = null;
        while (System.nanoTime() - deadline < 0 && process.isAlive()) {
            port = lockFilePort();
            listening = port == null ? List.of() : ListeningSockets.addresses(port);
            if (!listening.isEmpty()) {
                break;
            }
            Thread.sleep(100);
        }
        String log = Files.exists(dir.resolve("serve.log")) ? Files.readString(dir.resolve("serve.log")) : "";
        assertThat(listening).as("the addresses the database server listens on (port %s); the process said:%n%s",
                port, log).isNotEmpty().allMatch(ListeningSockets.LOOPBACK::contains);
    }

    /** The TCP port the lock file names ({@code server=host:port}); null before the file or the entry is there. */
    private Integer lockFilePort() throws IOException {
        Properties lock = new Properties();
        try (Reader reader = Files.newBufferedReader(dir.resolve("vidu.lock.db"), StandardCharsets.ISO_8859_1)) {
            lock.load(reader);
        } catch (NoSuchFileException notYet) {
            return null;
        }
        String server = lock.getProperty("server");
        Matcher port = server == null ? null : SERVER.matcher(server);
        return port != null && port.matches() ? Integer.valueOf(port.group(1)) : null;
    }


    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
