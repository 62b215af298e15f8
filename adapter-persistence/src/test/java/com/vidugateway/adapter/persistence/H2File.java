package com.vidugateway.adapter.persistence;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A migrated H2 file database of its own for each test, opened as the gateway opens it ({@link H2Files}) in a
 * directory of its own, closed and deleted after it. {@code @RegisterExtension final H2File database = new H2File();}
 */
final class H2File implements TestDatabase {

    private Path directory;
    private JdbcConnectionPool pool;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        directory = Files.createTempDirectory("vidu-h2-");
        pool = H2Files.pool(directory);
        DatabaseMigrations.migrate(pool, Fixtures.blobs());
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (pool != null) {
            pool.dispose();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Override
    public JdbcConnectionPool dataSource() {
        return pool;
    }
}
