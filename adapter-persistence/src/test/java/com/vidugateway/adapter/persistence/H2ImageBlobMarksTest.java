package com.vidugateway.adapter.persistence;

import java.sql.Connection;
import java.sql.SQLException;

/** The marks on an H2 file, as the gateway opens it (AUTO_SERVER), with H2's own lock timeout. */
class H2ImageBlobMarksTest extends JdbcImageBlobMarksContract {

    H2ImageBlobMarksTest() {
        super(new H2File());
    }

    @Override
    protected boolean lockWaiting(Connection connection) throws SQLException {
        return count(connection, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL");
    }
}
