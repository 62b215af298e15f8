package com.vidugateway.adapter.cli;

import com.vidugateway.domain.image.ImageFormat;
import com.vidugateway.domain.image.ImageRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;

/**
 * Turns an {@code --image} argument into what the provider takes: URLs and data URIs pass as they are,
 * a local file is read and encoded as a data URI whose type matches its bytes.
 */
final class LocalImages {

    /** A file that cannot become a reference image; the message says why, in a person's words. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    private LocalImages() {}

    static boolean isRemoteOrInline(String argument) {
        String lower = argument.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("data:");
    }

    static String resolve(String argument) throws Unreadable {
        if (isRemoteOrInline(argument)) {
            return argument;
        }
        Path file = Path.of(argument);
        try {
            if (Files.isDirectory(file)) {
                throw new Unreadable("'" + argument + "' is a directory, not an image file");
            }
            long size = Files.size(file);
            if (size > ImageRules.MAX_DECODED_BYTES) {
                throw new Unreadable(String.format(Locale.ROOT,
                        "file '%s' is %.2f MiB (%d bytes); at most 50 MiB (%d bytes) is allowed",
                        argument, size / 1048576.0, size, ImageRules.MAX_DECODED_BYTES));
            }
            byte[] bytes = Files.readAllBytes(file);
            return "data:image/" + declaredType(bytes) + ";base64," + Base64.getEncoder().encodeToString(bytes);
        } catch (NoSuchFileException e) {
            throw new Unreadable("file '" + argument + "' does not exist");
        } catch (IOException e) {
            throw new Unreadable("file '" + argument + "' cannot be read: " + e.getMessage());
        }
    }

    /**
     * The type that matches the bytes. For anything else "png" is declared, so that the one violation a
     * user sees is about the bytes ("the image data is a GIF image…"), not about a declaration they never made.
     */
    private static String declaredType(byte[] bytes) {
        return ImageFormat.recognise(bytes).map(ImageFormat::mediaSubtype).orElse(ImageFormat.PNG.mediaSubtype());
    }
}
