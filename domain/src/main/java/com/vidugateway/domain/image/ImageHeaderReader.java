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

    static Header read(ImageContent data) throws UnreadableImage {
        byte[] head = bytes(data, 0, PREFIX_BYTES);
        if (head.length < 4) {
            throw new UnreadableImage("rule.image.too_short", "length", head.length);
        }
        java.util.Optional<ImageFormat> format = ImageFormat.recognise(head);
        if (format.isPresent()) {
            return switch (format.get()) {
                case PNG -> png(head);
                case JPEG -> jpeg(data);
                case WEBP -> webp(head);
            };
        }
        throw unsupported(head);
    }

    private static byte[] bytes(ImageContent data, long offset, int count) throws UnreadableImage {
        try {
            return data.read(offset, count);
        } catch (java.io.IOException e) {
            throw new UnreadableImage("rule.image.unreadable", "error", e.getMessage());
        }
    }

    private static Header png(byte[] head) throws UnreadableImage {
        if (head.length < 24) {
            throw new UnreadableImage("rule.image.png.truncated");
        }
        if (!startsWith(head, 12, 'I', 'H', 'D', 'R')) {
            throw new UnreadableImage("rule.image.png.no_ihdr");
        }
        return new Header(ImageFormat.PNG, uint32BigEndian(head, 16), uint32BigEndian(head, 20));
    }

    private static Header webp(byte[] head) throws UnreadableImage {
        if (head.length < 30) {
            throw new UnreadableImage("rule.image.webp.truncated");
        }
        String chunk = new String(head, 12, 4, StandardCharsets.US_ASCII);
        int data = 20;
        switch (chunk) {
            case "VP8 " -> {
                // Lossy: a 3-byte frame tag, the start code 9D 01 2A, then 14-bit width and height.
                if (!startsWith(head, data + 3, 0x9D, 0x01, 0x2A)) {
                    throw new UnreadableImage("rule.image.webp.no_vp8_start_code");
                }
                return new Header(ImageFormat.WEBP,
                        uint16LittleEndian(head, data + 6) & 0x3FFF, uint16LittleEndian(head, data + 8) & 0x3FFF);
            }
            case "VP8L" -> {
                // Lossless: signature 0x2F, then width-1 and height-1 in 14 bits each.
                if ((head[data] & 0xFF) != 0x2F) {
                    throw new UnreadableImage("rule.image.webp.no_vp8l_signature");
                }
                long bits = uint32LittleEndian(head, data + 1);
                return new Header(ImageFormat.WEBP, (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
            }
            case "VP8X" -> {
                // Extended: 4 bytes of flags, then canvas width-1 and height-1 in 24 bits each.
                return new Header(ImageFormat.WEBP,
                        uint24LittleEndian(head, data + 4) + 1, uint24LittleEndian(head, data + 7) + 1);
            }
            default -> throw new UnreadableImage("rule.image.webp.unknown_chunk", "chunk", printable(chunk));
        }
    }

    private static Header jpeg(ImageContent data) throws UnreadableImage {
        long position = 2;
        for (int segment = 0; segment < MAX_JPEG_SEGMENTS; segment++) {
            byte[] marker = bytes(data, position, 4);
            if (marker.length < 2) {
                throw truncatedJpeg();
            }
            if ((marker[0] & 0xFF) != 0xFF) {
                throw new UnreadableImage("rule.image.jpeg.no_marker", "position", position);
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
                throw new UnreadableImage("rule.image.jpeg.scan_before_frame");
            }
            if (marker.length < 4) {
                throw truncatedJpeg();
            }
            int segmentLength = uint16BigEndian(marker, 2);
            if (segmentLength < 2) {
                throw new UnreadableImage("rule.image.jpeg.bad_segment_length", "position", position, "length", segmentLength);
            }
            if (isStartOfFrame(type)) {
                byte[] frame = bytes(data, position + 4, 5);
                if (frame.length < 5) {
                    throw truncatedJpeg();
                }
                long height = uint16BigEndian(frame, 1);
                long width = uint16BigEndian(frame, 3);
                if (height == 0) {
                    throw new UnreadableImage("rule.image.jpeg.height_zero");
                }
                return new Header(ImageFormat.JPEG, width, height);
            }
            position += 2 + segmentLength;
        }
        throw new UnreadableImage("rule.image.jpeg.too_many_segments", "max", MAX_JPEG_SEGMENTS);
    }

    /** SOF0–SOF15, less DHT (C4), JPG (C8) and DAC (CC), which share the range. */
    private static boolean isStartOfFrame(int type) {
        return type >= 0xC0 && type <= 0xCF && type != 0xC4 && type != 0xC8 && type != 0xCC;
    }

    private static UnreadableImage truncatedJpeg() {
        return new UnreadableImage("rule.image.jpeg.truncated");
    }

    /** What the data is instead of an image the provider accepts; the kinds a person is likely to send by mistake. */
    private static UnreadableImage unsupported(byte[] head) {
        if (startsWith(head, 0, 'G', 'I', 'F', '8')) {
            return new UnreadableImage("rule.image.format.gif");
        } else if (startsWith(head, 0, 'B', 'M')) {
            return new UnreadableImage("rule.image.format.bmp");
        } else if (startsWith(head, 0, 'I', 'I', '*', 0) || startsWith(head, 0, 'M', 'M', 0, '*')) {
            return new UnreadableImage("rule.image.format.tiff");
        } else if (head.length >= 12 && startsWith(head, 4, 'f', 't', 'y', 'p')) {
            String brand = new String(head, 8, 4, StandardCharsets.US_ASCII);
            return brand.startsWith("avi") ? new UnreadableImage("rule.image.format.avif")
                    : brand.startsWith("hei") || brand.startsWith("mif") ? new UnreadableImage("rule.image.format.heif")
                    : new UnreadableImage("rule.image.format.iso_media", "brand", printable(brand));
        } else if (startsWith(head, 0, 0, 0, 1, 0)) {
            return new UnreadableImage("rule.image.format.ico");
        } else if (looksLikeText(head, "<svg") || looksLikeText(head, "<?xml")) {
            return new UnreadableImage("rule.image.format.svg");
        } else if (startsWith(head, 0, '%', 'P', 'D', 'F')) {
            return new UnreadableImage("rule.image.format.pdf");
        }
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(4, head.length); i++) {
            hex.append(String.format(" %02X", head[i] & 0xFF));
        }
        return new UnreadableImage("rule.image.format.unknown", "bytes", hex.toString().trim());
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
