package com.vidugateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vidu list} opens the embedded database alone only when no other process has it: beside a process that serves
 * the file it goes through that process; while another process has the file alone, it waits and then gets in. This
 * test's own JVM plays the other process; the CLI is the built jar.
 */
class ExclusiveOpenIT {

    private static final Duration COMMAND = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void beside_a_process_that_serves_the_file_list_goes_through_it() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        try (HikariDataSource serving = GatewayFactory.openDatabase(data, "", "", "", 2);
             Connection held = serving.getConnection()) {
            ViduProcess.Result list = new ViduProcess(data).run(COMMAND, "list");

            assertThat(list.exitCode()).as(list.err()).isZero();
            assertThat(list.out()).contains("No tasks yet");
        }
    }

    @Test
    void while_another_process_has_the_file_alone_list_waits_and_then_gets_in() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Optional<JdbcConnectionPool> alone = GatewayFactory.openExclusively(data);
        assertThat(alone).isPresent();
        Connection held = alone.get().getConnection();
        CompletableFuture<ViduProcess.Result> list = CompletableFuture.supplyAsync(() -> {
            try {
                return new ViduProcess(data).run(COMMAND, "list");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(3_000);
        assertThat(list).as("waits while this process has the file").isNotDone();

        held.close();
        alone.get().dispose();

        ViduProcess.Result result = list.get(60, TimeUnit.SECONDS);
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("No tasks yet");
    }
}
