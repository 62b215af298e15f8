package com.vidugateway.bootstrap;

import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.postgresql.ds.PGSimpleDataSource;

/** Blobs in a bucket, marks in PostgreSQL: several instances' setting. */
class S3BlobMarksPostgresTest extends S3BlobMarksContract {

    private ScratchPostgres database;

    @Override
    protected DataSource openDatabase() throws Exception {
        database = ScratchPostgres.create("vidu_marks");
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(database.jdbcUrl());
        dataSource.setUser(ScratchPostgres.USER);
        return dataSource;
    }

    /** A session of this test's own database waiting for a lock. */
    @Override
    protected String lockWaitingQuery() {
        return "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = '" + database.name()
                + "'";
    }

    @AfterEach
    void drop() throws Exception {
        database.close();
    }
}
