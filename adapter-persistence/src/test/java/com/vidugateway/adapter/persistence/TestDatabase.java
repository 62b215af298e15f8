package com.vidugateway.adapter.persistence;

import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;

/**
 * A migrated database of its own for each test, opened before it and thrown away after it, as a JUnit extension: an
 * H2 file ({@link H2File}) or a PostgreSQL schema ({@link PostgresSchema}). The database contracts register the one
 * their test class gives them.
 */
interface TestDatabase extends BeforeEachCallback, AfterEachCallback {

    DataSource dataSource();
}
