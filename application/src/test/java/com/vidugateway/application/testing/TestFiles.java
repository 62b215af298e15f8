package com.vidugateway.application.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What the storage tests of every adapter look for on the local disk. */
public final class TestFiles {

    private TestFiles() {}

    /** The regular files anywhere under {@code directory}; none when it does not exist. */
    public static List<Path> under(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(directory)) {
            return all.filter(Files::isRegularFile).toList();
        }
    }
}
