package com.vidugateway.domain.image;

import java.nio.charset.StandardCharsets;

/**
 * Finds an image's format, width and height from the first bytes of its file. Reads only what the
 * header needs: PNG and WebP a fixed prefix, JPEG its segments' markers until the frame header (SOF).
 */
final class ImageHeaderReader {

    record Header(ImageFormat format, long width, long height) {}

    /** JPEG segments before the frame header; real files have a handful (APPn, DQT, DHT, COM). */
    private static final int MAX_JPEG_SEGMENTS = 4096;

    private static final int PREFIX_BYTES = 32;

    private ImageHeaderReader() {}

    static Header read(ImageContent data) throws ImageProblem {
        byte[] head = bytes(data, 0, PREFIX_BYTES);
        if (head.length < 4) {
            throw new ImageProblem("the image data is only " + head.length + " bytes long: too short to be an image");
        }
        java.util.Optional<ImageFormat> format = ImageFormat.recognise(head);
        if (format.isPresent()) {
            return switch (format.get()) {
                case PNG -> png(head);
                case JPEG -> jpeg(data);
                case WEBP -> webp(head);
            };
        }
        throw new ImageProblem(unsupported(head));
    }

    private static byte[] bytes(ImageContent data, long offset, int count) throws ImageProblem {
        try {
            return data.read(offset, count);
        } catch (java.io.IOException e) {
            throw new ImageProblem("the image data could not be read back from storage (" + e.getMessage() + ")");
        }
    }

    private static Header png(byte[] head) throws ImageProblem {
        if (head.length < 24) {
            throw new ImageProblem("the PNG data is truncated: it ends before its IHDR header");
        }
        if (!startsWith(head, 12, 'I', 'H', 'D', 'R')) {
            throw new ImageProblem("the PNG data is damaged: its first chunk is not IHDR");
        }
        return new Header(ImageFormat.PNG, uint32BigEndian(head, 16), uint32BigEndian(head, 20));
    }

    private static Header webp(byte[] head) throws ImageProblem {
        if (head.length < 30) {
            throw new ImageProblem("the WebP data is truncated: it ends before its image header");
        }
        String chunk = new String(head, 12, 4, StandardCharsets.US_ASCII);
        int data = 20;
        switch (chunk) {
            case "VP8 " -> {
                // Lossy: a 3-byte frame tag, the start code 9D 01 2A, then 14-bit width and height.
                if (!startsWith(head, data + 3, 0x9D, 0x01, 0x2A)) {
                    throw new ImageProblem("the WebP (lossy) data is damaged: no VP8 start code");
                }
                return new Header(ImageFormat.WEBP,
                        uint16LittleEndian(head, data + 6) & 0x3FFF, uint16LittleEndian(head, data + 8) & 0x3FFF);
            }
            case "VP8L" -> {
                // Lossless: signature 0x2F, then width-1 and height-1 in 14 bits each.
                if ((head[data] & 0xFF) != 0x2F) {
                    throw new ImageProblem("the WebP (lossless) data is damaged: no VP8L signature");
                }
                long bits = uint32LittleEndian(head, data + 1);
                return new Header(ImageFormat.WEBP, (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
            }
            case "VP8X" -> {
                // Extended: 4 bytes of flags, then canvas width-1 and height-1 in 24 bits each.
                return new Header(ImageFormat.WEBP,
                        uint24LittleEndian(head, data + 4) + 1, uint24LittleEndian(head, data + 7) + 1);
            }
            default -> throw new ImageProblem("the WebP data is damaged: unknown first chunk '" + printable(chunk) + "'");
        }
    }

    private static Header jpeg(ImageContent data) throws ImageProblem {
        long position = 2;
        for (int segment = 0; segment < MAX_JPEG_SEGMENTS; segment++) {
            byte[] marker = bytes(data, position, 4);
            if (marker.length < 2) {
                throw truncatedJpeg();
            }
            if ((marker[0] & 0xFF) != 0xFF) {
                throw new ImageProblem("the JPEG data is damaged: no segment marker at byte " + position);
            }
            int type = marker[1] & 0xFF;
            if (type == 0xFF) {
                position++; // a fill byte before the marker
                continue;
            }
            if (type == 0x01 || (type >= 0xD0 && type <= 0xD7)) {
                position += 2; // markers without a length
                continue;
            }
            if (type == 0xDA || type == 0xD9) {
                throw new ImageProblem("the JPEG data is damaged: its image data starts before any frame header (SOF)");
            }
            if (marker.length < 4) {
                throw truncatedJpeg();
            }
            int segmentLength = uint16BigEndian(marker, 2);
            if (segmentLength < 2) {
                throw new ImageProblem("the JPEG data is damaged: a segment at byte " + position + " has length " + segmentLength);
            }
            if (isStartOfFrame(type)) {
                byte[] frame = bytes(data, position + 4, 5);
                if (frame.length < 5) {
                    throw truncatedJpeg();
                }
                long height = uint16BigEndian(frame, 1);
                long width = uint16BigEndian(frame, 3);
                if (height == 0) {
                    throw new ImageProblem("the JPEG frame header gives height 0 (set later by a DNL marker), which is not supported");
                }
                return new Header(ImageFormat.JPEG, width, height);
            }
            position += 2 + segmentLength;
        }
        throw new ImageProblem("the JPEG data has more than " + MAX_JPEG_SEGMENTS + " segments before its frame header");
    }

    /** SOF0–SOF15, less DHT (C4), JPG (C8) and DAC (CC), which share the range. */
    private static boolean isStartOfFrame(int type) {
        return type >= 0xC0 && type <= 0xCF && type != 0xC4 && type != 0xC8 && type != 0xCC;
    }

    private static ImageProblem truncatedJpeg() {
        return new ImageProblem("the JPEG data is truncated: it ends before its frame header (SOF)");
    }

    private static String unsupported(byte[] head) {
        String found;
        if (startsWith(head, 0, 'G', 'I', 'F', '8')) {
            found = "a GIF image";
        } else if (startsWith(head, 0, 'B', 'M')) {
            found = "a BMP image";
        } else if (startsWith(head, 0, 'I', 'I', '*', 0) || startsWith(head, 0, 'M', 'M', 0, '*')) {
            found = "a TIFF image";
        } else if (head.length >= 12 && startsWith(head, 4, 'f', 't', 'y', 'p')) {
            String brand = new String(head, 8, 4, StandardCharsets.US_ASCII);
            found = brand.startsWith("avi") ? "an AVIF image" : brand.startsWith("hei") || brand.startsWith("mif")
                    ? "a HEIF/HEIC image" : "an ISO media file ('" + printable(brand) + "')";
        } else if (startsWith(head, 0, 0, 0, 1, 0)) {
            found = "an ICO icon";
        } else if (looksLikeText(head, "<svg") || looksLikeText(head, "<?xml")) {
            found = "SVG/XML text";
        } else if (startsWith(head, 0, '%', 'P', 'D', 'F')) {
            found = "a PDF document";
        } else {
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < Math.min(4, head.length); i++) {
                hex.append(String.format(" %02X", head[i] & 0xFF));
            }
            return "the image data is not a recognisable image (it starts with bytes" + hex
                    + "); the provider accepts PNG, JPEG and WebP";
        }
        return "the image data is " + found + "; the provider accepts only PNG, JPEG and WebP";
    }

    private static boolean looksLikeText(byte[] head, String prefix) {
        String start = new String(head, StandardCharsets.ISO_8859_1).stripLeading();
        return start.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    private static String printable(String s) {
        return s.replaceAll("[^\\x20-\\x7E]", "?");
    }

    private static boolean startsWith(byte[] bytes, int offset, int... expected) {
        return ImageFormat.startsWith(bytes, offset, expected);
    }

    private static int uint16BigEndian(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    private static int uint16LittleEndian(byte[] b, int at) {
        return (b[at] & 0xFF) | ((b[at + 1] & 0xFF) << 8);
    }

    private static long uint24LittleEndian(byte[] b, int at) {
        return (b[at] & 0xFF) | ((b[at + 1] & 0xFF) << 8) | ((long) (b[at + 2] & 0xFF) << 16);
    }

    private static long uint32LittleEndian(byte[] b, int at) {
        return uint24LittleEndian(b, at) | ((long) (b[at + 3] & 0xFF) << 24);
    }

    private static long uint32BigEndian(byte[] b, int at) {
        return ((long) (b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }
}
