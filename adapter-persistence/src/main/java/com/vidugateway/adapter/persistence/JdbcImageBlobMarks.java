package com.vidugateway.adapter.persistence;

import com.vidugateway.application.port.out.ImageBlobMarks;
import com.vidugateway.application.port.out.VideoTasks;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * The marks of image blobs in {@code image_blob} (one row per blob: when it was last kept, in epoch milliseconds of
 * the database's clock), in the same database as the tasks, so that a sweep can ask {@code task_image} in the very
 * transaction that holds the blob's row locked. Works alike on H2 (row locks of its MVStore; a waiting statement gives
 * up after H2's lock timeout, about two seconds, and is tried again) and PostgreSQL.
 */
public final class JdbcImageBlobMarks implements ImageBlobMarks {

    /** How long a mark waits, all tries together, for a sweep that holds the blob (deleting it from storage). */
    static final Duration MARK_PATIENCE = Duration.ofSeconds(30);
    /** How long a sweep waits for a blob's row (a submit's mark is one short statement); then the blob waits a round. */
    private static final String SWEEP_LOCK_TIMEOUT = "5s";

    /** The database's clock now, in epoch milliseconds: the same expression on H2 and PostgreSQL. */
    static final String NOW_MILLIS = "CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT)";

    private static final String MARK_H2 = "MERGE INTO image_blob (sha256, kept_at) KEY (sha256) VALUES (?, " + NOW_MILLIS + ")";
    private static final String MARK_POSTGRES = "INSERT INTO image_blob (sha256, kept_at) VALUES (?, " + NOW_MILLIS + ")"
            + " ON CONFLICT (sha256) DO UPDATE SET kept_at = EXCLUDED.kept_at";

    private final Database database;

    /** @param dataSource a migrated database ({@link DatabaseMigrations#migrate}), the task store's */
    public JdbcImageBlobMarks(DataSource dataSource) {
        this.database = new Database(dataSource);
    }

    @Override
    public void mark(String sha256) {
        boolean postgres = database.isPostgres();
        long deadline = System.nanoTime() + MARK_PATIENCE.toNanos();
        while (true) {
            try {
                database.inTransaction(connection -> {
                    if (postgres) {
                        execute(connection, "SET LOCAL lock_timeout = '" + MARK_PATIENCE.toSeconds() + "s'");
                    }
                    upsert(connection, postgres, sha256);
                    return null;
                });
                return;
            } catch (SQLException e) {
                if (!isContention(e)) {
                    throw Database.failure("mark image " + sha256 + " as kept", e);
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new VideoTasks.Unavailable("the task store could not mark image " + sha256 + " as kept: a"
                            + " clean-up held it for more than " + MARK_PATIENCE.toSeconds() + " s (" + e.getMessage()
                            + ")", e);
                }
                // H2 gave up waiting (its lock timeout), or a sweep inserted the same row: try again.
            }
        }
    }

    @Override
    public Instant cutOff(Duration age) {
        List<Long> now = database.query("read the database's clock", "SELECT " + NOW_MILLIS, statement -> { },
                row -> row.getLong(1));
        return Instant.ofEpochMilli(now.get(0)).minus(age);
    }

    @Override
    public List<String> markedBefore(Instant cutOff, String after, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return database.query("find old image blob marks",
                "SELECT sha256 FROM image_blob WHERE sha256 > ? AND kept_at < ? ORDER BY sha256 LIMIT ?",
                statement -> {
                    statement.setString(1, after == null ? "" : after);
                    statement.setLong(2, cutOff.toEpochMilli());
                    statement.setInt(3, limit);
                }, row -> row.getString(1));
    }

    @Override
    public Swept sweep(String sha256, Instant cutOff, Removal removal) throws IOException {
        boolean postgres = database.isPostgres();
        try {
            return database.inTransaction(connection -> {
                if (postgres) {
                    execute(connection, "SET LOCAL lock_timeout = '" + SWEEP_LOCK_TIMEOUT + "'");
                }
                List<Long> keptAt = Database.rows(connection,
                        "SELECT kept_at FROM image_blob WHERE sha256 = ? FOR UPDATE",
                        statement -> statement.setString(1, sha256), row -> row.getLong(1));
                if (keptAt.isEmpty()) {
                    // In the store without a mark (from before marks, or its mark was lost): marked now, so it goes
                    // one cut-off later unless a task comes to need it. A submit marking it meanwhile waits, or wins.
                    upsert(connection, postgres, sha256);
                    return Swept.MARKED;
                }
                if (keptAt.get(0) >= cutOff.toEpochMilli()) {
                    return Swept.RECENT;
                }
                boolean inUse = !Database.rows(connection, "SELECT task_id FROM task_image WHERE sha256 = ? LIMIT 1",
                        statement -> statement.setString(1, sha256), row -> row.getString(1)).isEmpty();
                if (inUse) {
                    return Swept.IN_USE;
                }
                try {
                    removal.remove(); // the row stays locked: a submit's mark waits until this transaction ends
                } catch (IOException e) {
                    throw new RemovalFailed(e);
                }
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM image_blob WHERE sha256 = ?")) {
                    delete.setString(1, sha256);
                    delete.executeUpdate();
                }
                return Swept.REMOVED;
            });
        } catch (RemovalFailed e) {
            throw e.getCause();
        } catch (SQLException e) {
            if (isContention(e)) {
                return Swept.BUSY;
            }
            throw Database.failure("sweep image " + sha256, e);
        }
    }

    private static void upsert(Connection connection, boolean postgres, String sha256) throws SQLException {
        try (PreparedStatement mark = connection.prepareStatement(postgres ? MARK_POSTGRES : MARK_H2)) {
            mark.setString(1, sha256);
            mark.executeUpdate();
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /**
     * Another transaction held the row, or made it at the same moment: a lock wait that timed out (H2 HYT00, PostgreSQL
     * 55P03), a deadlock or a write conflict (40001, 40P01, H2's 90131 concurrent update), a duplicate key (23505).
     */
    static boolean isContention(SQLException e) {
        for (SQLException next = e; next != null; next = next.getNextException()) {
            String state = next.getSQLState();
            if (state != null && (state.equals("HYT00") || state.equals("55P03") || state.equals("40001")
                    || state.equals("40P01") || state.equals("23505"))) {
                return true;
            }
            if (next.getErrorCode() == 90131 || next.getErrorCode() == 50200) {
                return true;
            }
        }
        return false;
    }

    /** A removal's failure carried out of the transaction, which rolls back. */
    private static final class RemovalFailed extends RuntimeException {
        RemovalFailed(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }
}
