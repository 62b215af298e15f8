package com.vidugateway.bootstrap;

import com.vidugateway.adapter.persistence.DatabaseMigrations;
import com.vidugateway.adapter.persistence.JdbcImageBlobMarks;
import com.vidugateway.adapter.persistence.JdbcVideoTasks;
import com.vidugateway.adapter.s3.S3ImageBlobs;
import com.vidugateway.adapter.s3.S3rver;
import com.vidugateway.application.port.out.ImageBlobMarks;
import com.vidugateway.application.port.out.ImageBlobMarksContract;
import com.vidugateway.application.port.out.ImageBlobs;
import com.vidugateway.application.port.out.VideoTasks;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The marks in the task database guarding blobs in a bucket (s3rver on loopback): the combination a cluster runs, the
 * one where a blob store's own times were least to be trusted (whole seconds, another machine's clock).
 */
abstract class S3BlobMarksContract extends ImageBlobMarksContract {

    @TempDir
    Path staging;

    private S3Client s3;
    private S3ImageBlobs blobs;
    private JdbcVideoTasks tasks;
    private JdbcImageBlobMarks marks;

    /** A new, empty database. */
    protected abstract DataSource openDatabase() throws Exception;

    /** Whether a statement waits for a lock another transaction holds. */
    protected abstract String lockWaitingQuery();

    private DataSource database;

    @BeforeEach
    void open() throws Exception {
        s3 = S3rver.client();
        blobs = new S3ImageBlobs(s3, S3rver.bucket(s3), "marks", Clock.systemUTC(), staging);
        database = openDatabase();
        DatabaseMigrations.migrate(database, blobs);
        tasks = new JdbcVideoTasks(database, "marks-test");
        marks = new JdbcImageBlobMarks(database);
    }

    @AfterEach
    void closeClient() {
        s3.close();
    }

    @Override
    protected VideoTasks tasks() {
        return tasks;
    }

    @Override
    protected ImageBlobMarks marks() {
        return marks;
    }

    @Override
    protected ImageBlobs blobs() {
        return blobs;
    }

    @Override
    protected void age(Duration by) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE image_blob SET kept_at = kept_at - ?")) {
            update.setLong(1, by.toMillis());
            update.executeUpdate();
        }
    }

    @Override
    protected boolean markWaiting() throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement count = connection.prepareStatement(lockWaitingQuery());
             ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getLong(1) > 0;
        }
    }
}
