package com.vidugateway.adapter.persistence;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON for the task store's columns, both ways as a stream: a request with seven inline images
 * is ~470 MB of text, so it is never built whole. Writing keeps long strings by reference and escapes them
 * as the database reads them ({@link Writer#reader()}); reading parses straight from the column's reader.
 * Objects parse to {@link Map}, arrays to {@link List}, numbers to {@link Long} (or {@link BigDecimal}).
 */
final class Json {

    private Json() {}

    /** Builds JSON text; long string values are escaped only when read. */
    static final class Writer {

        /** Strings longer than this are kept by reference, not copied into the text. */
        private static final int COPY_LIMIT = 4096;

        private final List<Object> pieces = new ArrayList<>();
        private StringBuilder text = new StringBuilder();
        /** One entry per open object or array: true while it has no element yet. */
        private final Deque<Boolean> empty = new ArrayDeque<>();
        private boolean afterName;

        Writer beginObject() {
            beforeValue();
            text.append('{');
            empty.push(true);
            return this;
        }

        Writer endObject() {
            empty.pop();
            text.append('}');
            return this;
        }

        Writer beginArray() {
            beforeValue();
            text.append('[');
            empty.push(true);
            return this;
        }

        Writer endArray() {
            empty.pop();
            text.append(']');
            return this;
        }

        Writer name(String name) {
            beforeElement();
            quote(name, text);
            text.append(':');
            afterName = true;
            return this;
        }

        Writer value(String value) {
            beforeValue();
            if (value == null) {
                text.append("null");
            } else if (value.length() <= COPY_LIMIT) {
                quote(value, text);
            } else {
                text.append('"');
                pieces.add(text.toString());
                pieces.add(new Escaped(value));
                text = new StringBuilder("\"");
            }
            return this;
        }

        Writer value(long value) {
            beforeValue();
            text.append(value);
            return this;
        }

        Writer value(boolean value) {
            beforeValue();
            text.append(value);
            return this;
        }

        Writer strings(List<String> values) {
            beginArray();
            values.forEach(this::value);
            return endArray();
        }

        /** The text as a stream, for {@code PreparedStatement.setCharacterStream}. */
        java.io.Reader reader() {
            List<Object> all = new ArrayList<>(pieces);
            all.add(text.toString());
            return new PiecesReader(all);
        }

        /** The text whole: only for short texts. */
        @Override
        public String toString() {
            StringBuilder whole = new StringBuilder();
            for (Object piece : pieces) {
                if (piece instanceof Escaped escaped) {
                    quoteContent(escaped.value(), whole);
                } else {
                    whole.append((String) piece);
                }
            }
            return whole.append(text).toString();
        }

        private void beforeValue() {
            if (afterName) {
                afterName = false;
            } else {
                beforeElement();
            }
        }

        private void beforeElement() {
            if (empty.isEmpty()) {
                return;
            }
            if (empty.peek()) {
                empty.pop();
                empty.push(false);
            } else {
                text.append(',');
            }
        }
    }

    /** A string value's content, escaped as it is read. */
    private record Escaped(String value) {}

    static void quote(String value, StringBuilder out) {
        out.append('"');
        quoteContent(value, out);
        out.append('"');
    }

    private static void quoteContent(String value, StringBuilder out) {
        int run = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (needsEscape(c)) {
                out.append(value, run, i).append(escape(c));
                run = i + 1;
            }
        }
        out.append(value, run, value.length());
    }

    /**
     * Control characters, quote and backslash as JSON requires; surrogates too, so that the text is valid
     * UTF-8 whatever the string holds (a lone surrogate would otherwise be lost by the database's encoding).
     */
    private static boolean needsEscape(char c) {
        return c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c);
    }

    private static String escape(char c) {
        return switch (c) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> String.format("\\u%04x", (int) c);
        };
    }

    /** The pieces one after the other; an {@link Escaped} piece is escaped run by run. */
    private static final class PiecesReader extends Reader {
        private final List<Object> pieces;
        private int piece;
        private int position;
        private String pendingEscape;
        private int pendingPosition;

        PiecesReader(List<Object> pieces) {
            this.pieces = pieces;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            int count = 0;
            while (count < length) {
                if (pendingEscape != null) {
                    int n = Math.min(length - count, pendingEscape.length() - pendingPosition);
                    pendingEscape.getChars(pendingPosition, pendingPosition + n, buffer, offset + count);
                    count += n;
                    pendingPosition += n;
                    if (pendingPosition == pendingEscape.length()) {
                        pendingEscape = null;
                    }
                    continue;
                }
                if (piece == pieces.size()) {
                    break;
                }
                Object current = pieces.get(piece);
                String value = current instanceof Escaped escaped ? escaped.value() : (String) current;
                int end = Math.min(value.length(), position + (length - count));
                int run = position;
                if (current instanceof Escaped) {
                    while (run < end && !needsEscape(value.charAt(run))) {
                        run++;
                    }
                } else {
                    run = end;
                }
                value.getChars(position, run, buffer, offset + count);
                count += run - position;
                position = run;
                if (run < end) {
                    pendingEscape = escape(value.charAt(run));
                    pendingPosition = 0;
                    position++;
                }
                if (position == value.length() && pendingEscape == null) {
                    piece++;
                    position = 0;
                }
            }
            return count == 0 && length > 0 ? -1 : count;
        }

        @Override
        public void close() {
            // Nothing to release: the pieces belong to the caller.
        }
    }

    // --- reading -------------------------------------------------------------------------------------

    /** Parses one JSON value from {@code in}; nothing but whitespace may follow it. */
    static Object parse(Reader in) throws IOException {
        Parser parser = new Parser(in);
        Object value = parser.value();
        parser.skipWhitespace();
        if (parser.peek() != -1) {
            throw parser.error("text after the end of the value");
        }
        return value;
    }

    static Object parse(String text) throws MalformedJson {
        try {
            return parse(new java.io.StringReader(text));
        } catch (MalformedJson e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("a string reader does not fail", e);
        }
    }

    /** A malformed text. */
    static final class MalformedJson extends IOException {
        MalformedJson(String message) {
            super(message);
        }
    }

    private static final class Parser {
        private final Reader in;
        private final char[] buffer = new char[16384];
        private int length;
        private int position;
        private long consumed;

        Parser(Reader in) {
            this.in = in;
        }

        Object value() throws IOException {
            skipWhitespace();
            int c = peek();
            return switch (c) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                case -1 -> throw error("the text ends where a value was expected");
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        yield number();
                    }
                    throw error("unexpected '" + (char) c + "'");
                }
            };
        }

        private Map<String, Object> object() throws IOException {
            expect('{');
            Map<String, Object> object = new LinkedHashMap<>();
            skipWhitespace();
            if (peek() == '}') {
                position++;
                return object;
            }
            while (true) {
                skipWhitespace();
                if (peek() != '"') {
                    throw error("a name was expected");
                }
                String name = string();
                skipWhitespace();
                expect(':');
                object.put(name, value());
                skipWhitespace();
                int c = next();
                if (c == '}') {
                    return object;
                }
                if (c != ',') {
                    throw error("',' or '}' was expected");
                }
            }
        }

        private List<Object> array() throws IOException {
            expect('[');
            List<Object> array = new ArrayList<>();
            skipWhitespace();
            if (peek() == ']') {
                position++;
                return array;
            }
            while (true) {
                array.add(value());
                skipWhitespace();
                int c = next();
                if (c == ']') {
                    return array;
                }
                if (c != ',') {
                    throw error("',' or ']' was expected");
                }
            }
        }

        private String string() throws IOException {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                if (position == length && !fill()) {
                    throw error("the text ends inside a string");
                }
                int start = position;
                while (position < length && buffer[position] != '"' && buffer[position] != '\\') {
                    position++;
                }
                out.append(buffer, start, position - start);
                if (position == length) {
                    continue;
                }
                char c = buffer[position++];
                if (c == '"') {
                    return out.toString();
                }
                out.append(unescape());
            }
        }

        private char unescape() throws IOException {
            int c = next();
            return switch (c) {
                case '"' -> '"';
                case '\\' -> '\\';
                case '/' -> '/';
                case 'b' -> '\b';
                case 'f' -> '\f';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                case 'u' -> {
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int digit = Character.digit(next(), 16);
                        if (digit < 0) {
                            throw error("a \\u escape needs four hex digits");
                        }
                        code = code * 16 + digit;
                    }
                    yield (char) code;
                }
                default -> throw error("unknown escape");
            };
        }

        private Object number() throws IOException {
            StringBuilder digits = new StringBuilder();
            int c = peek();
            while (c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' || (c >= '0' && c <= '9')) {
                digits.append((char) c);
                position++;
                c = peek();
            }
            try {
                String text = digits.toString();
                return text.contains(".") || text.contains("e") || text.contains("E")
                        ? new BigDecimal(text) : (Object) Long.valueOf(text);
            } catch (NumberFormatException e) {
                throw error("'" + digits + "' is not a number");
            }
        }

        private Object literal(String word, Object value) throws IOException {
            for (int i = 0; i < word.length(); i++) {
                if (next() != word.charAt(i)) {
                    throw error("'" + word + "' was expected");
                }
            }
            return value;
        }

        private void expect(char wanted) throws IOException {
            if (next() != wanted) {
                throw error("'" + wanted + "' was expected");
            }
        }

        void skipWhitespace() throws IOException {
            int c = peek();
            while (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                position++;
                c = peek();
            }
        }

        int peek() throws IOException {
            if (position == length && !fill()) {
                return -1;
            }
            return buffer[position];
        }

        private int next() throws IOException {
            int c = peek();
            if (c != -1) {
                position++;
            }
            return c;
        }

        private boolean fill() throws IOException {
            consumed += length;
            position = 0;
            length = 0;
            int n = in.read(buffer, 0, buffer.length);
            while (n == 0) {
                n = in.read(buffer, 0, buffer.length);
            }
            if (n < 0) {
                return false;
            }
            length = n;
            return true;
        }

        MalformedJson error(String problem) {
            return new MalformedJson("malformed JSON at character " + (consumed + position) + ": " + problem);
        }
    }
}
