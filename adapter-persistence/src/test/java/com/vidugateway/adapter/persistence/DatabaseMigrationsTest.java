package com.vidugateway.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseMigrationsTest {

    @TempDir
    Path dir;

    private JdbcDataSource h2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("db") + ";AUTO_SERVER=TRUE");
        dataSource.setUser("sa");
        return dataSource;
    }

    @Test
    void the_latest_version_constant_names_the_newest_migration() throws IOException, URISyntaxException {
        Path folder = Path.of(getClass().getResource("/db/migration").toURI());
        int newest;
        try (Stream<Path> scripts = Files.list(folder)) {
            newest = scripts.map(p -> p.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
                    .max().orElse(0);
        }
        assertThat(DatabaseMigrations.LATEST_VERSION).isEqualTo(Math.max(newest, MoveInlineImagesToBlobs.VERSION));
    }

    @Test
    void a_new_database_is_not_up_to_date_and_a_migrated_one_is() {
        JdbcDataSource dataSource = h2();

        assertThat(DatabaseMigrations.isUpToDate(dataSource)).isFalse();
        DatabaseMigrations.migrateIfNeeded(dataSource, Fixtures.blobs());
        assertThat(DatabaseMigrations.isUpToDate(dataSource)).isTrue();
        DatabaseMigrations.migrateIfNeeded(dataSource, Fixtures.blobs());
        assertThat(DatabaseMigrations.isUpToDate(dataSource)).isTrue();
    }
}
