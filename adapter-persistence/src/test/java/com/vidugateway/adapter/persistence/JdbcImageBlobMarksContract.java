package com.vidugateway.adapter.persistence;

import com.vidugateway.application.port.out.ImageBlobMarks;
import com.vidugateway.application.port.out.ImageBlobMarksContract;
import com.vidugateway.application.port.out.ImageBlobs;
import com.vidugateway.application.port.out.VideoTasks;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The marks in a migrated database, beside the task store, guarding a blob directory. */
abstract class JdbcImageBlobMarksContract extends ImageBlobMarksContract {

    @TempDir
    Path blobDirectory;

    private VideoTasks tasks;
    private JdbcImageBlobMarks marks;
    private LocalImageBlobs blobs;

    /** The migrated database, opened afresh for the test. */
    @RegisterExtension
    final TestDatabase database;

    JdbcImageBlobMarksContract(TestDatabase database) {
        this.database = database;
    }

    protected DataSource dataSource() {
        return database.dataSource();
    }

    /** Whether a statement of this database waits for a lock another transaction holds. */
    protected abstract boolean lockWaiting(Connection connection) throws SQLException;

    @Override
    protected VideoTasks tasks() {
        if (tasks == null) {
            tasks = new JdbcVideoTasks(dataSource(), "marks-test");
        }
        return tasks;
    }

    @Override
    protected ImageBlobMarks marks() {
        if (marks == null) {
            marks = new JdbcImageBlobMarks(dataSource());
        }
        return marks;
    }

    @Override
    protected ImageBlobs blobs() {
        if (blobs == null) {
            blobs = new LocalImageBlobs(blobDirectory);
        }
        return blobs;
    }

    @Override
    protected void age(Duration by) throws SQLException {
        try (Connection connection = dataSource().getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE image_blob SET kept_at = kept_at - ?")) {
            update.setLong(1, by.toMillis());
            update.executeUpdate();
        }
    }

    @Override
    protected boolean markWaiting() throws SQLException {
        try (Connection connection = dataSource().getConnection()) {
            return lockWaiting(connection);
        }
    }

    static boolean count(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1) > 0;
        }
    }
}
