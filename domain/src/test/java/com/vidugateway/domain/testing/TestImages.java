package com.vidugateway.domain.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Real image files and data URIs for tests: encoded with {@code javax.imageio}, read from the committed
 * fixtures under {@code src/test/resources/images/}, or spliced together byte by byte where a test needs a
 * file that no encoder writes (an extra JPEG segment, a truncated header, 50 MiB of data).
 */
public final class TestImages {

    public static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

    /** 50 MiB: the largest decoded image the provider accepts. */
    public static final long FIFTY_MIB = 50L * 1024 * 1024;

    private TestImages() {}

    // ---- encoded with javax.imageio ---------------------------------------------------------------

    /** A real PNG file of {@code width}×{@code height} pixels. */
    public static byte[] png(int width, int height) {
        return encode(picture(width, height, BufferedImage.TYPE_INT_ARGB), "png");
    }

    /** A real baseline JPEG file (JFIF, SOF0) of {@code width}×{@code height} pixels. */
    public static byte[] jpeg(int width, int height) {
        return encode(picture(width, height, BufferedImage.TYPE_INT_RGB), "jpeg");
    }

    /** A real progressive JPEG file (frame header SOF2), as ImageIO writes it. */
    public static byte[] progressiveJpeg(int width, int height) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new IIOImage(picture(width, height, BufferedImage.TYPE_INT_RGB), null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** A real GIF file. */
    public static byte[] gif(int width, int height) {
        return encode(picture(width, height, BufferedImage.TYPE_INT_RGB), "gif");
    }

    /** A real BMP file. */
    public static byte[] bmp(int width, int height) {
        return encode(picture(width, height, BufferedImage.TYPE_INT_RGB), "bmp");
    }

    /** A real TIFF file. */
    public static byte[] tiff(int width, int height) {
        return encode(picture(width, height, BufferedImage.TYPE_INT_RGB), "tiff");
    }

    private static BufferedImage picture(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = 255 * x / width;
                int g = 255 * y / height;
                image.setRGB(x, y, 0xFF000000 | r << 16 | g << 8 | 0x60);
            }
        }
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    // ---- committed fixtures ----------------------------------------------------------------------

    /** A file under {@code src/test/resources/images/}. */
    public static byte[] fixture(String name) {
        try (InputStream in = TestImages.class.getResourceAsStream("/images/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test fixture images/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- data URIs -------------------------------------------------------------------------------

    public static String dataUri(String mediaType, byte[] bytes) {
        return "data:" + mediaType + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }

    public static String pngUri(int width, int height) {
        return dataUri("image/png", png(width, height));
    }

    public static String jpegUri(int width, int height) {
        return dataUri("image/jpeg", jpeg(width, height));
    }

    /**
     * A PNG data URI whose data decodes to exactly {@code decodedBytes} bytes: the PNG signature and an
     * IHDR chunk of {@code width}×{@code height}, then zero bytes. Written straight as base64 text (the
     * 33 header bytes are a whole number of 3-byte groups, and zero bytes are 'A's), so a 50 MiB image
     * costs one string, not an encoder run.
     */
    public static String pngUriOfDecodedSize(long decodedBytes, int width, int height) {
        byte[] header = pngHeader(width, height);
        if (header.length % 3 != 0 || decodedBytes < header.length) {
            throw new IllegalArgumentException("header " + header.length + " bytes, wanted " + decodedBytes);
        }
        long padding = decodedBytes - header.length;
        String tail = switch ((int) (padding % 3)) {
            case 0 -> "";
            case 1 -> "AA==";
            default -> "AAA=";
        };
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(header)
                + "A".repeat(Math.toIntExact(padding / 3 * 4)) + tail;
    }

    /** The 33 bytes a PNG file starts with: its signature and its IHDR chunk (CRC not computed). */
    public static byte[] pngHeader(int width, int height) {
        byte[] bytes = Arrays.copyOf(PNG_SIGNATURE, 33);
        putInt(bytes, 8, 13);
        System.arraycopy("IHDR".getBytes(StandardCharsets.US_ASCII), 0, bytes, 12, 4);
        putInt(bytes, 16, width);
        putInt(bytes, 20, height);
        bytes[24] = 8; // bit depth
        bytes[25] = 6; // colour type RGBA
        return bytes;
    }

    private static void putInt(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }

    // ---- JPEG surgery ----------------------------------------------------------------------------

    /** A JPEG segment: marker {@code FF type}, a 2-byte length (payload + 2), the payload. */
    public static byte[] jpegSegment(int type, byte[] payload) {
        int length = payload.length + 2;
        if (length > 0xFFFF) {
            throw new IllegalArgumentException("a JPEG segment holds at most 65533 bytes");
        }
        byte[] segment = new byte[payload.length + 4];
        segment[0] = (byte) 0xFF;
        segment[1] = (byte) type;
        segment[2] = (byte) (length >> 8);
        segment[3] = (byte) length;
        System.arraycopy(payload, 0, segment, 4, payload.length);
        return segment;
    }

    /** An APP1 segment holding a small big-endian EXIF block (one IFD entry: Make = "Vidu"). */
    public static byte[] exifSegment() {
        byte[] exif = {
            'E', 'x', 'i', 'f', 0, 0,
            'M', 'M', 0, 42, 0, 0, 0, 8, // TIFF header, IFD0 at offset 8
            0, 1, // one entry
            0x01, 0x0F, 0, 2, 0, 0, 0, 5, 0, 0, 0, 26, // Make, ASCII, 5 bytes at offset 26
            0, 0, 0, 0, // no next IFD
            'V', 'i', 'd', 'u', 0
        };
        return jpegSegment(0xE1, exif);
    }

    /** An APP2 segment of {@code payloadBytes} bytes that starts like an ICC profile chunk. */
    public static byte[] iccSegment(int payloadBytes) {
        byte[] payload = new byte[payloadBytes];
        byte[] tag = "ICC_PROFILE\0\1\1".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(tag, 0, payload, 0, tag.length);
        for (int i = tag.length; i < payload.length; i++) {
            payload[i] = (byte) (i * 31); // includes 0xFF bytes, which must not be taken for markers
        }
        return jpegSegment(0xE2, payload);
    }

    /** {@code jpeg} with {@code inserted} placed right after its SOI marker. */
    public static byte[] insertAfterSoi(byte[] jpeg, byte[] inserted) {
        return insertAt(jpeg, 2, inserted);
    }

    /** {@code jpeg} with {@code inserted} placed just before the first segment of type {@code type}. */
    public static byte[] insertBefore(byte[] jpeg, int type, byte[] inserted) {
        return insertAt(jpeg, segmentOffset(jpeg, type), inserted);
    }

    /** {@code jpeg} with the marker byte of its first segment of type {@code from} changed to {@code to}. */
    public static byte[] changeMarker(byte[] jpeg, int from, int to) {
        byte[] copy = jpeg.clone();
        copy[segmentOffset(jpeg, from) + 1] = (byte) to;
        return copy;
    }

    /** The first {@code length} bytes of {@code bytes}. */
    public static byte[] prefix(byte[] bytes, int length) {
        return Arrays.copyOf(bytes, length);
    }

    /** Offset of the first segment of type {@code type}, walking the segment lengths from SOI. */
    public static int segmentOffset(byte[] jpeg, int type) {
        int at = 2;
        while (at + 4 <= jpeg.length) {
            if ((jpeg[at] & 0xFF) != 0xFF) {
                throw new IllegalArgumentException("no marker at byte " + at);
            }
            int found = jpeg[at + 1] & 0xFF;
            if (found == type) {
                return at;
            }
            if (found == 0xDA) {
                break;
            }
            at += 2 + (((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF));
        }
        throw new IllegalArgumentException(String.format("no segment FF%02X before the scan", type));
    }

    private static byte[] insertAt(byte[] bytes, int at, byte[] inserted) {
        byte[] out = new byte[bytes.length + inserted.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(inserted, 0, out, at, inserted.length);
        System.arraycopy(bytes, at, out, at + inserted.length, bytes.length - at);
        return out;
    }
}
