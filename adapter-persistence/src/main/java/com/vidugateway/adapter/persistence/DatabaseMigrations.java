package com.vidugateway.adapter.persistence;

import com.vidugateway.application.port.out.ImageBlobs;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Brings a database's schema up to date with {@code db/migration} (Flyway). Safe to call at every start,
 * from several processes: a database already up to date is left as it is.
 *
 * <p>The migrations are one script set for H2 and PostgreSQL; where their SQL differs, a placeholder is
 * filled in for the database found: {@code large_text} (H2 {@code CLOB}, PostgreSQL {@code TEXT}) and
 * {@code id_collation} (PostgreSQL {@code COLLATE "C"}, so ids sort by code point as in H2 and in Java).
 *
 * <p>Version 4 is Java ({@link MoveInlineImagesToBlobs}): it moves the inline images of older rows into the blob
 * store, which is why migrating needs the store.
 */
public final class DatabaseMigrations {

    static final String LOCATION = "classpath:db/migration";

    /**
     * The newest migration, a script in {@code db/migration} or {@link MoveInlineImagesToBlobs}; a test fails when a
     * new one is added without it.
     */
    static final int LATEST_VERSION = 12;

    private DatabaseMigrations() {}

    /**
     * Applies every pending migration.
     *
     * @param blobs where the images of rows stored before version 3 go ({@code VIDU_DATA_DIR/blobs})
     * @throws IllegalStateException the database cannot be reached, or is neither H2 nor PostgreSQL
     * @throws org.flywaydb.core.api.FlywayException a migration failed (it is rolled back where the database can)
     */
    public static void migrate(DataSource dataSource, ImageBlobs blobs) {
        configure(dataSource, blobs, Clock.systemUTC()).load().migrate();
    }

    /** Every migration, for {@code dataSource}; {@code clock} says when a migration removed something. */
    static FluentConfiguration configure(DataSource dataSource, ImageBlobs blobs, Clock clock) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .placeholders(placeholders(dataSource))
                .javaMigrations(new MoveInlineImagesToBlobs(blobs, clock));
    }

    /**
     * Like {@link #migrate}, but first asks the schema history whether the newest migration is already
     * applied — a single query — and leaves Flyway (half a second of start-up) out when it is. Short CLI
     * commands start this way.
     */
    public static void migrateIfNeeded(DataSource dataSource, ImageBlobs blobs) {
        if (!isUpToDate(dataSource)) {
            migrate(dataSource, blobs);
        }
    }

    static boolean isUpToDate(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
             java.sql.Statement statement = connection.createStatement();
             java.sql.ResultSet rows = statement.executeQuery(
                     "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" = TRUE")) {
            int newest = 0;
            while (rows.next()) {
                String version = rows.getString(1);
                if (version != null && version.matches("\\d+")) {
                    newest = Math.max(newest, Integer.parseInt(version));
                }
            }
            return newest >= LATEST_VERSION;
        } catch (SQLException noHistoryYet) {
            return false;
        }
    }

    static Map<String, String> placeholders(DataSource dataSource) {
        String product;
        try (Connection connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new IllegalStateException("the task store's database cannot be reached: " + e.getMessage(), e);
        }
        String name = product.toLowerCase(Locale.ROOT);
        if (name.equals("h2")) {
            return Map.of("large_text", "CLOB", "id_collation", "");
        }
        if (name.equals("postgresql")) {
            return Map.of("large_text", "TEXT", "id_collation", "COLLATE \"C\"");
        }
        throw new IllegalStateException("the task store runs on H2 or PostgreSQL, not on " + product);
    }
}
