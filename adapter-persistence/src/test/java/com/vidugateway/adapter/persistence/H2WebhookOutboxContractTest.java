package com.vidugateway.adapter.persistence;

import com.vidugateway.application.port.out.VideoTasks;
import com.vidugateway.application.port.out.WebhookOutbox;
import com.vidugateway.application.port.out.WebhookOutboxContract;
import java.nio.file.Path;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class H2WebhookOutboxContractTest extends WebhookOutboxContract {

    @TempDir
    Path directory;

    private JdbcConnectionPool pool;

    @BeforeEach
    void openDatabase() {
        pool = H2Files.pool(directory);
        DatabaseMigrations.migrate(pool, Fixtures.blobs());
    }

    @AfterEach
    void closeDatabase() {
        pool.dispose();
    }

    @Override
    protected VideoTasks store() {
        return new JdbcVideoTasks(pool, "instance-a");
    }

    /** One server's outbox: its delivery threads share it. */
    private WebhookOutbox outbox;

    @Override
    protected WebhookOutbox outbox() {
        if (outbox == null) {
            outbox = new JdbcWebhookOutbox(pool, "instance-a");
        }
        return outbox;
    }
}
