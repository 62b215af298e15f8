package com.vidugateway.bootstrap;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * Tells the connection pool to drop a connection whose embedded H2 database was closed under it (an H2 store
 * closes itself after a fatal error inside it, for example an OutOfMemoryError while writing). Without this the pool
 * keeps handing out connections to the closed database and every later request fails until a restart; with it the
 * next connection opens the database file again.
 */
public final class EvictClosedDatabase implements SQLExceptionOverride {

    /** H2: "The database has been closed", "Database is already closed", "This store is closed" (general error). */
    private static final int DATABASE_CLOSED = 90098;
    private static final int DATABASE_ALREADY_CLOSED = 90121;
    private static final int GENERAL_ERROR = 50000;

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && isClosedDatabase(sql)) {
                return Override.MUST_EVICT;
            }
        }
        return Override.CONTINUE_EVICT;
    }

    private static boolean isClosedDatabase(SQLException e) {
        int code = e.getErrorCode();
        return code == DATABASE_CLOSED || code == DATABASE_ALREADY_CLOSED
                || (code == GENERAL_ERROR && e.getMessage() != null && e.getMessage().contains("store is closed"));
    }
}
