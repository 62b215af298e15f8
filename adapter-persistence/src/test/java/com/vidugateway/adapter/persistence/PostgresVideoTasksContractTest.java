package com.vidugateway.adapter.persistence;

import com.vidugateway.application.port.out.VideoTasks;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.postgresql.ds.PGSimpleDataSource;

/** The store on the PostgreSQL of this machine ({@link Postgres}), each test in a schema of its own. */
class PostgresVideoTasksContractTest extends JdbcVideoTasksContract {

    private String schema;
    private PGSimpleDataSource dataSource;
    private JdbcVideoTasks store;

    @BeforeEach
    void freshSchema() throws SQLException {
        Postgres.assumeReachable();
        schema = Postgres.createSchema();
        dataSource = Postgres.dataSource(schema);
        DatabaseMigrations.migrate(dataSource, Fixtures.blobs());
        store = new JdbcVideoTasks(dataSource, HOLDER);
    }

    @AfterEach
    void dropSchema() throws SQLException {
        Postgres.dropSchema(schema);
    }

    @Override
    protected VideoTasks store() {
        return store;
    }

    @Override
    protected DataSource dataSource() {
        return dataSource;
    }
}
