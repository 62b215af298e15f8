package com.vidugateway.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.util.Map;

/**
 * {@code datasources.default.*}: another database (PostgreSQL) instead of the embedded H2 file, for {@code vidu serve}
 * and CLI commands alike; the names are the ones a Micronaut data source would take, so the environment variables are
 * {@code DATASOURCES_DEFAULT_URL} and friends.
 *
 * @param url             the JDBC URL; unset, the embedded H2 file in the data directory
 * @param username        the database user
 * @param password        the user's password; never printed ({@link #toString})
 * @param maximumPoolSize connections at most (default {@value #DEFAULT_POOL_SIZE})
 */
@ConfigurationProperties("datasources.default")
record DatasourceProperties(@Nullable String url, @Nullable String username, @Nullable String password,
                            @Nullable String maximumPoolSize) {

    static final int DEFAULT_POOL_SIZE = 10;

    DatasourceProperties {
        url = ViduProperties.given(url);
        username = ViduProperties.given(username);
        password = ViduProperties.given(password);
        maximumPoolSize = ViduProperties.given(maximumPoolSize);
    }

    /** The settings as a CLI command reads them: the environment variables the README names. */
    static DatasourceProperties fromEnvironment(Map<String, String> environment) {
        return new DatasourceProperties(environment.get("DATASOURCES_DEFAULT_URL"),
                environment.get("DATASOURCES_DEFAULT_USERNAME"), environment.get("DATASOURCES_DEFAULT_PASSWORD"),
                environment.get("DATASOURCES_DEFAULT_MAXIMUM_POOL_SIZE"));
    }

    /** Whether the task database is the embedded H2 file (no URL given). */
    boolean embedded() {
        return url == null;
    }

    int poolSize() {
        if (maximumPoolSize == null) {
            return DEFAULT_POOL_SIZE;
        }
        try {
            int size = Integer.parseInt(maximumPoolSize);
            if (size > 0) {
                return size;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("datasources.default.maximum-pool-size: '" + maximumPoolSize
                + "' is not a positive whole number");
    }

    /** The password stays out of logs and messages, and so does one inside the URL. */
    @Override
    public String toString() {
        return "DatasourceProperties[url=" + (url == null ? null : ConfigCommand.redacted(url)) + ", username="
                + username + ", password=" + (password == null ? "(not set)" : "***") + ", maximumPoolSize="
                + maximumPoolSize + "]";
    }
}
