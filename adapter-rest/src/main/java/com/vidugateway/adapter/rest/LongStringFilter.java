package com.vidugateway.adapter.rest;

import com.vidugateway.domain.text.Sentence;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * A request body on its way to the JSON parser (jackson-core), which buffers every string value whole: a string
 * literal longer than {@code threshold} bytes never reaches it. Its characters — UTF-8 decoded, JSON escapes
 * undone — go to a {@link LongStrings} receipt as they arrive, and the parser reads a short placeholder instead.
 * Memory stays at a few buffers of {@value #READ_SIZE} bytes whatever the size of the body or of any string in it
 * (and smaller ones for a small body: they grow only when the body needs them).
 *
 * <p>This is not a second tokenizer: it knows only whether it is inside a string literal. It checks what jackson
 * would take on trust or could not see — that the body is valid UTF-8 (no overlong forms, no encoded surrogates),
 * and that every string holds only valid escapes, no raw control characters and no half surrogate pairs — and it
 * says where, in lines and columns of the body as sent. Everything else (structure, numbers, literals, depth,
 * duplicate fields) is jackson's, whose byte offsets {@link #position} translates back into the body's lines and
 * columns, counting each placeholder as the string it replaced.
 *
 * <p>A problem found here is reported only after the parser has read every byte before it, so that the first
 * problem in the body is the one reported, whoever finds it.
 */
final class LongStringFilter extends InputStream {

    /** A problem in the bytes of the body, found here: where it is and what it is. */
    static final class BadBytes extends IOException {
        private final long line;
        private final long column;

        private final transient Sentence text;

        BadBytes(long line, long column, Sentence what) {
            super(what.english(), null);
            this.line = line;
            this.column = column;
            this.text = what;
        }

        /** What it is, to say in the client's language. */
        Sentence text() {
            return text;
        }

        long line() {
            return line;
        }

        long column() {
            return column;
        }
    }

    static final int READ_SIZE = 64 * 1024;
    /** How much the parser is given at a time (about what it asks for: 8,000 bytes). */
    private static final int FILL_TARGET = 8 * 1024;
    private static final int CHAR_CHUNK = 8 * 1024;

    // Inside a string: where the escapes are.
    private static final int CHARS = 0;
    private static final int ESCAPE = 1;
    private static final int HEX = 2;
    private static final int AFTER_HIGH = 3;
    private static final int AFTER_HIGH_ESCAPE = 4;
    private static final int LOW_HEX = 5;

    private final InputStream in;
    private final LongStrings strings;
    private final int threshold;

    private byte[] source = new byte[FILL_TARGET];
    private int sourcePosition;
    private int sourceLimit;
    private boolean started;

    private byte[] out = new byte[FILL_TARGET + 1024];
    private int outPosition;
    private int outLimit;
    private boolean ended;
    private IOException failure;
    private final Emitted emitted;

    // Where the last byte read was in the body: its line, and the characters before it on the line plus itself.
    private long line = 1;
    private long column;

    private int utf8Needed;
    private int utf8Value;
    private int utf8Min;
    private int utf8Lead;

    private boolean inString;
    private long stringColumn;
    private int escapeState;
    private int hex;
    private int hexDigits;
    private int highSurrogate;
    /** The raw bytes of the current string while it is short (after its opening quote). */
    private byte[] pending = new byte[1024];
    private int pendingLength;
    /** Where the current string goes once it is long; null while it is short. */
    private LongStrings.Sink sink;
    private final char[] chars = new char[CHAR_CHUNK];
    private int charCount;

    /**
     * @param in        the body
     * @param strings   where long strings go
     * @param threshold the longest string literal (raw bytes between the quotes) the parser reads itself
     */
    LongStringFilter(InputStream in, LongStrings strings, int threshold) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold " + threshold);
        }
        this.in = in;
        this.strings = strings;
        this.threshold = threshold;
        // The parser looks back at most over its own buffer (8,000 bytes) and the token it is in (a short string).
        this.emitted = new Emitted(threshold + 4 * FILL_TARGET);
    }

    /**
     * Where the byte at {@code offset} of what the parser read (its byte offset) is in the body: {line, column},
     * both from 1, the column in characters. Inside a placeholder: where its string began.
     */
    long[] position(long offset) {
        return emitted.at(offset);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (outPosition == outLimit) {
            if (failure != null) {
                throw failure;
            }
            if (ended) {
                return -1;
            }
            fill();
        }
        int n = Math.min(length, outLimit - outPosition);
        System.arraycopy(out, outPosition, buffer, offset, n);
        outPosition += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    // ---- reading the body ---------------------------------------------------------------------------------------

    private void fill() {
        outPosition = 0;
        outLimit = 0;
        try {
            if (!started) {
                start();
            }
            while (outLimit < FILL_TARGET) {
                if (sourcePosition == sourceLimit && !readSource()) {
                    end();
                    return;
                }
                if (inString) {
                    string();
                } else {
                    outside();
                }
            }
        } catch (IOException e) {
            // What was made ready before the problem goes to the parser first: it may find an earlier one.
            failure = e;
        }
    }

    /** Skips a UTF-8 byte order mark (jackson would too; here it does not count as a column). */
    private void start() throws IOException {
        started = true;
        while (sourceLimit < 3) {
            int n = in.read(source, sourceLimit, source.length - sourceLimit);
            if (n < 0) {
                return;
            }
            sourceLimit += n;
        }
        if ((source[0] & 0xff) == 0xef && (source[1] & 0xff) == 0xbb && (source[2] & 0xff) == 0xbf) {
            sourcePosition = 3;
        }
    }

    private boolean readSource() throws IOException {
        if (sourceLimit == source.length && source.length < READ_SIZE) {
            // The body fills what it is read into: a large one, read in larger pieces.
            source = new byte[READ_SIZE];
        }
        while (true) {
            int n = in.read(source, 0, source.length);
            if (n < 0) {
                return false;
            }
            if (n > 0) {
                sourcePosition = 0;
                sourceLimit = n;
                return true;
            }
        }
    }

    private void end() throws IOException {
        if (utf8Needed > 0) {
            throw notUtf8(utf8Lead);
        }
        if (inString) {
            throw bad(Sentence.of("api.json.unclosed_string"));
        }
        ended = true;
    }

    /** Bytes outside any string: passed on as they are, up to a string's opening quote. */
    private void outside() throws IOException {
        byte[] s = source;
        int p = sourcePosition;
        int limit = Math.min(sourceLimit, p + (FILL_TARGET - outLimit));
        int run = p;
        while (p < limit) {
            int b = s[p] & 0xff;
            p++;
            if (b == '\n') {
                line++;
                column = 0;
            } else if ((b & 0xc0) != 0x80) {
                column++;
            }
            if (b == '"' && utf8Needed == 0) {
                emit(s, run, p - 1 - run);
                sourcePosition = p;
                beginString();
                return;
            }
            if (b >= 0x80 || utf8Needed > 0) {
                try {
                    utf8(b);
                } catch (BadBytes bad) {
                    emit(s, run, p - 1 - run);
                    sourcePosition = p;
                    throw bad;
                }
            }
        }
        emit(s, run, p - run);
        sourcePosition = p;
    }

    private void beginString() {
        inString = true;
        stringColumn = column;
        escapeState = CHARS;
        pendingLength = 0;
        charCount = 0;
    }

    /** Bytes inside a string, up to and including its closing quote. */
    private void string() throws IOException {
        byte[] s = source;
        int p = sourcePosition;
        int limit = sourceLimit;
        while (p < limit) {
            int b = s[p];
            if (escapeState == CHARS && utf8Needed == 0 && b >= 0x20 && b != '"' && b != '\\') {
                // The common case, a run of plain ASCII (all of base64): no escapes, no decoding.
                int q = p + 1;
                while (q < limit) {
                    int c = s[q];
                    if (c < 0x20 || c == '"' || c == '\\') {
                        break;
                    }
                    q++;
                }
                column += q - p;
                sourcePosition = q;
                plain(s, p, q - p);
                p = q;
                continue;
            }
            p++;
            int u = b & 0xff;
            // No line break inside a string: a raw one is refused right here, on the line where it is.
            if ((u & 0xc0) != 0x80) {
                column++;
            }
            sourcePosition = p;
            if (decode(u)) {
                endString();
                return;
            }
            if (sink == null) {
                keep(u);
            }
        }
        sourcePosition = p;
    }

    /** A run of plain ASCII characters of the current string. */
    private void plain(byte[] s, int p, int n) throws IOException {
        if (sink == null) {
            int take = Math.min(n, threshold + 1 - pendingLength);
            ensurePending(pendingLength + take);
            System.arraycopy(s, p, pending, pendingLength, take);
            pendingLength += take;
            if (pendingLength <= threshold) {
                return;
            }
            spill();
            p += take;
            n -= take;
        }
        for (int i = 0; i < n; i++) {
            if (charCount == CHAR_CHUNK) {
                flushChars();
            }
            chars[charCount++] = (char) s[p + i];
        }
    }

    /** One raw byte of a short string, kept to be passed on when the string ends. */
    private void keep(int b) throws IOException {
        ensurePending(pendingLength + 1);
        pending[pendingLength++] = (byte) b;
        if (pendingLength > threshold) {
            spill();
        }
    }

    private void ensurePending(int capacity) {
        if (capacity > pending.length) {
            pending = java.util.Arrays.copyOf(pending, Math.max(capacity, Math.min(threshold + 1, pending.length * 2)));
        }
    }

    /**
     * The string is too long for the parser: from here on its characters go to a receipt. What was kept of it so
     * far is decoded again from the start (those bytes were checked already: only the store can fail now), which
     * leaves the decoding state exactly where it was.
     */
    private void spill() throws IOException {
        sink = strings.open();
        utf8Needed = 0;
        escapeState = CHARS;
        charCount = 0;
        for (int i = 0; i < pendingLength; i++) {
            decode(pending[i] & 0xff);
        }
        pendingLength = 0;
    }

    private void endString() throws IOException {
        inString = false;
        if (sink == null) {
            if (outLimit + pendingLength + 2 > out.length) {
                out = java.util.Arrays.copyOf(out, FILL_TARGET + threshold + 1024);
            }
            out[outLimit++] = '"';
            emitted.add(out, outLimit - 1, 1);
            emit(pending, 0, pendingLength);
            out[outLimit++] = '"';
            emitted.add(out, outLimit - 1, 1);
            pendingLength = 0;
            return;
        }
        flushChars();
        LongStrings.Sink finished = sink;
        sink = null;
        byte[] placeholder = ('"' + finished.finish() + '"').getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(placeholder, 0, out, outLimit, placeholder.length);
        // The string was on one line (raw line breaks are refused inside strings): it took these columns.
        emitted.span(out, outLimit, placeholder.length, column - stringColumn + 1);
        outLimit += placeholder.length;
    }

    private void emit(byte[] bytes, int offset, int length) {
        if (length <= 0) {
            return;
        }
        System.arraycopy(bytes, offset, out, outLimit, length);
        emitted.add(out, outLimit, length);
        outLimit += length;
    }

    // ---- decoding ---------------------------------------------------------------------------------------------

    /** One byte of a string after its opening quote; true when it is the closing quote. */
    private boolean decode(int b) throws IOException {
        int codePoint;
        if (utf8Needed == 0 && b < 0x80) {
            codePoint = b;
        } else {
            codePoint = utf8(b);
            if (codePoint < 0) {
                return false;
            }
        }
        switch (escapeState) {
            case CHARS -> {
                if (codePoint == '"') {
                    return true;
                }
                if (codePoint == '\\') {
                    escapeState = ESCAPE;
                } else if (codePoint < 0x20) {
                    throw bad(Sentence.of("api.json.control_character", "character", String.format("U+%04X", codePoint)));
                } else {
                    character(codePoint);
                }
            }
            case ESCAPE -> {
                escapeState = CHARS;
                switch (codePoint) {
                    case '"', '\\', '/' -> character(codePoint);
                    case 'b' -> character('\b');
                    case 'f' -> character('\f');
                    case 'n' -> character('\n');
                    case 'r' -> character('\r');
                    case 't' -> character('\t');
                    case 'u' -> {
                        escapeState = HEX;
                        hex = 0;
                        hexDigits = 0;
                    }
                    default -> throw bad(Sentence.of("api.json.bad_escape", "escape", "\\" + shown(codePoint)));
                }
            }
            case HEX, LOW_HEX -> {
                int digit = codePoint < 0x80 ? Character.digit(codePoint, 16) : -1;
                if (digit < 0) {
                    throw bad(Sentence.of("api.json.bad_hex", "found", shown(codePoint)));
                }
                hex = hex * 16 + digit;
                if (++hexDigits < 4) {
                    return false;
                }
                if (escapeState == HEX) {
                    if (Character.isHighSurrogate((char) hex)) {
                        highSurrogate = hex;
                        escapeState = AFTER_HIGH;
                    } else if (Character.isLowSurrogate((char) hex)) {
                        throw bad(Sentence.of("api.json.lone_low_surrogate", "escape", "\\u" + Integer.toHexString(hex)));
                    } else {
                        escapeState = CHARS;
                        character(hex);
                    }
                } else {
                    if (!Character.isLowSurrogate((char) hex)) {
                        throw bad(Sentence.of("api.json.unpaired_high_surrogate",
                                "escape", "\\u" + Integer.toHexString(highSurrogate)));
                    }
                    escapeState = CHARS;
                    character(Character.toCodePoint((char) highSurrogate, (char) hex));
                }
            }
            case AFTER_HIGH, AFTER_HIGH_ESCAPE -> {
                if (codePoint != (escapeState == AFTER_HIGH ? '\\' : 'u')) {
                    throw bad(Sentence.of("api.json.half_surrogate", "escape", "\\u" + Integer.toHexString(highSurrogate)));
                }
                if (escapeState == AFTER_HIGH) {
                    escapeState = AFTER_HIGH_ESCAPE;
                } else {
                    escapeState = LOW_HEX;
                    hex = 0;
                    hexDigits = 0;
                }
            }
            default -> throw new IllegalStateException("escape state " + escapeState);
        }
        return false;
    }

    /** One character of a long string, for its receipt (a short one is passed on raw). */
    private void character(int codePoint) throws IOException {
        if (sink == null) {
            return;
        }
        if (charCount + 2 > CHAR_CHUNK) {
            flushChars();
        }
        if (codePoint >= 0x10000) {
            chars[charCount++] = Character.highSurrogate(codePoint);
            chars[charCount++] = Character.lowSurrogate(codePoint);
        } else {
            chars[charCount++] = (char) codePoint;
        }
    }

    private void flushChars() throws IOException {
        if (charCount > 0) {
            sink.write(chars, 0, charCount);
            charCount = 0;
        }
    }

    /**
     * The next byte of a UTF-8 sequence: the code point once it is complete, -1 before. Overlong forms, encoded
     * surrogates and anything past U+10FFFF are refused (jackson would decode some of them).
     */
    private int utf8(int b) throws BadBytes {
        if (utf8Needed == 0) {
            if (b >= 0xc2 && b <= 0xdf) {
                utf8Needed = 1;
                utf8Value = b & 0x1f;
                utf8Min = 0x80;
            } else if (b >= 0xe0 && b <= 0xef) {
                utf8Needed = 2;
                utf8Value = b & 0x0f;
                utf8Min = 0x800;
            } else if (b >= 0xf0 && b <= 0xf4) {
                utf8Needed = 3;
                utf8Value = b & 0x07;
                utf8Min = 0x10000;
            } else {
                throw notUtf8(b);
            }
            utf8Lead = b;
            return -1;
        }
        if ((b & 0xc0) != 0x80) {
            throw notUtf8(utf8Lead);
        }
        utf8Value = (utf8Value << 6) | (b & 0x3f);
        if (--utf8Needed > 0) {
            return -1;
        }
        if (utf8Value < utf8Min || utf8Value > 0x10ffff || (utf8Value >= 0xd800 && utf8Value <= 0xdfff)) {
            throw notUtf8(utf8Lead);
        }
        return utf8Value;
    }

    private BadBytes notUtf8(int lead) {
        return bad(Sentence.of("api.json.not_utf8", "byte", "0x" + Integer.toHexString(lead)));
    }

    private BadBytes bad(Sentence what) {
        return new BadBytes(line, Math.max(column, 1), what);
    }

    private static String shown(int codePoint) {
        return codePoint < 0x20 || codePoint == 0x7f ? String.format("U+%04X", codePoint)
                : new String(Character.toChars(codePoint));
    }

    /**
     * The bytes given to the parser lately, to tell where a byte offset it reports is in the body. It keeps more
     * than the parser ever looks back (its buffer, plus a string it reads whole), and the line and column where
     * the kept bytes begin.
     */
    private static final class Emitted {
        private final int capacity;
        private byte[] ring = new byte[16 * 1024];
        private long start;
        private long end;
        private long startLine = 1;
        private long startColumn;
        /** Placeholders among the kept bytes: {from, to, the columns their string took}. */
        private final ArrayDeque<long[]> spans = new ArrayDeque<>();

        Emitted(int capacity) {
            this.capacity = capacity;
        }

        void add(byte[] bytes, int offset, int length) {
            while (end + length - start > ring.length && ring.length < capacity) {
                grow();
            }
            if (end + length - start > ring.length) {
                evict(end + length - ring.length);
            }
            int at = (int) (end % ring.length);
            int first = Math.min(length, ring.length - at);
            System.arraycopy(bytes, offset, ring, at, first);
            System.arraycopy(bytes, offset + first, ring, 0, length - first);
            end += length;
        }

        private void grow() {
            byte[] larger = new byte[Math.min(capacity, ring.length * 2)];
            for (long at = start; at < end; at++) {
                larger[(int) (at % larger.length)] = ring[(int) (at % ring.length)];
            }
            ring = larger;
        }

        void span(byte[] bytes, int offset, int length, long columns) {
            spans.add(new long[] {end, end + length, columns});
            add(bytes, offset, length);
        }

        long[] at(long offset) {
            long[] state = {startLine, startColumn};
            if (offset < start) {
                // Further back than anything the parser reads again: the earliest place known.
                return new long[] {startLine, Math.max(startColumn, 1)};
            }
            walk(Math.min(offset, end), state, false);
            return new long[] {state[0], state[1] + 1};
        }

        private void evict(long to) {
            long[] state = {startLine, startColumn};
            start = walk(to, state, true);
            startLine = state[0];
            startColumn = state[1];
            while (!spans.isEmpty() && spans.peekFirst()[1] <= start) {
                spans.removeFirst();
            }
        }

        /**
         * Moves {@code state} (line, columns before) from {@link #start} towards {@code to}; a placeholder counts as
         * the columns of its string, all at once. Stops at a placeholder that {@code to} falls inside unless
         * {@code whole}, when it passes it. Returns where it stopped.
         */
        private long walk(long to, long[] state, boolean whole) {
            Iterator<long[]> next = spans.iterator();
            long[] span = next.hasNext() ? next.next() : null;
            long at = start;
            while (at < to) {
                if (span != null && at == span[0]) {
                    if (span[1] > to && !whole) {
                        break;
                    }
                    state[1] += span[2];
                    at = span[1];
                    span = next.hasNext() ? next.next() : null;
                    continue;
                }
                int b = ring[(int) (at % ring.length)] & 0xff;
                if (b == '\n') {
                    state[0]++;
                    state[1] = 0;
                } else if ((b & 0xc0) != 0x80) {
                    state[1]++;
                }
                at++;
            }
            return at;
        }
    }
}
