package com.vidugateway.adapter.persistence;

import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A migrated schema of its own for each test on the PostgreSQL of this machine ({@link Postgres}), dropped after it;
 * the test is skipped where none answers. {@code @RegisterExtension final PostgresSchema database = new PostgresSchema();}
 */
final class PostgresSchema implements TestDatabase {

    private String schema;
    private DataSource dataSource;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        Postgres.assumeReachable();
        schema = Postgres.createSchema();
        dataSource = Postgres.dataSource(schema);
        DatabaseMigrations.migrate(dataSource, Fixtures.blobs());
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Postgres.dropSchema(schema);
    }

    String schema() {
        return schema;
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }
}
