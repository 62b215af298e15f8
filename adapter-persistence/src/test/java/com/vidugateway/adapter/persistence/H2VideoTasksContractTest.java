package com.vidugateway.adapter.persistence;

import com.vidugateway.application.port.out.VideoTasks;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The store on an H2 file database, as the gateway runs it by default; a fresh file per test. */
class H2VideoTasksContractTest extends JdbcVideoTasksContract {

    @TempDir
    Path directory;

    private JdbcConnectionPool pool;
    private JdbcVideoTasks store;

    @BeforeEach
    void openDatabase() {
        pool = H2Files.pool(directory);
        DatabaseMigrations.migrate(pool, Fixtures.blobs());
        store = new JdbcVideoTasks(pool, HOLDER);
    }

    @AfterEach
    void closeDatabase() {
        pool.dispose();
    }

    @Override
    protected VideoTasks store() {
        return store;
    }

    @Override
    protected DataSource dataSource() {
        return pool;
    }
}
