package com.vidugateway.adapter.persistence;

import com.vidugateway.application.port.out.VideoTasks;
import com.vidugateway.application.port.out.WebhookOutbox;
import com.vidugateway.application.port.out.WebhookOutboxContract;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.postgresql.ds.PGSimpleDataSource;

/** The outbox on the PostgreSQL of this machine ({@link Postgres}), each test in a schema of its own. */
class PostgresWebhookOutboxContractTest extends WebhookOutboxContract {

    private String schema;
    private PGSimpleDataSource dataSource;

    @BeforeEach
    void freshSchema() throws SQLException {
        Postgres.assumeReachable();
        schema = Postgres.createSchema();
        dataSource = Postgres.dataSource(schema);
        DatabaseMigrations.migrate(dataSource, Fixtures.blobs());
    }

    @AfterEach
    void dropSchema() throws SQLException {
        Postgres.dropSchema(schema);
    }

    @Override
    protected VideoTasks store() {
        return new JdbcVideoTasks(dataSource, "instance-a");
    }

    /** One server's outbox: its delivery threads share it. */
    private WebhookOutbox outbox;

    @Override
    protected WebhookOutbox outbox() {
        if (outbox == null) {
            outbox = new JdbcWebhookOutbox(dataSource, "instance-a");
        }
        return outbox;
    }
}
