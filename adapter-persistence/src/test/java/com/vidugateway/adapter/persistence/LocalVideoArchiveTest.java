package com.vidugateway.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.adapter.http.testing.LoopbackDownloads;
import com.vidugateway.application.port.out.VideoArchive;
import com.vidugateway.application.port.out.VideoArchiveContract;
import com.vidugateway.domain.task.TaskId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract on a real directory: a video is the file {@code <task id>.mp4} directly in it, and the names in the
 * directory (a download's temporary file among them) are what the archive holds or left behind.
 */
class LocalVideoArchiveTest extends VideoArchiveContract {

    @TempDir
    Path root;

    @Override
    protected VideoArchive archive(long maxBytes, Duration timeout) {
        return new LocalVideoArchive(directory(), CLOCK, LoopbackDownloads.trusted(timeout, maxBytes));
    }

    @Override
    protected String location(TaskId task) {
        return task.value() + ".mp4";
    }

    /** The names in the archive's directory; none when it does not exist yet. */
    @Override
    protected List<String> stored() throws IOException {
        if (!Files.isDirectory(directory())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory())) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }

    @Override
    protected byte[] stored(String location) throws IOException {
        return Files.readAllBytes(directory().resolve(location));
    }

    @Override
    protected void removeBehindItsBack(String location) throws IOException {
        Files.delete(directory().resolve(location));
    }

    /** Beside the directory, in the test's own: "outside" is still the test's. */
    @Override
    protected void putSomethingOutside() throws IOException {
        Files.writeString(root.resolve("outside.mp4"), "secret");
    }

    @Override
    protected void assertSomethingOutsideIsUntouched() {
        assertThat(root.resolve("outside.mp4")).exists();
    }

    static Stream<String> locationsOutside() {
        return Stream.of("../outside.mp4", "..", ".", "/etc/passwd", "sub/task-1.mp4", "sub\\..\\..\\x", "");
    }

    /** The archive's directory, inside the test's own. */
    private Path directory() {
        return root.resolve("videos");
    }
}
