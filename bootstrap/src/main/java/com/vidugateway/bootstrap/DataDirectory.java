package com.vidugateway.bootstrap;

import java.nio.file.Path;

/** Where the gateway keeps its database, images, videos and the fake provider's clips ({@code VIDU_DATA_DIR}). */
final class DataDirectory {

    static final String SETTING = "VIDU_DATA_DIR";

    private DataDirectory() {}

    /**
     * {@code configured} when given, else {@code ~/.vidu-gateway}. Decided here rather than by a nested placeholder in
     * application.yml ({@code ${VIDU_DATA_DIR:${user.home}/…}}), which Micronaut did not resolve: a user without the
     * setting got a directory literally named {@code ${user.home} } in whatever directory they stood in.
     */
    static Path of(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.strip());
        }
        return Path.of(System.getProperty("user.home"), ".vidu-gateway");
    }
}
