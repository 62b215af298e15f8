package com.vidugateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the gateway creates under VIDU_DATA_DIR is its user's only; what the user made stays as they made it. */
class PrivateDataDirectoryTest {

    @TempDir
    Path temp;


    @BeforeEach
    void posix() {
        assumeTrue(temp.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
    }

    @Test
    void a_data_directory_the_gateway_creates_is_0700_with_its_parents_blobs_and_videos() throws Exception {
        Path dataDir = temp.resolve("missing-parent").resolve("vidu-data");

        try (HikariDataSource database = GatewayFactory.openDatabase(dataDir, "", "", "", 2)) {
            assertThat(database.getConnection().isValid(5)).isTrue();
        }
        StorageFactory.open("file", dataDir, Clock.systemUTC(),
                new DownloadProperties(null, null).download(java.util.Optional::empty)).close();

        for (Path made : new Path[] {temp.resolve("missing-parent"), dataDir, dataDir.resolve("blobs"),
                dataDir.resolve("videos")}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(made))).as(made.toString())
                    .isEqualTo("rwx------");
        }
    }

    @Test
    void a_directory_the_user_made_keeps_its_permissions() throws Exception {
        Path dataDir = Files.createDirectory(temp.resolve("mine"));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-x---"));
        Path videos = Files.createDirectory(dataDir.resolve("videos"));
        Files.setPosixFilePermissions(videos, PosixFilePermissions.fromString("rwxrwxr-x"));

        StorageFactory.open("file", dataDir, Clock.systemUTC(),
                new DownloadProperties(null, null).download(java.util.Optional::empty)).close();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwxr-x---");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(videos))).isEqualTo("rwxrwxr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("blobs"))))
                .as("what the gateway adds inside is still private").isEqualTo("rwx------");
    }
}
