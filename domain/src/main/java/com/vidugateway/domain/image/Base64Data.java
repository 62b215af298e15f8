package com.vidugateway.domain.image;

/**
 * Random access to the bytes behind a base64 text without decoding all of it: reading a window decodes
 * only the 4-character groups that cover it, so a header costs the same whatever the image's size.
 */
final class Base64Data {

    private static final int[] VALUE = new int[128];

    static {
        java.util.Arrays.fill(VALUE, -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUE[alphabet.charAt(i)] = i;
        }
    }

    private final CharSequence text;
    private final int start;
    private final int length;
    private final long decodedLength;

    /** Base64 in {@code text} from {@code start} to its end; checks the length and the padding. */
    Base64Data(CharSequence text, int start) throws ImageProblem {
        this.text = text;
        this.start = start;
        this.length = text.length() - start;
        if (length == 0) {
            throw new ImageProblem("the data URI holds no image data after 'base64,'");
        }
        if (length % 4 != 0) {
            throw new ImageProblem("the base64 data is " + length
                    + " characters long, not a multiple of 4: it is truncated or lacks its '=' padding"
                    + (hasLineBreaksNearStart() ? ", and it contains line breaks, which data URIs do not allow" : ""));
        }
        int padding = 0;
        if (text.charAt(start + length - 1) == '=') {
            padding = text.charAt(start + length - 2) == '=' ? 2 : 1;
        }
        this.decodedLength = (long) length / 4 * 3 - padding;
        // The last group is always decoded, so damage at the very end is caught too.
        decodeGroup(length / 4 - 1, new byte[3]);
    }

    /** Wrapped base64 (MIME style, 76 columns) shows a line break within its first lines. */
    private boolean hasLineBreaksNearStart() {
        int end = Math.min(text.length(), start + 1024);
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    long decodedLength() {
        return decodedLength;
    }

    /**
     * The bytes from {@code offset}, at most {@code count} of them; fewer when the data ends first.
     */
    byte[] read(long offset, int count) throws ImageProblem {
        if (offset >= decodedLength || count <= 0) {
            return new byte[0];
        }
        long end = Math.min(decodedLength, offset + count);
        byte[] out = new byte[(int) (end - offset)];
        byte[] group = new byte[3];
        long firstGroup = offset / 3;
        long lastGroup = (end - 1) / 3;
        for (long g = firstGroup; g <= lastGroup; g++) {
            decodeGroup(g, group);
            for (int i = 0; i < 3; i++) {
                long position = g * 3 + i;
                if (position >= offset && position < end) {
                    out[(int) (position - offset)] = group[i];
                }
            }
        }
        return out;
    }

    private void decodeGroup(long group, byte[] into) throws ImageProblem {
        int at = start + (int) (group * 4);
        int pads = 0;
        if (group == length / 4 - 1 && text.charAt(at + 3) == '=') {
            pads = text.charAt(at + 2) == '=' ? 2 : 1;
        }
        int bits = 0;
        for (int i = 0; i < 4 - pads; i++) {
            char c = text.charAt(at + i);
            int value = c < 128 ? VALUE[c] : -1;
            if (value < 0) {
                throw new ImageProblem("the base64 data has an invalid character " + describe(c)
                        + " at position " + (at + i - start) + " (only A–Z a–z 0–9 + / and trailing '=' are allowed)");
            }
            bits = (bits << 6) | value;
        }
        bits <<= 6 * pads;
        into[0] = (byte) (bits >> 16);
        into[1] = (byte) (bits >> 8);
        into[2] = (byte) bits;
    }

    private static String describe(char c) {
        if (c == '\n') {
            return "'\\n' (line break)";
        }
        if (c == '\r') {
            return "'\\r' (line break)";
        }
        if (c == ' ') {
            return "' ' (space)";
        }
        if (c < 32 || c >= 127) {
            return String.format("U+%04X", (int) c);
        }
        return "'" + c + "'";
    }
}
