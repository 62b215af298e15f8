package com.vidugateway.bootstrap;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh, empty PostgreSQL database on the local server (127.0.0.1:5432, user postgres, trust authentication), made
 * for one test run and dropped by {@link #close()}, connections and all.
 */
final class ScratchPostgres implements AutoCloseable {

    static final String HOST = "127.0.0.1:5432";
    static final String USER = "postgres";

    private final String name;
    private final String adminUrl;
    private boolean dropped;

    private ScratchPostgres(String name, String adminUrl) {
        this.name = name;
        this.adminUrl = adminUrl;
    }

    /** Creates {@code <prefix>_<random>}, connecting to the maintenance database {@code postgres} (or {@code test}). */
    static ScratchPostgres create(String prefix) throws SQLException {
        String name = (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
                .toLowerCase(Locale.ROOT);
        SQLException last = null;
        for (String maintenance : List.of("postgres", "test")) {
            String url = "jdbc:postgresql://" + HOST + "/" + maintenance;
            try (Connection connection = DriverManager.getConnection(url, USER, "");
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + name);
                return new ScratchPostgres(name, url);
            } catch (SQLException e) {
                last = e;
            }
        }
        throw new SQLException("no PostgreSQL at " + HOST + " to make a test database in (CI starts one: .ci/run): "
                + last.getMessage(), last);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://" + HOST + "/" + name;
    }

    String name() {
        return name;
    }

    /** Drops the database, ending whatever connections are left (a killed server's, say). */
    @Override
    public synchronized void close() throws SQLException {
        if (dropped) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(adminUrl, USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            dropped = true;
        }
    }
}
