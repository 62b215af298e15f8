package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The launcher ({@code ./vidu serve}) sizes the heap in bash, before any Java runs; {@link BodyAdmission} budgets
 * bodies with the same formula. This keeps the two from drifting apart.
 */
class LauncherHeapTest {

    private static final Path LAUNCHER = Path.of("..", "vidu");

    @ParameterizedTest
    @ValueSource(strings = {"512MiB", "467m", "489335791", "1g", "2GB", "700 MB"})
    void the_launcher_gives_the_heap_that_one_body_at_the_limit_needs(String limit) throws Exception {
        long expectedMib = Math.max(512, (BodyAdmission.heapFor(Sizes.parse("limit", limit)) + (1 << 20) - 1) >> 20);

        assertThat(launcherHeapMib(limit)).isEqualTo(Long.toString(expectedMib));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lots", "-5m", "1.5g"})
    void a_limit_that_is_not_a_size_gives_no_heap_and_the_server_reports_it(String limit) throws Exception {
        assertThat(launcherHeapMib(limit)).isEmpty();
    }

    private static String launcherHeapMib(String limit) throws IOException, InterruptedException {
        String script = Files.readString(LAUNCHER);
        int from = script.indexOf("server_heap_mib() {");
        String function = script.substring(from, script.indexOf("\n}\n", from) + 3);
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", function + "server_heap_mib").redirectErrorStream(true);
        builder.environment().put("VIDU_MAX_REQUEST_SIZE", limit);
        Process bash = builder.start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(bash.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
