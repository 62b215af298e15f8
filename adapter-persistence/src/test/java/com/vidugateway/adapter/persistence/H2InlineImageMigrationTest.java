package com.vidugateway.adapter.persistence;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.io.TempDir;

/** The migration on an H2 file, as the gateway's default data directory holds it. */
class H2InlineImageMigrationTest extends InlineImageMigrationContract {

    @TempDir
    Path database;

    private JdbcConnectionPool pool;

    @Override
    protected DataSource openDatabase() {
        pool = H2Files.pool(database);
        return pool;
    }

    @Override
    protected void closeDatabase() {
        pool.dispose();
    }
}
