package com.vidugateway.adapter.persistence;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.vidugateway.application.port.out.VideoTasks;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The store on the PostgreSQL of this machine (127.0.0.1:5432, database {@code test}, user {@code postgres},
 * trust authentication), each test in a schema of its own. Skipped, not failed, where no PostgreSQL answers.
 */
class PostgresVideoTasksContractTest extends JdbcVideoTasksContract {

    /** Another server with {@code -Dvidu.test.postgres=host:port}. */
    private static final String ADDRESS = System.getProperty("vidu.test.postgres", "127.0.0.1:5432");
    private static final String SERVER = "jdbc:postgresql://" + ADDRESS + "/test";

    private String schema;
    private PGSimpleDataSource dataSource;
    private JdbcVideoTasks store;

    /** Why PostgreSQL cannot be used; null when it answers. Asked once. */
    private static String unreachable;

    @BeforeAll
    static void askPostgres() {
        try (Connection connection = dataSource(null).getConnection()) {
            connection.isValid(5);
        } catch (SQLException e) {
            unreachable = e.getMessage();
        }
    }

    @BeforeEach
    void freshSchema() throws SQLException {
        // Per test, not per class: Maven then counts every test as skipped and keeps the reason.
        assumeTrue(unreachable == null, "PostgreSQL at " + ADDRESS + " (database test, user postgres) is not"
                + " reachable, so the PostgreSQL store is not tested: " + unreachable);
        schema = "vidu_test_" + UUID.randomUUID().toString().replace("-", "");
        admin("CREATE SCHEMA " + schema);
        dataSource = dataSource(schema);
        DatabaseMigrations.migrate(dataSource);
        store = new JdbcVideoTasks(dataSource);
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (schema != null) {
            admin("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Override
    protected VideoTasks store() {
        return store;
    }

    @Override
    protected DataSource dataSource() {
        return dataSource;
    }

    private static PGSimpleDataSource dataSource(String schema) {
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
