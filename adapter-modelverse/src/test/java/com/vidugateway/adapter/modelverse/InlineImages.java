package com.vidugateway.adapter.modelverse;

import com.vidugateway.application.port.out.ImageBlobs;
import com.vidugateway.domain.image.ImageContent;
import com.vidugateway.domain.image.ImageInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Random;

/** Inline images for tests: PNG files of any size, as a client's decoded input and as blobs in a store. */
final class InlineImages {

    private InlineImages() {}

    /** A PNG signature and IHDR (all the inspection reads), then {@code size} bytes in all of seeded noise. */
    static byte[] png(int width, int height, int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        ByteBuffer header = ByteBuffer.wrap(bytes);
        header.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        header.putInt(13).put(new byte[] {'I', 'H', 'D', 'R'}).putInt(width).putInt(height);
        header.put(new byte[] {8, 2, 0, 0, 0});
        return bytes;
    }

    /** The image as an edge hands it to the rules once decoded: its data URI prefix (null: bare base64) and bytes. */
    static ImageInput decoded(String dataUriPrefix, byte[] bytes) {
        return new ImageInput.Decoded(dataUriPrefix, ImageContent.of(bytes), null);
    }

    /** Keeps {@code bytes} in {@code blobs} under {@code sha256} (their own hash, or another to make a damaged blob). */
    static void store(ImageBlobs blobs, String sha256, byte[] bytes) {
        try (ImageBlobs.Upload upload = blobs.upload()) {
            upload.write(bytes, 0, bytes.length);
            upload.keep(sha256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        return ImageContent.of(bytes).sha256();
    }
}
