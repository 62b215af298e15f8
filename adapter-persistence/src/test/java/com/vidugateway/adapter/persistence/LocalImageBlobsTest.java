package com.vidugateway.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.vidugateway.application.port.out.ImageBlobs;
import com.vidugateway.application.support.StagingDirectory;
import com.vidugateway.application.port.out.ImageBlobsContract;
import com.vidugateway.application.testing.TestFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on a real directory, plus what only files can get wrong: layout, temporary files, a full disk. */
class LocalImageBlobsTest extends ImageBlobsContract {

    @TempDir
    Path data;

    private Path directory;
    private LocalImageBlobs blobs;

    @BeforeEach
    void open() {
        directory = data.resolve("blobs");
        blobs = new LocalImageBlobs(directory);
    }

    @Override
    protected ImageBlobs blobs() {
        return blobs;
    }

    /** Not a blob, not a temporary file: no file at all under blobs/ (directories may stay). */
    @Override
    protected void assertNothingLeftBehind() throws IOException {
        super.assertNothingLeftBehind();
        assertThat(files()).isEmpty();
    }

    private List<Path> files() throws IOException {
        return TestFiles.under(directory);
    }

    @Test
    void a_blob_is_a_file_named_by_its_hash_under_its_first_two_hex_digits() throws IOException {
        byte[] bytes = image(1234, 10);

        String sha256 = keep(bytes);

        Path file = directory.resolve(sha256.substring(0, 2)).resolve(sha256);
        assertThat(files()).containsExactly(file);
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
    }

    @Test
    void an_upload_is_written_to_a_temporary_file_in_incoming_until_it_is_kept() throws IOException {
        byte[] bytes = image(4000, 11);
        try (ImageBlobs.Upload upload = blobs.upload()) {
            write(upload, bytes);

            assertThat(files()).singleElement().satisfies(temporary -> {
                assertThat(temporary.getParent()).isEqualTo(directory.resolve(LocalImageBlobs.INCOMING));
                assertThat(Files.size(temporary)).isEqualTo(4000);
            });
            assertThat(blobs.list()).as("an upload is not a blob").isEmpty();

            upload.keep(sha256(bytes));
        }
        assertThat(files()).containsExactly(blobs.file(sha256(bytes)));
    }

    @Test
    void keeping_the_same_image_again_drops_the_upload_and_leaves_the_blob_as_it_was() throws IOException {
        byte[] bytes = image(3000, 12);
        String sha256 = keep(bytes);
        FileTime written = FileTime.from(Instant.parse("2026-03-01T12:00:00Z"));
        Files.setLastModifiedTime(blobs.file(sha256), written);

        keep(bytes);

        // The file's time means nothing to housekeeping any more (the task database's marks do): not touched.
        assertThat(Files.getLastModifiedTime(blobs.file(sha256))).isEqualTo(written);
        assertThat(files()).containsExactly(blobs.file(sha256));
    }

    @Test
    void the_listing_removes_temporary_files_an_hour_old_and_leaves_younger_ones() throws IOException {
        Instant[] now = {Instant.parse("2026-03-01T12:00:00Z")};
        blobs = new LocalImageBlobs(directory, clock(now), StagingDirectory.Disk.LOCAL);
        Path incoming = Files.createDirectories(directory.resolve(LocalImageBlobs.INCOMING));
        Path killed = Files.write(incoming.resolve("upload-killed.tmp"), new byte[100]);
        Files.setLastModifiedTime(killed, FileTime.from(now[0].minus(Duration.ofMinutes(61))));
        Path live = Files.write(incoming.resolve("upload-live.tmp"), new byte[100]);
        Files.setLastModifiedTime(live, FileTime.from(now[0].minus(Duration.ofMinutes(59))));
        String kept = keep(image(100, 13));

        assertThat(blobs.list()).extracting(ImageBlobs.Blob::sha256).containsExactly(kept);

        assertThat(killed).doesNotExist();
        assertThat(live).exists();
    }

    @Test
    void files_that_are_not_blobs_are_never_listed() throws IOException {
        String kept = keep(image(100, 14));
        Files.write(directory.resolve("README"), new byte[1]);
        Files.write(directory.resolve(kept.substring(0, 2)).resolve("notes.txt"), new byte[1]);
        Files.write(Files.createDirectories(directory.resolve("zz")).resolve("f".repeat(64)), new byte[1]);

        assertThat(blobs.list()).extracting(ImageBlobs.Blob::sha256).containsExactly(kept);
    }

    @Test
    void a_name_that_is_not_a_hash_never_reaches_the_file_system() {
        assertThatThrownBy(() -> blobs.open("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> blobs.delete("AB".repeat(32))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> {
            try (ImageBlobs.Upload upload = blobs.upload()) {
                upload.keep("x");
            }
        }).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_full_disk_is_named_as_such_and_leaves_no_partial_file() throws IOException {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.isWritable(full), "/dev/full (a device that answers every write with ENOSPC) is not here");
        // The temporary file is made as always; its bytes go to a device that is always full, as a disk would be.
        blobs = new LocalImageBlobs(directory, Clock.systemUTC(), temporary -> FileChannel.open(full,
                StandardOpenOption.WRITE));
        byte[] bytes = image(100_000, 15);
        ImageBlobs.Upload upload = blobs.upload();

        assertThatThrownBy(() -> write(upload, bytes))
                .isInstanceOf(ImageBlobs.StorageFull.class)
                .hasMessageContaining("the disk holding " + directory + " is full");

        assertThat(files()).as("the temporary file is removed at once").isEmpty();
        assertThatThrownBy(() -> upload.keep(sha256(bytes))).isInstanceOf(IllegalStateException.class);
        upload.close();
        assertNothingLeftBehind();
    }

    @Test
    void the_disk_full_messages_of_the_operating_systems_are_recognised() {
        assertThat(StagingDirectory.isDiskFull(new IOException("No space left on device"))).isTrue();
        assertThat(StagingDirectory.isDiskFull(new IOException("Disk quota exceeded"))).isTrue();
        assertThat(StagingDirectory.isDiskFull(new IOException("There is not enough space on the disk"))).isTrue();
        assertThat(StagingDirectory.isDiskFull(new IOException("Permission denied"))).isFalse();
        assertThat(StagingDirectory.isDiskFull(new IOException((String) null))).isFalse();
    }

    private static Clock clock(Instant[] now) {
        return new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
    }
}
