package com.vidugateway.bootstrap;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** Blobs in a bucket, marks in the embedded H2 file as the gateway opens it. */
class S3BlobMarksH2Test extends S3BlobMarksContract {

    @TempDir
    Path dataDir;

    private JdbcConnectionPool pool;

    @Override
    protected DataSource openDatabase() {
        pool = JdbcConnectionPool.create("jdbc:h2:file:" + dataDir.resolve("vidu") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0",
                "sa", "");
        return pool;
    }

    @Override
    protected String lockWaitingQuery() {
        return "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL";
    }

    @AfterEach
    void close() {
        pool.dispose();
    }
}
