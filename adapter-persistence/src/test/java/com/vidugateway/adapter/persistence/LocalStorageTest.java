package com.vidugateway.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vidugateway.adapter.http.testing.LoopbackDownloads;
import com.vidugateway.application.port.out.Storage;
import com.vidugateway.application.port.out.StorageContract;
import com.vidugateway.application.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract on a real directory, and what its check says of a directory it cannot use. */
class LocalStorageTest extends StorageContract {

    @TempDir
    Path dataDir;

    private LocalStorage storage;

    @BeforeEach
    void open() {
        storage = LocalStorage.in(dataDir, Clock.systemUTC(), LoopbackDownloads.trusted());
    }

    @Override
    protected Storage storage() {
        return storage;
    }

    /** A file where the data directory's {@code blobs/} should be. */
    @Override
    protected Storage unusable() throws IOException {
        Path elsewhere = Files.createDirectories(dataDir.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("blobs"), "not a directory");
        return LocalStorage.in(elsewhere, Clock.systemUTC(), LoopbackDownloads.trusted());
    }

    /** No temporary file in {@code blobs/.incoming}, no partial video in {@code videos/}. */
    @Override
    protected void assertNoUploadLeftBehind() throws IOException {
        assertThat(files(dataDir.resolve("blobs").resolve(LocalImageBlobs.INCOMING))).isEmpty();
        assertThat(files(dataDir.resolve("videos"))).allSatisfy(file ->
                assertThat(file.getFileName().toString()).endsWith(".mp4"));
    }

    private static List<Path> files(Path directory) throws IOException {
        return TestFiles.under(directory);
    }

    @Test
    void images_and_videos_are_in_blobs_and_videos_of_the_data_directory() throws Exception {
        storage.check();

        assertThat(dataDir.resolve("blobs")).isDirectory();
        assertThat(dataDir.resolve("videos")).isDirectory();
        assertThat(files(dataDir)).as("the check leaves no file").isEmpty();
        assertThat(storage.describe()).contains(dataDir.toString());
    }

    @Test
    void a_file_where_a_directory_goes_is_named_by_the_check() throws IOException {
        Files.writeString(dataDir.resolve("videos"), "not a directory");

        assertThatThrownBy(storage::check).isInstanceOf(IOException.class)
                .isNotInstanceOf(Storage.Unavailable.class)
                .hasMessage("video storage " + dataDir.resolve("videos") + " is not a directory");
    }

    @Test
    void a_directory_that_cannot_be_made_is_named_by_the_check() throws IOException {
        Path file = Files.writeString(dataDir.resolve("a-file"), "x");
        LocalStorage below = LocalStorage.in(file.resolve("data"), Clock.systemUTC(), LoopbackDownloads.trusted());

        assertThatThrownBy(below::check).isInstanceOf(IOException.class)
                .hasMessageStartingWith("image storage " + file.resolve("data").resolve("blobs") + " cannot be written (")
                .message().doesNotContain("\n");
    }
}
