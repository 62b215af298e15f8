package com.vidugateway.adapter.fake;

import com.vidugateway.adapter.fake.Script.Outcome;
import com.vidugateway.domain.catalogue.AspectRatio;
import com.vidugateway.domain.catalogue.Resolution;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Writes a {@link FakeTask} as its task id and reads it back. The id is the fake's only memory: a task
 * submitted before a restart, even a kill -9, is still known afterwards because everything about it is in
 * the id the gateway stored.
 *
 * <p>Form: {@code fake-} and 40 characters of lowercase base32 ({@code a–z}, {@code 2–7}): URL-safe, the
 * same in any letter-case-folding store, 45 characters in all. The 25 bytes behind them, big-endian:
 *
 * <pre>
 *  0      format version (1)
 *  1–6    submit time, milliseconds since the epoch
 *  7–10   Pending stage, ms (unsigned)
 *  11–14  Running stage, ms (unsigned)
 *  15     outcome code ({@link Outcome})
 *  16     clip seconds
 *  17     aspect ratio code (position in {@link #ASPECT_RATIOS})
 *  18     resolution code (position in {@link #RESOLUTIONS})
 *  19–22  nonce
 *  23–24  check: low 16 bits of the CRC-32 of bytes 0–22
 * </pre>
 *
 * The check makes a mistyped or made-up id read as unknown instead of as some other task; it is not
 * protection against forgery, which a simulation does not need. Ids in stores outlive releases: never
 * reorder the code lists, only append, and give a new layout a new version.
 */
final class TaskIdCodec {

    static final String PREFIX = "fake-";
    static final long MAX_STAGE_MILLIS = 0xFFFF_FFFFL;

    private static final int VERSION = 1;
    private static final int BYTES = 25;
    private static final int CHECKED_BYTES = BYTES - 2;
    private static final int ENCODED_LENGTH = BYTES * 8 / 5;
    private static final long MAX_SUBMIT_MILLIS = (1L << 48) - 1;
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

    private static final List<AspectRatio> ASPECT_RATIOS = List.of(
            AspectRatio.RATIO_16_9, AspectRatio.RATIO_9_16, AspectRatio.RATIO_4_3, AspectRatio.RATIO_3_4,
            AspectRatio.RATIO_1_1);
    private static final List<Resolution> RESOLUTIONS = List.of(
            Resolution.P360, Resolution.P540, Resolution.P720, Resolution.P1080);

    private TaskIdCodec() {}

    static String encode(FakeTask task) {
        long submitMillis = task.submitted().toEpochMilli();
        if (submitMillis < 0 || submitMillis > MAX_SUBMIT_MILLIS) {
            throw new IllegalArgumentException("submit time out of range for an id: " + task.submitted());
        }
        ByteBuffer bytes = ByteBuffer.allocate(BYTES);
        bytes.put((byte) VERSION);
        bytes.putShort((short) (submitMillis >>> 32)).putInt((int) submitMillis);
        bytes.putInt((int) stageMillis(task.pending())).putInt((int) stageMillis(task.running()));
        bytes.put((byte) task.outcome().code);
        bytes.put((byte) task.clip().seconds());
        bytes.put((byte) code(ASPECT_RATIOS, task.clip().aspectRatio()));
        bytes.put((byte) code(RESOLUTIONS, task.resolution()));
        bytes.putInt(task.nonce());
        bytes.putShort((short) check(bytes.array()));
        return PREFIX + base32(bytes.array());
    }

    /** The task behind {@code id}; empty for anything this codec never wrote. */
    static Optional<FakeTask> decode(String id) {
        if (id == null || !id.startsWith(PREFIX) || id.length() != PREFIX.length() + ENCODED_LENGTH) {
            return Optional.empty();
        }
        Optional<byte[]> decoded = fromBase32(id.substring(PREFIX.length()));
        if (decoded.isEmpty()) {
            return Optional.empty();
        }
        ByteBuffer bytes = ByteBuffer.wrap(decoded.get());
        if (bytes.get() != VERSION || (bytes.getShort(CHECKED_BYTES) & 0xFFFF) != check(decoded.get())) {
            return Optional.empty();
        }
        long submitMillis = (Short.toUnsignedLong(bytes.getShort()) << 32) | Integer.toUnsignedLong(bytes.getInt());
        long pendingMillis = Integer.toUnsignedLong(bytes.getInt());
        long runningMillis = Integer.toUnsignedLong(bytes.getInt());
        Optional<Outcome> outcome = Outcome.fromCode(Byte.toUnsignedInt(bytes.get()));
        int seconds = Byte.toUnsignedInt(bytes.get());
        Optional<AspectRatio> aspectRatio = byCode(ASPECT_RATIOS, Byte.toUnsignedInt(bytes.get()));
        Optional<Resolution> resolution = byCode(RESOLUTIONS, Byte.toUnsignedInt(bytes.get()));
        int nonce = bytes.getInt();
        if (outcome.isEmpty() || aspectRatio.isEmpty() || resolution.isEmpty() || seconds < 1) {
            return Optional.empty();
        }
        return Optional.of(new FakeTask(Instant.ofEpochMilli(submitMillis), Duration.ofMillis(pendingMillis),
                Duration.ofMillis(runningMillis), outcome.get(), new ClipSpec(seconds, aspectRatio.get()),
                resolution.get(), nonce));
    }

    private static long stageMillis(Duration stage) {
        long millis = stage.toMillis();
        if (millis > MAX_STAGE_MILLIS) {
            throw new IllegalArgumentException("a stage longer than an id holds: " + stage);
        }
        return millis;
    }

    private static <T> int code(List<T> codes, T value) {
        int code = codes.indexOf(value);
        if (code < 0) {
            throw new IllegalArgumentException(value + " has no code in task ids; append it to the list");
        }
        return code;
    }

    private static <T> Optional<T> byCode(List<T> codes, int code) {
        return code < codes.size() ? Optional.of(codes.get(code)) : Optional.empty();
    }

    private static int check(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, CHECKED_BYTES);
        return (int) (crc.getValue() & 0xFFFF);
    }

    /** RFC 4648 base32 in lowercase, without padding: 25 bytes make exactly 40 characters. */
    private static String base32(byte[] bytes) {
        StringBuilder text = new StringBuilder(ENCODED_LENGTH);
        int buffer = 0;
        int bitsInBuffer = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xFF);
            bitsInBuffer += 8;
            while (bitsInBuffer >= 5) {
                bitsInBuffer -= 5;
                text.append(BASE32.charAt((buffer >>> bitsInBuffer) & 31));
            }
        }
        return text.toString();
    }

    private static Optional<byte[]> fromBase32(String text) {
        byte[] bytes = new byte[BYTES];
        int buffer = 0;
        int bitsInBuffer = 0;
        int written = 0;
        for (int i = 0; i < text.length(); i++) {
            int value = BASE32.indexOf(text.charAt(i));
            if (value < 0) {
                return Optional.empty();
            }
            buffer = (buffer << 5) | value;
            bitsInBuffer += 5;
            if (bitsInBuffer >= 8) {
                bitsInBuffer -= 8;
                bytes[written++] = (byte) (buffer >>> bitsInBuffer);
            }
        }
        return Optional.of(bytes);
    }
}
