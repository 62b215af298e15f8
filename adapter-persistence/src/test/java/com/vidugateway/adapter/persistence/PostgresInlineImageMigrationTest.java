package com.vidugateway.adapter.persistence;

import java.sql.SQLException;
import javax.sql.DataSource;

/** The migration on PostgreSQL ({@link Postgres}), where old requests are read in slices. */
class PostgresInlineImageMigrationTest extends InlineImageMigrationContract {

    private String schema;

    @Override
    protected DataSource openDatabase() throws SQLException {
        Postgres.assumeReachable();
        schema = Postgres.createSchema();
        return Postgres.dataSource(schema);
    }

    @Override
    protected void closeDatabase() throws SQLException {
        Postgres.dropSchema(schema);
    }
}
