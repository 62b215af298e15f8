package com.vidugateway.adapter.persistence;

import com.vidugateway.application.port.out.TaskChanges;
import com.vidugateway.domain.task.TaskId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * The change feed of {@code video_task} (migration 9): one row, {@code task_change_feed}, whose number each task write
 * takes in its own transaction ({@link #take}); the row's lock, held to the commit, makes the numbers visible in the
 * order they were taken.
 */
public final class JdbcTaskChanges implements TaskChanges {

    /** The next number, taken as the first statement of a writing transaction: its row lock is held to the commit. */
    private static final String TAKE = "UPDATE task_change_feed SET last_change = last_change + 1 WHERE id = 1";

    /** The number {@link #TAKE} took, for the task's row (same transaction). */
    static final String TAKEN = "(SELECT last_change FROM task_change_feed WHERE id = 1)";

    static final String AFTER_SQL = "SELECT id, change_number FROM video_task WHERE change_number > ?"
            + " ORDER BY change_number LIMIT ?";

    private final Database database;

    /** @param dataSource a migrated database ({@link DatabaseMigrations#migrate}) */
    public JdbcTaskChanges(DataSource dataSource) {
        this.database = new Database(dataSource);
    }

    /**
     * Takes the next change number in {@code connection}'s transaction; the task's row then takes it with
     * {@link #TAKEN}. Must come before the transaction locks any task row, so that writers queue here, in one order.
     */
    static void take(Connection connection) throws SQLException {
        try (PreparedStatement take = connection.prepareStatement(TAKE)) {
            if (take.executeUpdate() != 1) {
                throw new SQLException("the change feed's row is missing (task_change_feed, migration 9)");
            }
        }
    }

    @Override
    public long latest() {
        return database.query("read the task change feed", "SELECT last_change FROM task_change_feed WHERE id = 1",
                statement -> { }, row -> row.getLong(1)).stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("the change feed's row is missing (task_change_feed)"));
    }

    @Override
    public List<Change> after(long after, int limit) {
        return database.query("read the task changes after " + after, AFTER_SQL,
                statement -> {
                    statement.setLong(1, after);
                    statement.setInt(2, limit);
                },
                row -> new Change(new TaskId(row.getString(1)), row.getLong(2)));
    }
}
