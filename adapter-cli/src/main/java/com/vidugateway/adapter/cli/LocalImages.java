package com.vidugateway.adapter.cli;

import com.vidugateway.domain.image.ImageFormat;
import com.vidugateway.domain.image.ImageRules;
import com.vidugateway.domain.image.ImageContent;
import com.vidugateway.domain.image.ImageInput;
import com.vidugateway.domain.text.Sentence;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Turns an {@code --image} argument into a reference image: URLs and data URIs pass as they are, a local file
 * becomes inline image data sent as a data URI whose type matches its bytes.
 */
final class LocalImages {

    /**
     * A file that cannot become a reference image; why, in a person's words: a sentence of the catalogue (the
     * message is its English text).
     */
    static final class Unreadable extends Exception {
        private final transient Sentence reason;

        Unreadable(String key, Object... arguments) {
            this(Sentence.of(key, arguments));
        }

        private Unreadable(Sentence reason) {
            super(reason.english(), null, false, false);
            this.reason = reason;
        }

        Sentence reason() {
            return reason;
        }
    }

    private LocalImages() {}

    static boolean isRemoteOrInline(String argument) {
        String lower = argument.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("data:");
    }

    /**
     * URLs and data URIs as they are (the application decodes data URIs into the blob store); a local file as
     * decoded image data read straight from the file — never base64-encoded or held whole in memory.
     */
    static ImageInput resolve(String argument) throws Unreadable {
        if (isRemoteOrInline(argument)) {
            return ImageInput.of(argument);
        }
        Path file = Path.of(argument);
        try {
            if (Files.isDirectory(file)) {
                throw new Unreadable("cli.image.directory", "file", argument);
            }
            long size = Files.size(file);
            if (size > ImageRules.MAX_DECODED_BYTES) {
                throw new Unreadable("cli.image.too_large", "file", argument,
                        "mib", String.format(Locale.ROOT, "%.2f", size / 1048576.0), "bytes", size,
                        "max_bytes", ImageRules.MAX_DECODED_BYTES);
            }
            FileImage image = FileImage.of(file);
            return new ImageInput.Decoded("data:image/" + declaredType(image.read(0, 32)) + ";base64,", image, null);
        } catch (NoSuchFileException e) {
            throw new Unreadable("cli.image.missing", "file", argument);
        } catch (IOException e) {
            throw new Unreadable("cli.image.unreadable", "file", argument, "reason", e.getMessage());
        }
    }

    /** An image file as decoded image data: hashed once while it is read, then read again only in small windows. */
    private record FileImage(Path file, String sha256, long size) implements ImageContent {

        static FileImage of(Path file) throws IOException {
            MessageDigest digest;
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JVM has SHA-256", e);
            }
            long size = 0;
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                    size += n;
                }
            }
            return new FileImage(file, HexFormat.of().formatHex(digest.digest()), size);
        }

        @Override
        public byte[] read(long offset, int count) throws IOException {
            try (SeekableByteChannel channel = Files.newByteChannel(file)) {
                channel.position(offset);
                ByteBuffer buffer = ByteBuffer.allocate((int) Math.max(0, Math.min(count, size - offset)));
                while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                    // until full or the end of the file
                }
                return Arrays.copyOf(buffer.array(), buffer.position());
            }
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
