package com.vidugateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code source <(vidu completion zsh)} in a real, interactive zsh (in a tmux pane, keys typed as a person types
 * them): Tab completes subcommands, and the catalogue's values for the request options. {@code .ci/run} installs zsh
 * and tmux; in CI a missing one fails the test, elsewhere it skips.
 */
class ShellCompletionIT {

    private static final String SESSION = "vidu-completion-" + ProcessHandle.current().pid();

    @TempDir
    Path dir;

    @AfterEach
    void stopTmux() throws Exception {
        run(List.of("tmux", "kill-session", "-t", SESSION));
    }

    @Test
    void zsh_completes_subcommands_and_the_catalogues_values() throws Exception {
        for (String tool : List.of("zsh", "tmux")) {
            boolean present = run(List.of("sh", "-c", "command -v " + tool)) == 0;
            if (System.getenv("CI") != null) {
                assertThat(present).as(tool + " is installed (.ci/run installs it)").isTrue();
            }
            Assumptions.assumeTrue(present, tool + " is not installed");
        }
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path vidu = bin.resolve("vidu");
        Files.writeString(vidu, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' -XX:TieredStopAtLevel=1 -jar '" + ViduProcess.JAR.toAbsolutePath() + "' \"$@\"\n");
        Files.setPosixFilePermissions(vidu, PosixFilePermissions.fromString("rwx------"));

        // A clean zsh (-f: no user rc files) with only our bin first on the PATH.
        assertThat(run(List.of("tmux", "new-session", "-d", "-s", SESSION, "-x", "160", "-y", "40",
                "env -i HOME=" + dir + " TERM=xterm PATH=" + bin + ":/usr/bin:/bin zsh -f"))).isZero();
        type("autoload -U compinit && compinit -u && source <(vidu completion zsh) && echo sourced", "Enter");
        awaitScreen("\nsourced");

        type("vidu va", "Tab");
        awaitScreen("vidu validate");

        type(" --aspect-ratio ", "Tab", "Tab");
        String ratios = awaitScreen("9:16");
        assertThat(ratios).contains("16:9").contains("1:1").contains("4:3").contains("3:4");

        type("", "C-u");
        type("vidu submit --model vidu", "Tab", "Tab");
        assertThat(awaitScreen("viduq2")).contains("viduq1").contains("vidu2.0");
    }

    private void type(String text, String... keys) throws Exception {
        if (!text.isEmpty()) {
            assertThat(run(List.of("tmux", "send-keys", "-t", SESSION, "-l", text))).isZero();
        }
        for (String key : keys) {
            assertThat(run(List.of("tmux", "send-keys", "-t", SESSION, key))).isZero();
            Thread.sleep(300);
        }
    }

    /** The pane once it shows {@code expected}; fails after 30 s (each completion starts a JVM). */
    private String awaitScreen(String expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String screen = "";
        while (System.nanoTime() < deadline) {
            screen = capture();
            if (screen.contains(expected)) {
                return screen;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the zsh pane never showed '" + expected + "'; it shows:\n" + screen);
    }

    private String capture() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("tmux", "capture-pane", "-t", SESSION, "-p").redirectErrorStream(true).start();
        String screen = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(10, TimeUnit.SECONDS);
        return screen;
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
