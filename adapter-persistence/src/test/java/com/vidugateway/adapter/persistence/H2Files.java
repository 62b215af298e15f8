package com.vidugateway.adapter.persistence;

import java.nio.file.Path;
import org.h2.jdbcx.JdbcConnectionPool;

/** H2 file databases as the gateway opens them: AUTO_SERVER, so a CLI and a server share one file. */
final class H2Files {

    private H2Files() {}

    static String url(Path directory) {
        return "jdbc:h2:file:" + directory.toAbsolutePath().resolve("vidu") + ";AUTO_SERVER=TRUE";
    }

    static JdbcConnectionPool pool(Path directory) {
        return JdbcConnectionPool.create(url(directory), "sa", "");
    }
}
