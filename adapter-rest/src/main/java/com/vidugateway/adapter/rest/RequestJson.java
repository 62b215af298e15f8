package com.vidugateway.adapter.rest;

import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a request body into a JSON tree, streaming, so that every problem is told with its place: the line,
 * the column and the field path of malformed JSON.
 *
 * <p>Strict RFC 8259 JSON in UTF-8, with one leniency: a trailing comma before {@code ]} or {@code }} is
 * accepted. The provider's own documented example ({@code "images": ["…",]}) has one; the gateway
 * re-serializes the request, so the provider never sees it. Duplicate field names, nesting deeper than
 * {@value #MAX_DEPTH} levels and numbers longer than {@value #MAX_NUMBER_LENGTH} characters are refused; the
 * body's size is bounded by whoever passes the stream (SubmitBodies), so strings need no limit of their own.
 *
 * <p>Written for bodies of hundreds of MB of base64 images: a string is gathered in chunks small enough never to
 * be "humongous" for the garbage collector and made into one {@code String} of its exact size (one byte per
 * character for ASCII), instead of a general parser's growing {@code char[]} (two bytes per character) and its
 * copies: a 67 MB image string costs about 2× its size while it is read, in short-lived pieces, not 4×.
 */
final class RequestJson {

    /** A submit body is 4 levels deep; anything beyond this is not a request. */
    static final int MAX_DEPTH = 32;
    static final int MAX_NUMBER_LENGTH = 100;
    private static final int READ_SIZE = 64 * 1024;
    private static final int CHUNK = 256 * 1024;

    /** Why a body is not a JSON document; the message says where and what. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /** The JSON value of the whole body. */
    JsonNode parse(InputStream body) throws Malformed, IOException {
        return new Parser(body).document();
    }

    private static final class Parser {
        private final InputStream in;
        private final byte[] buffer = new byte[READ_SIZE];
        private int position;
        private int limit;
        private boolean ended;
        private int line = 1;
        private int column;
        private final List<Object> path = new ArrayList<>();
        private int depth;

        Parser(InputStream in) {
            this.in = in;
        }

        JsonNode document() throws Malformed, IOException {
            skipBom();
            int first = skipWhitespace();
            if (first < 0) {
                throw new Malformed("the request body is empty; send a JSON object such as"
                        + " {\"model\":\"viduq2\",\"input\":{…},\"parameters\":{…}}");
            }
            JsonNode root = value(first);
            int after = skipWhitespace();
            if (after >= 0) {
                throw error("there is more after the end of the JSON value (" + shown(after)
                        + "); send exactly one JSON object");
            }
            return root;
        }

        // ---- values -----------------------------------------------------------------------------------------

        private JsonNode value(int first) throws Malformed, IOException {
            switch (first) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return JsonNode.createStringNode(string());
                case 't':
                    literal("true");
                    return JsonNode.createBooleanNode(true);
                case 'f':
                    literal("false");
                    return JsonNode.createBooleanNode(false);
                case 'n':
                    literal("null");
                    return JsonNode.nullNode();
                default:
                    if (first == '-' || (first >= '0' && first <= '9')) {
                        return number(first);
                    }
                    throw error("expected a value (an object, array, string, number, true, false or null), found "
                            + shown(first));
            }
        }

        private JsonNode object() throws Malformed, IOException {
            enter();
            Map<String, JsonNode> fields = new LinkedHashMap<>();
            int next = skipWhitespace();
            if (next == '}') {
                leave();
                return JsonNode.createObjectNode(fields);
            }
            while (true) {
                if (next != '"') {
                    throw error(next == ',' ? "a comma with no field before it" : next < 0 ? "the body ends inside an object"
                            : "expected a field name in double quotes, found " + shown(next));
                }
                String name = string();
                if (fields.containsKey(name)) {
                    throw error("the field '" + SubmitBodyReader.abbreviate(name) + "' appears twice in "
                            + (path.isEmpty() ? "the request object" : pathText()) + "; give each field once");
                }
                next = skipWhitespace();
                if (next != ':') {
                    throw error("expected ':' after the field name '" + SubmitBodyReader.abbreviate(name) + "', found "
                            + shown(next));
                }
                path.add(name);
                int valueStart = skipWhitespace();
                if (valueStart < 0) {
                    throw error("the body ends where the value of '" + SubmitBodyReader.abbreviate(name) + "' should be");
                }
                fields.put(name, value(valueStart));
                path.remove(path.size() - 1);
                next = skipWhitespace();
                if (next == '}') {
                    leave();
                    return JsonNode.createObjectNode(fields);
                }
                if (next != ',') {
                    throw error(next < 0 ? "the body ends inside an object (a '}' is missing)"
                            : "expected ',' or '}' after the value of '" + SubmitBodyReader.abbreviate(name) + "', found "
                            + shown(next));
                }
                next = skipWhitespace();
                if (next == '}') {
                    // the one leniency: a trailing comma
                    leave();
                    return JsonNode.createObjectNode(fields);
                }
            }
        }

        private JsonNode array() throws Malformed, IOException {
            enter();
            List<JsonNode> items = new ArrayList<>();
            int next = skipWhitespace();
            if (next == ']') {
                leave();
                return JsonNode.createArrayNode(items);
            }
            path.add(0);
            while (true) {
                path.set(path.size() - 1, items.size());
                if (next < 0) {
                    throw error("the body ends inside an array (a ']' is missing)");
                }
                if (next == ',') {
                    throw error("a comma with no value before it");
                }
                items.add(value(next));
                next = skipWhitespace();
                if (next == ']') {
                    break;
                }
                if (next != ',') {
                    throw error(next < 0 ? "the body ends inside an array (a ']' is missing)"
                            : "expected ',' or ']' after an array element, found " + shown(next));
                }
                next = skipWhitespace();
                if (next == ']') {
                    // the one leniency: a trailing comma
                    break;
                }
            }
            path.remove(path.size() - 1);
            leave();
            return JsonNode.createArrayNode(items);
        }

        private void enter() throws Malformed {
            if (++depth > MAX_DEPTH) {
                throw new Malformed("malformed request: JSON nested more than " + MAX_DEPTH + " levels deep"
                        + (path.isEmpty() ? "" : " (in " + pathText() + ")") + "; a request body is at most 4 levels deep");
            }
        }

        private void leave() {
            depth--;
        }

        private void literal(String word) throws Malformed, IOException {
            for (int i = 1; i < word.length(); i++) {
                int b = read();
                if (b != word.charAt(i)) {
                    throw error("expected '" + word + "', found " + (b < 0 ? "the end of the body" : shown(b)));
                }
            }
            int next = peek();
            if (next >= 0 && !isDelimiter(next)) {
                throw error("expected '" + word + "' to end, found " + shown(next));
            }
        }

        private JsonNode number(int first) throws Malformed, IOException {
            StringBuilder text = new StringBuilder(16);
            text.append((char) first);
            boolean fraction = false;
            int b = first;
            if (b == '-') {
                b = read();
                if (b < '0' || b > '9') {
                    throw error("expected a digit after '-', found " + shown(b));
                }
                text.append((char) b);
            }
            if (b == '0') {
                int next = peek();
                if (next >= '0' && next <= '9') {
                    throw error("a number cannot start with 0 followed by digits");
                }
            } else {
                digits(text);
            }
            if (peek() == '.') {
                fraction = true;
                text.append((char) read());
                int digit = read();
                if (digit < '0' || digit > '9') {
                    throw error("expected a digit after the decimal point, found " + shown(digit));
                }
                text.append((char) digit);
                digits(text);
            }
            if (peek() == 'e' || peek() == 'E') {
                fraction = true;
                text.append((char) read());
                int sign = peek();
                if (sign == '+' || sign == '-') {
                    text.append((char) read());
                }
                int digit = read();
                if (digit < '0' || digit > '9') {
                    throw error("expected a digit in the exponent, found " + shown(digit));
                }
                text.append((char) digit);
                digits(text);
            }
            int next = peek();
            if (next >= 0 && !isDelimiter(next)) {
                throw error("unexpected " + shown(next) + " after the number " + text);
            }
            String number = text.toString();
            if (fraction) {
                return JsonNode.createNumberNode(new BigDecimal(number));
            }
            if (number.length() <= 18) {
                return JsonNode.createNumberNode(Long.parseLong(number));
            }
            BigInteger big = new BigInteger(number);
            return big.bitLength() < 64 ? JsonNode.createNumberNode(big.longValue()) : JsonNode.createNumberNode(big);
        }

        private void digits(StringBuilder text) throws Malformed, IOException {
            int next;
            while ((next = peek()) >= '0' && next <= '9') {
                text.append((char) read());
                if (text.length() > MAX_NUMBER_LENGTH) {
                    throw error("a number longer than " + MAX_NUMBER_LENGTH + " characters");
                }
            }
        }

        /** A string after its opening quote, up to and including the closing one. */
        private String string() throws Malformed, IOException {
            Bytes bytes = new Bytes();
            while (true) {
                if (position >= limit && !fill()) {
                    throw error("the body ends inside a string (a closing '\"' is missing)");
                }
                // The fast path: a run of plain ASCII, copied as it is.
                int start = position;
                int end = limit;
                int i = start;
                while (i < end) {
                    byte c = buffer[i];
                    if (c == '"' || c == '\\' || c < 0x20) {
                        break;
                    }
                    i++;
                }
                if (i > start) {
                    bytes.addAscii(buffer, start, i - start);
                    column += i - start;
                    position = i;
                }
                if (i == end) {
                    continue;
                }
                int c = buffer[position] & 0xff;
                if (c == '"') {
                    position++;
                    column++;
                    return bytes.string();
                }
                if (c == '\\') {
                    position++;
                    column++;
                    escape(bytes);
                    continue;
                }
                if (c < 0x20) {
                    throw error("a control character (" + String.format("U+%04X", c) + ") inside a string;"
                            + " write it escaped (\\n, \\t, \\u00XX)");
                }
                // c >= 0x80: one UTF-8 encoded character, checked.
                utf8(bytes);
            }
        }

        /** After a backslash. */
        private void escape(Bytes bytes) throws Malformed, IOException {
            int e = read();
            switch (e) {
                case '"', '\\', '/' -> bytes.add((byte) e);
                case 'b' -> bytes.add((byte) '\b');
                case 'f' -> bytes.add((byte) '\f');
                case 'n' -> bytes.add((byte) '\n');
                case 'r' -> bytes.add((byte) '\r');
                case 't' -> bytes.add((byte) '\t');
                case 'u' -> {
                    int unit = hex4();
                    int codePoint = unit;
                    if (Character.isHighSurrogate((char) unit)) {
                        if (read() != '\\' || read() != 'u') {
                            throw error("\\u" + Integer.toHexString(unit) + " is half of a surrogate pair; the second"
                                    + " half (\\uDC00–\\uDFFF) must follow");
                        }
                        int low = hex4();
                        if (!Character.isLowSurrogate((char) low)) {
                            throw error("\\u" + Integer.toHexString(unit) + " is not followed by the second half of its"
                                    + " surrogate pair");
                        }
                        codePoint = Character.toCodePoint((char) unit, (char) low);
                    } else if (Character.isLowSurrogate((char) unit)) {
                        throw error("\\u" + Integer.toHexString(unit) + " is the second half of a surrogate pair without"
                                + " its first half");
                    }
                    for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
                        bytes.add(b);
                    }
                }
                default -> throw error(e < 0 ? "the body ends inside a string"
                        : "'\\" + (char) e + "' is not a JSON escape; use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX");
            }
        }

        private int hex4() throws Malformed, IOException {
            int value = 0;
            for (int i = 0; i < 4; i++) {
                int h = read();
                int digit = Character.digit(h < 0 ? -1 : h, 16);
                if (h < 0 || h > 0x7f || digit < 0) {
                    throw error("expected 4 hex digits after \\u, found " + (h < 0 ? "the end of the body" : shown(h)));
                }
                value = value * 16 + digit;
            }
            return value;
        }

        /** One multi-byte UTF-8 character, validated (no overlong forms, no surrogates, nothing past U+10FFFF). */
        private void utf8(Bytes bytes) throws Malformed, IOException {
            int lead = read();
            int count;
            int min;
            if (lead >= 0xc2 && lead <= 0xdf) {
                count = 1;
                min = 0x80;
            } else if (lead >= 0xe0 && lead <= 0xef) {
                count = 2;
                min = 0x800;
            } else if (lead >= 0xf0 && lead <= 0xf4) {
                count = 3;
                min = 0x10000;
            } else {
                throw notUtf8(lead);
            }
            int codePoint = lead & (0x3f >> count);
            bytes.add((byte) lead);
            for (int i = 0; i < count; i++) {
                int next = position < limit || fill() ? buffer[position] & 0xff : -1;
                if ((next & 0xc0) != 0x80) {
                    throw notUtf8(lead);
                }
                position++;
                codePoint = (codePoint << 6) | (next & 0x3f);
                bytes.add((byte) next);
            }
            if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
                throw notUtf8(lead);
            }
        }

        private Malformed notUtf8(int lead) {
            return new Malformed("malformed JSON at " + where() + suffix() + ": the body is not valid UTF-8 (byte 0x"
                    + Integer.toHexString(lead) + "); send JSON as UTF-8 text");
        }

        // ---- bytes ------------------------------------------------------------------------------------------

        private void skipBom() throws IOException {
            if (position + 3 > limit) {
                fillAtLeast(3);
            }
            if (limit - position >= 3 && (buffer[position] & 0xff) == 0xef && (buffer[position + 1] & 0xff) == 0xbb
                    && (buffer[position + 2] & 0xff) == 0xbf) {
                position += 3;
            }
        }

        private void fillAtLeast(int n) throws IOException {
            while (!ended && limit - position < n) {
                if (position > 0) {
                    System.arraycopy(buffer, position, buffer, 0, limit - position);
                    limit -= position;
                    position = 0;
                }
                int read = in.read(buffer, limit, buffer.length - limit);
                if (read < 0) {
                    ended = true;
                } else {
                    limit += read;
                }
            }
        }

        private boolean fill() throws IOException {
            if (ended) {
                return false;
            }
            position = 0;
            limit = 0;
            while (limit == 0) {
                int read = in.read(buffer, 0, buffer.length);
                if (read < 0) {
                    ended = true;
                    return false;
                }
                limit = read;
            }
            return true;
        }

        private int read() throws IOException {
            if (position >= limit && !fill()) {
                return -1;
            }
            int b = buffer[position++] & 0xff;
            if (b == '\n') {
                line++;
                column = 0;
            } else if ((b & 0xc0) != 0x80) {
                column++;
            }
            return b;
        }

        private int peek() throws IOException {
            if (position >= limit && !fill()) {
                return -1;
            }
            return buffer[position] & 0xff;
        }

        /** The next byte that is not JSON whitespace, consumed; -1 at the end. */
        private int skipWhitespace() throws IOException {
            while (true) {
                int b = read();
                if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                    return b;
                }
            }
        }

        private static boolean isDelimiter(int b) {
            return b == ',' || b == ']' || b == '}' || b == ' ' || b == '\t' || b == '\n' || b == '\r';
        }

        // ---- messages ---------------------------------------------------------------------------------------

        private Malformed error(String what) {
            return new Malformed("malformed JSON at " + where() + suffix() + ": " + what);
        }

        private String where() {
            return "line " + line + ", column " + Math.max(column, 1);
        }

        private String suffix() {
            return path.isEmpty() ? "" : " (in " + pathText() + ")";
        }

        private String pathText() {
            StringBuilder out = new StringBuilder();
            for (Object part : path) {
                if (part instanceof Integer index) {
                    out.append('[').append(index).append(']');
                } else {
                    if (out.length() > 0) {
                        out.append('.');
                    }
                    out.append(SubmitBodyReader.fieldName((String) part));
                }
            }
            return out.toString();
        }

        private static String shown(int b) {
            if (b < 0) {
                return "the end of the body";
            }
            if (b >= 0x21 && b < 0x7f) {
                return "'" + (char) b + "'";
            }
            return String.format("byte 0x%02x", b);
        }
    }

    /**
     * A string's UTF-8 bytes as they are read: one small array while it is short, then chunks of {@value #CHUNK}
     * bytes (below the garbage collector's "humongous" size). While the string is ASCII, each full chunk becomes
     * a small Latin-1 {@code String} at once and the chunk is reused; {@link String#join} then makes the result
     * with a single allocation of its exact size. A 67 MB image string costs one copy of itself in short-lived
     * pieces, not the three of a general parser.
     */
    private static final class Bytes {
        private byte[] current = new byte[32];
        private int used;
        private boolean ascii = true;
        /** Full chunks of an all-ASCII prefix, as Latin-1 strings. */
        private List<String> asciiPieces;
        /** Full chunks once a non-ASCII byte was seen, decoded together at the end. */
        private List<byte[]> chunks;
        private long total;

        void add(byte b) {
            if (b < 0) {
                ascii = false;
            }
            if (used == current.length) {
                grow();
            }
            current[used++] = b;
            total++;
        }

        /** Bytes known to be ASCII (the parser's fast path). */
        void addAscii(byte[] source, int offset, int length) {
            while (length > 0) {
                if (used == current.length) {
                    grow();
                }
                int n = Math.min(length, current.length - used);
                System.arraycopy(source, offset, current, used, n);
                used += n;
                offset += n;
                length -= n;
                total += n;
            }
        }

        private void grow() {
            if (current.length < CHUNK) {
                byte[] larger = new byte[Math.min(CHUNK, current.length * 4)];
                System.arraycopy(current, 0, larger, 0, used);
                current = larger;
            } else if (ascii) {
                if (asciiPieces == null) {
                    asciiPieces = new ArrayList<>();
                }
                asciiPieces.add(new String(current, 0, used, StandardCharsets.ISO_8859_1));
                used = 0;
            } else {
                if (chunks == null) {
                    chunks = new ArrayList<>();
                }
                chunks.add(current);
                current = new byte[CHUNK];
                used = 0;
            }
        }

        String string() {
            if (total > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("a JSON string of " + total + " bytes");
            }
            String tail;
            if (chunks == null) {
                // ASCII is Latin-1: the String keeps one byte per character.
                tail = new String(current, 0, used, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            } else {
                int length = chunks.size() * CHUNK + used;
                byte[] all = new byte[length];
                int at = 0;
                for (byte[] chunk : chunks) {
                    System.arraycopy(chunk, 0, all, at, chunk.length);
                    at += chunk.length;
                }
                System.arraycopy(current, 0, all, at, used);
                chunks = null;
                tail = new String(all, StandardCharsets.UTF_8);
            }
            if (asciiPieces == null) {
                return tail;
            }
            asciiPieces.add(tail);
            String joined = String.join("", asciiPieces);
            asciiPieces = null;
            return joined;
        }
    }
}
