package com.vidugateway.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.request.VideoRequestDraft;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One H2 file, two users at once: a running server and a CLI command are two processes on the same
 * database (AUTO_SERVER: the first one serves the file to the others over loopback TCP).
 */
class H2AutoServerTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123Z");

    @TempDir
    Path directory;

    @Test
    void two_data_sources_in_one_process_share_the_file() {
        JdbcConnectionPool server = H2Files.pool(directory);
        JdbcDataSource cli = new JdbcDataSource();
        cli.setURL(H2Files.url(directory));
        cli.setUser("sa");
        try {
            DatabaseMigrations.migrate(server, Fixtures.blobs());
            DatabaseMigrations.migrate(cli, Fixtures.blobs());
            JdbcVideoTasks serverStore = new JdbcVideoTasks(server);
            JdbcVideoTasks cliStore = new JdbcVideoTasks(cli);

            serverStore.add(task("from-server"), null, null);
            cliStore.add(task("from-cli"), null, null);

            assertThat(cliStore.find(new TaskId("from-server"))).isPresent();
            assertThat(serverStore.find(new TaskId("from-cli"))).isPresent();
        } finally {
            server.dispose();
        }
    }

    @Test
    void another_process_opens_the_file_while_this_one_holds_it_and_each_sees_the_others_writes() throws Exception {
        JdbcConnectionPool pool = H2Files.pool(directory);
        try {
            DatabaseMigrations.migrate(pool, Fixtures.blobs());
            JdbcVideoTasks store = new JdbcVideoTasks(pool);
            VideoTask mine = task("from-parent");
            store.add(mine, null, T0);

            Process child = new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                    Neighbour.class.getName(), H2Files.url(directory))
                    .redirectErrorStream(true)
                    .start();
            boolean ended = child.waitFor(60, TimeUnit.SECONDS);
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!ended) {
                child.destroyForcibly();
            }

            assertThat(ended).as("the other process ended; it said:%n%s", output).isTrue();
            assertThat(child.exitValue()).as("the other process's exit code; it said:%n%s", output).isZero();
            assertThat(output).contains("saw from-parent", "claimed from-parent");
            assertThat(store.find(new TaskId("from-child"))).hasValueSatisfying(task ->
                    assertThat(task.owner()).isEqualTo("child"));
            // The child's claim (compare-and-set on the check) is seen here: the check moved on.
            assertThat(store.checkOf(mine.id())).hasValueSatisfying(check ->
                    assertThat(check.dueAt()).isEqualTo(T0.plusSeconds(60)));
            assertThat(store.find(mine.id()).orElseThrow().status()).isEqualTo(TaskStatus.SUBMITTING);
        } finally {
            pool.dispose();
        }
    }

    static VideoTask task(String id) {
        VideoRequest request = VideoRequest.from(VideoRequestDraft.builder().model("viduq2")
                .images("https://example.com/cat.jpg").prompt("p").build(), ModelCatalogue.STANDARD).value();
        return VideoTask.accept(new TaskId(id), id.startsWith("from-child") ? "child" : "parent", request, T0);
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : ""))
                .toString();
    }

    /** The other process: opens the database by its URL, reads the parent's task, writes its own. */
    static final class Neighbour {
        public static void main(String[] args) {
            JdbcDataSource dataSource = new JdbcDataSource();
            dataSource.setURL(args[0]);
            dataSource.setUser("sa");
            DatabaseMigrations.migrate(dataSource, Fixtures.blobs());
            JdbcVideoTasks store = new JdbcVideoTasks(dataSource);
            VideoTask parents = store.find(new TaskId("from-parent")).orElseThrow();
            System.out.println("saw " + parents.id());
            var check = store.due(T0, 10);
            if (check.size() != 1 || !store.claim(check.get(0), T0.plusSeconds(60))) {
                System.out.println("could not claim: " + check);
                System.exit(2);
            }
            System.out.println("claimed " + parents.id());
            if (!store.replace(parents.moveTo(TaskStatus.SUBMITTING, T0.plusSeconds(1)))) {
                System.exit(3);
            }
            store.add(task("from-child"), null, null);
            System.out.println("wrote from-child; the child has " + store.list("child", null, null, 10).size() + " task(s)");
        }
    }
}
