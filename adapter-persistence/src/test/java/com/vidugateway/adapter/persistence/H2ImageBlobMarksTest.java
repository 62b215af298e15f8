package com.vidugateway.adapter.persistence;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The marks on an H2 file, as the gateway opens it (AUTO_SERVER), with H2's own lock timeout. */
class H2ImageBlobMarksTest extends JdbcImageBlobMarksContract {

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
    protected DataSource dataSource() {
        return pool;
    }

    @Override
    protected boolean lockWaiting(Connection connection) throws SQLException {
        return count(connection, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL");
    }
}
