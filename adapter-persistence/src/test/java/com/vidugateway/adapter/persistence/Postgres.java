package com.vidugateway.adapter.persistence;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL of this machine (127.0.0.1:5432, database {@code test}, user {@code postgres}, trust
 * authentication), a schema of its own per test. Tests that need it are skipped, not failed, where none answers.
 */
final class Postgres {

    /** Another server with {@code -Dvidu.test.postgres=host:port}. */
    static final String ADDRESS = System.getProperty("vidu.test.postgres", "127.0.0.1:5432");
    private static final String SERVER = "jdbc:postgresql://" + ADDRESS + "/test";

    /** Why PostgreSQL cannot be used; null when it answers. Asked once. */
    private static String unreachable;
    private static boolean asked;

    private Postgres() {}

    /**
     * Skips the calling test when PostgreSQL does not answer (per test: Maven then reports each as skipped) — except in
     * CI ({@code CI=true}), where .ci/run starts PostgreSQL and a skipped PostgreSQL test would be a silent pass.
     */
    static synchronized void assumeReachable() {
        if (!asked) {
            asked = true;
            try (Connection connection = dataSource(null).getConnection()) {
                connection.isValid(5);
            } catch (SQLException e) {
                unreachable = e.getMessage();
            }
        }
        if (unreachable != null && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("PostgreSQL at " + ADDRESS + " (database test, user postgres) is not"
                    + " reachable in CI, where .ci/run starts it: " + unreachable);
        }
        assumeTrue(unreachable == null, "PostgreSQL at " + ADDRESS + " (database test, user postgres) is not"
                + " reachable, so the PostgreSQL store is not tested: " + unreachable);
    }

    /** A new, empty schema. */
    static String createSchema() throws SQLException {
        String schema = "vidu_test_" + UUID.randomUUID().toString().replace("-", "");
        admin("CREATE SCHEMA " + schema);
        return schema;
    }

    static void dropSchema(String schema) throws SQLException {
        if (schema != null) {
            admin("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    static PGSimpleDataSource dataSource(String schema) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(SERVER + (schema == null ? "" : "?currentSchema=" + schema));
        dataSource.setUser("postgres");
        dataSource.setConnectTimeout(5);
        return dataSource;
    }

    private static void admin(String sql) throws SQLException {
        try (Connection connection = dataSource(null).getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
