package com.vidugateway.domain.image;

import com.vidugateway.domain.text.Sentence;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Decodes an image string as it streams in, character by character, in constant memory: it tells a data URI
 * ({@code data:image/png;base64,…}, its header kept exactly as written) from bare base64 and from anything else,
 * writes the decoded bytes to a sink, hashes them (SHA-256) and finds the first place where the base64 breaks.
 * Everything that turns image text into bytes goes through here: the REST edge while a body arrives, the CLI,
 * and the inspection of short strings.
 */
public final class InlineImageDecoder {

    /** What the string turned out to be. */
    public enum Form {
        /** {@code data:<type>;base64,<data>}. */
        DATA_URI,
        /** Base64 without a data URI header. */
        BARE_BASE64,
        /** Neither (a URL, a malformed data URI, text): nothing was decoded. */
        NOT_INLINE
    }

    /**
     * What was decoded.
     *
     * @param form          what the string is
     * @param dataUriPrefix the header up to and including the comma, exactly as written; null unless a data URI
     * @param sha256        the SHA-256 of the decoded bytes (lower-case hex); null when not inline
     * @param size          how many bytes were decoded (the sink got at most {@link ImageRules#MAX_DECODED_BYTES} + 1)
     * @param problem       why the base64 is not valid, said by the catalogue; null when it is
     * @param head          the string's first characters, for messages
     * @param length        the string's length in characters
     */
    public record Result(Form form, String dataUriPrefix, String sha256, long size, Sentence problem, String head,
                         long length) {}

    private static final int[] VALUE = new int[128];
    private static final int HEAD_CHARS = 256;
    private static final int LINE_BREAK_WINDOW = 1024;

    static {
        java.util.Arrays.fill(VALUE, -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUE[alphabet.charAt(i)] = i;
        }
    }

    private final OutputStream sink;
    private final MessageDigest digest = sha256();
    private final StringBuilder head = new StringBuilder();
    private final byte[] out = new byte[8192];
    private int outLength;

    private Form form;
    private String dataUriPrefix;
    private long length;

    /** Characters of base64 data seen (after the header). */
    private long position;
    private int bits;
    private int sextets;
    private long size;
    /** Where a run of '=' began; -1 when the last character was not '='. */
    private long paddingStart = -1;
    private int padding;
    private Sentence invalid;
    private boolean lineBreakNearStart;

    /** @param sink where the decoded bytes go; not closed here */
    public InlineImageDecoder(OutputStream sink) {
        this.sink = sink;
    }

    /** Decodes a whole string. */
    public static Result decode(CharSequence text, OutputStream sink) throws IOException {
        InlineImageDecoder decoder = new InlineImageDecoder(sink);
        decoder.write(text);
        return decoder.finish();
    }

    public void write(CharSequence text) throws IOException {
        for (int i = 0; i < text.length(); i++) {
            accept(text.charAt(i));
        }
    }

    public void write(char[] text, int offset, int count) throws IOException {
        for (int i = offset; i < offset + count; i++) {
            accept(text[i]);
        }
    }

    private void accept(char c) throws IOException {
        length++;
        if (form == null) {
            head.append(c);
            decideForm(false);
            return;
        }
        if (head.length() < HEAD_CHARS) {
            head.append(c);
        }
        if (form != Form.NOT_INLINE) {
            data(c);
        }
    }

    /** Decides once the head says enough (or the string ended); replays what is data. */
    private void decideForm(boolean ended) throws IOException {
        String start = head.toString();
        if (start.regionMatches(true, 0, "data:", 0, Math.min(5, start.length()))) {
            if (start.length() < 5 && !ended) {
                return;
            }
            int comma = start.indexOf(',');
            if (comma < 0) {
                if (!ended && start.length() < HEAD_CHARS) {
                    return;
                }
                form = Form.NOT_INLINE;
                return;
            }
            String prefix = start.substring(0, comma + 1);
            if (start.length() < 5 || !prefix.toLowerCase(Locale.ROOT).endsWith(";base64,") || prefix.length() < 13) {
                form = Form.NOT_INLINE;
                return;
            }
            form = Form.DATA_URI;
            dataUriPrefix = prefix;
            replay(start.substring(comma + 1));
            return;
        }
        boolean maybeUrl = "https://".regionMatches(true, 0, start, 0, Math.min(8, start.length()))
                || "http://".regionMatches(true, 0, start, 0, Math.min(7, start.length()));
        if (maybeUrl && !ended && start.length() < 8) {
            return;
        }
        char first = start.charAt(0);
        boolean base64 = first < 128 && VALUE[first] >= 0 && !start.regionMatches(true, 0, "http://", 0, 7)
                && !start.regionMatches(true, 0, "https://", 0, 8);
        form = base64 ? Form.BARE_BASE64 : Form.NOT_INLINE;
        if (base64) {
            replay(start);
        }
    }

    private void replay(String data) throws IOException {
        for (int i = 0; i < data.length(); i++) {
            data(data.charAt(i));
        }
    }

    private void data(char c) throws IOException {
        long at = position++;
        if (at < LINE_BREAK_WINDOW && (c == '\n' || c == '\r')) {
            lineBreakNearStart = true;
        }
        if (invalid != null) {
            return;
        }
        if (c == '=') {
            if (paddingStart < 0) {
                paddingStart = at;
            }
            padding++;
            return;
        }
        int value = c < 128 ? VALUE[c] : -1;
        if (paddingStart >= 0) {
            // '=' only ends the data: the first '=' of a run that more data follows is the wrong one.
            invalid = invalidCharacter('=', paddingStart);
            return;
        }
        if (value < 0) {
            invalid = invalidCharacter(c, at);
            return;
        }
        bits = (bits << 6) | value;
        if (++sextets == 4) {
            emit((byte) (bits >> 16));
            emit((byte) (bits >> 8));
            emit((byte) bits);
            bits = 0;
            sextets = 0;
        }
    }

    private void emit(byte b) throws IOException {
        size++;
        if (size > ImageRules.MAX_DECODED_BYTES + 1) {
            return; // over the limit: counted for the message, not kept
        }
        out[outLength++] = b;
        if (outLength == out.length) {
            flush();
        }
    }

    private void flush() throws IOException {
        if (outLength > 0) {
            digest.update(out, 0, outLength);
            sink.write(out, 0, outLength);
            outLength = 0;
        }
    }

    /** Ends the string: the last group, the padding, the length. */
    public Result finish() throws IOException {
        if (form == null) {
            if (head.isEmpty()) {
                form = Form.NOT_INLINE;
            } else {
                decideForm(true);
            }
        }
        if (form == Form.NOT_INLINE) {
            return new Result(form, null, null, 0, null, head.toString(), length);
        }
        Sentence problem = problem();
        if (problem == null && sextets > 0) {
            // The last group, padded: 2 sextets give one byte, 3 give two.
            int kept = sextets;
            int groupBits = bits << (6 * (4 - kept));
            emit((byte) (groupBits >> 16));
            if (kept == 3) {
                emit((byte) (groupBits >> 8));
            }
        }
        flush();
        sink.flush();
        return new Result(form, dataUriPrefix, HexFormat.of().formatHex(digest.digest()), size, problem,
                head.toString(), length);
    }

    private Sentence problem() {
        if (position == 0) {
            return Sentence.of("rule.image.base64.empty");
        }
        if (position % 4 != 0) {
            return Sentence.of(lineBreakNearStart ? "rule.image.base64.length_with_line_breaks"
                    : "rule.image.base64.length", "length", position);
        }
        if (invalid != null) {
            return invalid;
        }
        if (padding > 2 || (padding > 0 && sextets + padding != 4) || sextets == 1) {
            return invalidCharacter('=', paddingStart);
        }
        return null;
    }

    /** A line break and a space are named (in the reader's language); other characters are shown as they are. */
    private static Sentence invalidCharacter(char c, long at) {
        if (c == '\n' || c == '\r') {
            return Sentence.of("rule.image.base64.invalid_line_break",
                    "character", c == '\n' ? "'\\n'" : "'\\r'", "position", at);
        }
        if (c == ' ') {
            return Sentence.of("rule.image.base64.invalid_space", "position", at);
        }
        String shown = c < 32 || c >= 127 ? String.format("U+%04X", (int) c) : "'" + c + "'";
        return Sentence.of("rule.image.base64.invalid_character", "character", shown, "position", at);
    }

    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
