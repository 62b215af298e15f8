package com.vidugateway.adapter.cli;

import com.vidugateway.application.port.in.ReadTaskVideo;
import com.vidugateway.domain.text.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Copies a stored video to a file: through a temporary file, so a file is either whole or absent. */
final class VideoSaver {

    private static final long PROGRESS_FROM_BYTES = 8L * 1024 * 1024;

    private VideoSaver() {}

    /** Saves it and returns the file; progress goes to {@code err} for large files on a terminal. */
    static Path save(ReadTaskVideo.Found found, Path target, PrintWriter err, Messages messages, boolean terminal)
            throws IOException {
        Path file = target.toAbsolutePath();
        if (Files.isDirectory(file)) {
            file = file.resolve(found.task().id().value() + ".mp4");
        }
        Path parent = file.getParent();
        Files.createDirectories(parent);
        Path partial = Files.createTempFile(parent, "." + file.getFileName(), ".part");
        long size = found.content().size();
        boolean showProgress = terminal && size >= PROGRESS_FROM_BYTES;
        try (InputStream in = found.content().open(0, size); OutputStream out = Files.newOutputStream(partial)) {
            byte[] buffer = new byte[256 * 1024];
            long copied = 0;
            int lastPercent = -1;
            for (int read; (read = in.read(buffer)) != -1; ) {
                out.write(buffer, 0, read);
                copied += read;
                int percent = (int) (copied * 100 / Math.max(1, size));
                if (showProgress && percent != lastPercent) {
                    err.print("\r" + messages.text("cli.video.saving", "copied", TaskText.size(copied),
                            "size", TaskText.size(size), "percent", percent));
                    err.flush();
                    lastPercent = percent;
                }
            }
            if (showProgress) {
                err.println();
            }
            if (copied != size) {
                throw new IOException(messages.text("cli.video.truncated", "copied", copied, "size", size));
            }
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        // A temporary file is private (rw-------); a saved video is an ordinary file others may read.
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the default permissions already are an ordinary file's.
        }
        return file;
    }
}
