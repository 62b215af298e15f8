package com.vidugateway.adapter.persistence;

import com.vidugateway.application.port.out.VideoTasks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Units of work on the gateway's database, shared by its stores: a connection per unit, committed as one, done again
 * on a live connection when the one it met had died, and failures told apart — the database cannot be used now
 * ({@link VideoTasks.Unavailable}: a client may try again later) or something else went wrong.
 */
final class Database {

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    interface Parameters {
        void set(PreparedStatement statement) throws SQLException;
    }

    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** A pool holds at most this many connections that may all have died at once (bootstrap's pool: 10). */
    private static final int DEAD_CONNECTION_RETRIES = 12;
    private static final int H2_DATABASE_CLOSED = 90098;
    private static final int H2_DATABASE_ALREADY_CLOSED = 90121;

    private final DataSource dataSource;
    private volatile Boolean postgres;

    Database(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** PostgreSQL (true) or H2 (false): where their SQL differs, the stores say it both ways. */
    boolean isPostgres() {
        Boolean known = postgres;
        if (known == null) {
            try {
                known = run(connection -> connection.getMetaData().getDatabaseProductName()
                        .toLowerCase(Locale.ROOT).contains("postgres"));
            } catch (SQLException e) {
                throw failure("find out which database it is", e);
            }
            postgres = known;
        }
        return known;
    }

    /** One unit of work on its own connection; committed when the connection is not in auto-commit. */
    <T> T run(Work<T> work) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                try {
                    return once(connection, work);
                } catch (SQLException e) {
                    // A connection that died under the work (the database restarted, or an embedded one closed itself
                    // after a fatal error): nothing was committed on it, so the work is done again on another
                    // connection — the pool drops dead ones — instead of failing every request until a restart.
                    boolean handedOver = closedUnder(e);
                    if (attempt >= DEAD_CONNECTION_RETRIES || (!handedOver && isAlive(connection))) {
                        throw e;
                    }
                    if (handedOver) {
                        pause(attempt);
                    }
                }
            }
        }
    }

    /**
     * H2's "the database is (already) closed": the process that served the embedded file (AUTO_SERVER) closed it under
     * the work — a CLI command that just ended, a server that stopped. The connection may look valid again at once
     * (AUTO_RECONNECT reconnects it to whichever process serves the file now), so this is told apart by its code, and
     * the work is done again once the file is handed over: a server started just as a CLI command ended must start.
     */
    private static boolean closedUnder(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && (sql.getErrorCode() == H2_DATABASE_CLOSED
                    || sql.getErrorCode() == H2_DATABASE_ALREADY_CLOSED)) {
                return true;
            }
        }
        return false;
    }

    private static void pause(int attempt) throws SQLException {
        try {
            Thread.sleep(50L * attempt);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while the embedded database was handed over", interrupted);
        }
    }

    private static <T> T once(Connection connection, Work<T> work) throws SQLException {
        boolean manual = !connection.getAutoCommit();
        try {
            T result = work.run(connection);
            if (manual) {
                connection.commit();
            }
            return result;
        } catch (SQLException | RuntimeException e) {
            if (manual && isAlive(connection)) {
                connection.rollback();
            }
            throw e;
        }
    }

    private static boolean isAlive(Connection connection) {
        try {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Several statements that stand or fall together. */
    <T> T inTransaction(Work<T> work) throws SQLException {
        return run(connection -> {
            if (!connection.getAutoCommit()) {
                return work.run(connection);
            }
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        });
    }

    /** {@link #inTransaction}, its failure told apart ({@link #failure}). */
    <T> T transaction(String what, Work<T> work) {
        try {
            return inTransaction(work);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    <T> List<T> query(String what, String sql, Parameters parameters, RowMapper<T> mapper) {
        try {
            return run(connection -> rows(connection, sql, parameters, mapper));
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    static <T> List<T> rows(Connection connection, String sql, Parameters parameters, RowMapper<T> mapper)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            parameters.set(statement);
            try (ResultSet rows = statement.executeQuery()) {
                List<T> found = new ArrayList<>();
                while (rows.next()) {
                    found.add(mapper.map(rows));
                }
                return found;
            }
        }
    }

    int update(String what, String sql, Parameters parameters) {
        try {
            return run(connection -> {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    parameters.set(statement);
                    return statement.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** SQLState class 23: a constraint (a primary key, an owner's idempotency key) refused the row. */
    static boolean isIntegrityViolation(SQLException e) {
        for (SQLException next = e; next != null; next = next.getNextException()) {
            if (next.getSQLState() != null && next.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The failure a caller sees: {@link VideoTasks.Unavailable} when the database cannot be reached or used at the
     * moment (no connection within the pool's timeout, connection refused or lost, the server shutting down or
     * starting up, an embedded database closed), an {@link IllegalStateException} for anything else.
     */
    static RuntimeException failure(String what, SQLException e) {
        String message = "the task store could not " + what + ": " + e.getMessage();
        return isUnavailable(e) ? new VideoTasks.Unavailable(message, e) : new IllegalStateException(message, e);
    }

    private static boolean isUnavailable(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 08: connection exceptions; 57P0x: PostgreSQL shutting down or not yet accepting connections;
                // 90098/90121: H2's database closed (after a fatal error, or by another process).
                if (state.startsWith("08") || state.startsWith("57P0") || state.equals("90098") || state.equals("90121")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The database's clock, in epoch microseconds, read on {@code connection}: PostgreSQL's {@code clock_timestamp()}
     * (the time now, not the transaction's start), which every instance on it shares whatever its machine's clock
     * says. The embedded H2 database is served by a process on this machine, so its clock is this machine's.
     */
    long nowMicros(Connection connection) throws SQLException {
        if (!isPostgres()) {
            java.time.Instant now = java.time.Instant.now();
            return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        }
        return rows(connection, "SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000 AS BIGINT)",
                statement -> { }, row -> row.getLong(1)).get(0);
    }

    /** {@link #nowMicros(Connection)} on a connection of its own. */
    java.time.Instant now(String what) {
        try {
            long micros = run(this::nowMicros);
            return java.time.Instant.EPOCH.plus(micros, java.time.temporal.ChronoUnit.MICROS);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** A time column in epoch milliseconds; null when NULL. */
    static java.time.Instant millis(ResultSet row, String column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? null : java.time.Instant.ofEpochMilli(millis);
    }

    /** Sets a time parameter in epoch milliseconds; NULL for null. */
    static void setMillis(PreparedStatement statement, int index, java.time.Instant at) throws SQLException {
        if (at == null) {
            statement.setNull(index, java.sql.Types.BIGINT);
        } else {
            statement.setLong(index, at.toEpochMilli());
        }
    }
}
