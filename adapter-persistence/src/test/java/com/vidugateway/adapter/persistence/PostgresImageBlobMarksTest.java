package com.vidugateway.adapter.persistence;

import java.sql.Connection;
import java.sql.SQLException;

/** The marks on the PostgreSQL of this machine ({@link Postgres}), a schema of their own per test. */
class PostgresImageBlobMarksTest extends JdbcImageBlobMarksContract {

    PostgresImageBlobMarksTest() {
        super(new PostgresSchema());
    }

    /** A session of this test's schema waiting for a row lock on a mark (other databases' sessions are not ours). */
    @Override
    protected boolean lockWaiting(Connection connection) throws SQLException {
        String schema = ((PostgresSchema) database).schema();
        return count(connection, "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                + " AND datname = current_database() AND query LIKE '%image_blob%'"
                + " AND pid IN (SELECT pid FROM pg_locks l JOIN pg_class c ON c.oid = l.relation"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '" + schema + "')");
    }
}
