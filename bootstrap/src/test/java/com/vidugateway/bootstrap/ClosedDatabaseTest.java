package com.vidugateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.adapter.persistence.DatabaseMigrations;
import com.vidugateway.adapter.persistence.JdbcVideoTasks;
import com.vidugateway.adapter.persistence.LocalImageBlobs;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.request.VideoRequestDraft;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.VideoTask;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An embedded H2 database that closes itself after a fatal error inside it (as an OutOfMemoryError while writing
 * used to make it do) must not stay closed for every later request: the very next ones are served.
 */
class ClosedDatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void after_the_database_closed_under_the_pool_the_next_list_and_submit_are_served_and_nothing_committed_is_lost()
            throws Exception {
        try (HikariDataSource pool = GatewayFactory.openDatabase(dataDir, "", "", "", 4)) {
            LocalImageBlobs blobs = new LocalImageBlobs(dataDir.resolve("blobs"));
            DatabaseMigrations.migrate(pool, blobs);
            JdbcVideoTasks tasks = new JdbcVideoTasks(pool);
            tasks.add(task(), null, Instant.now());
            // Warm the pool: several connections open on the database that is about to close.
            for (int i = 0; i < 4; i++) {
                assertThat(tasks.list("local", null, null, 10)).hasSize(1);
            }

            Connection connection = pool.getConnection();
            try (Statement statement = connection.createStatement()) {
                // Closed without writing anything out, as a killed process leaves it: what was committed must be there.
                statement.execute("SHUTDOWN IMMEDIATELY");
            }
            try {
                connection.close();
            } catch (java.sql.SQLException closedAlready) {
                // This connection's database is the one that just closed.
            }

            assertThat(tasks.list("local", null, null, 10)).hasSize(1);
            tasks.add(task(), null, Instant.now());
            assertThat(tasks.list("local", null, null, 10)).hasSize(2);
        }
    }

    private static VideoTask task() {
        VideoRequest request = VideoRequest.from(VideoRequestDraft.builder().model("viduq2")
                .images("https://example.com/cat.png").prompt("make it dance").build(), ModelCatalogue.STANDARD).value();
        return VideoTask.accept(TaskId.random(), "local", request, Instant.now());
    }
}
