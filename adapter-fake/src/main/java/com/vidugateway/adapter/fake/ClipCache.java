package com.vidugateway.adapter.fake;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One MP4 per {@link ClipSpec}, encoded the first time it is asked for and kept in a directory, so that
 * later tasks, other instances sharing the directory and the next start of the gateway reuse it.
 *
 * <p>A clip is written to a temporary file and renamed into place in one atomic step: a reader never sees
 * half a file, and a generation killed half way (even by kill -9) leaves only a temporary file, which is
 * cleaned up at the next start once it is clearly abandoned.
 */
final class ClipCache {

    private static final String TEMPORARY_SUFFIX = ".part";
    /** Encoding takes well under a second; a temporary file this old belongs to nobody any more. */
    private static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);

    private final Path directory;
    private final ClipEncoder encoder;
    /** One lock per spec: two downloads of the same new clip encode it once, different clips in parallel. */
    private final ConcurrentMap<ClipSpec, Object> encoding = new ConcurrentHashMap<>();

    ClipCache(Path directory, ClipEncoder encoder) throws IOException {
        this.directory = Files.createDirectories(directory);
        this.encoder = encoder;
        removeAbandonedTemporaryFiles();
    }

    /** The clip's file, encoding it first if no one has yet. */
    Path clip(ClipSpec spec) throws IOException {
        Path target = directory.resolve(spec.fileName());
        if (Files.isRegularFile(target)) {
            return target;
        }
        synchronized (encoding.computeIfAbsent(spec, key -> new Object())) {
            if (Files.isRegularFile(target)) {
                return target;
            }
            Path temporary = Files.createTempFile(directory, spec.fileName() + ".", TEMPORARY_SUFFIX);
            try {
                encoder.encode(spec, temporary);
                moveIntoPlace(temporary, target);
            } finally {
                Files.deleteIfExists(temporary);
            }
            return target;
        }
    }

    private static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // Another process sharing the directory finished the same clip first; its file is as good.
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the video directory " + temporary.getParent()
                    + " does not support atomic renames; choose a local directory", e);
        }
    }

    private void removeAbandonedTemporaryFiles() throws IOException {
        // File times come from the machine's clock, so this compares with it, not with the simulated one.
        Instant abandonedBefore = Instant.now().minus(ABANDONED_AFTER);
        try (DirectoryStream<Path> temporaries = Files.newDirectoryStream(directory, "*" + TEMPORARY_SUFFIX)) {
            for (Path temporary : temporaries) {
                if (Files.getLastModifiedTime(temporary).toInstant().isBefore(abandonedBefore)) {
                    Files.deleteIfExists(temporary);
                }
            }
        }
    }
}
