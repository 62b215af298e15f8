package com.vidugateway.adapter.rest;

import com.vidugateway.application.port.in.ReceiveImage;
import com.vidugateway.application.port.out.ImageBlobs;
import com.vidugateway.domain.image.ImageInput;
import com.vidugateway.domain.text.Sentence;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The string literals of one request body that were too long to give to the JSON parser ({@link LongStringFilter}):
 * each one's characters went, as they arrived, into a {@link ReceiveImage.Receipt} — which decodes an inline image
 * into a staged blob — and the parser got a short placeholder instead. The placeholder carries a random nonce made
 * for this request, so a client cannot write one that resolves to another string's receipt: a string that merely
 * looks like a placeholder is plain text.
 *
 * <p>Closing releases every receipt: what a submit kept stays, everything else is removed. The owner of a request
 * closes it when the request ends, whatever the outcome.
 */
final class LongStrings implements AutoCloseable {

    /** How a placeholder starts; the nonce and the index follow. */
    static final String MARK = "vidu-long-string:";
    /**
     * The most long strings one body may hold. A valid request has at most 7 images (and nothing else that long);
     * the bound keeps a hostile body from opening thousands of staged uploads at once.
     */
    static final int MAX_COUNT = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * One long string literal.
     *
     * @param characters its length in characters (UTF-16 units, as {@link String#length()}), escapes undone
     * @param image      what the receipt made of it: decoded image data, or (not image data) its head and length
     */
    record LongString(long characters, ImageInput image) {}

    /** Staging an inline image failed (the blob store could not take it): not the client's fault. */
    static final class StorageFailed extends IOException {
        private final transient Sentence text;

        StorageFailed(IOException cause) {
            this(reason(cause), cause);
        }

        private StorageFailed(Sentence reason, IOException cause) {
            super(reason.english(), cause);
            this.text = reason;
        }

        /** The store's reason without its paths (a client sees this message); the system's own words as they are. */
        private static Sentence reason(IOException cause) {
            if (ImageBlobs.StorageFull.causedBy(cause)) {
                return Sentence.of("api.storage_failed.full");
            }
            if (cause instanceof FileSystemException fs && fs.getReason() != null) {
                return Sentence.verbatim(fs.getReason());
            }
            String message = cause.getMessage();
            return Sentence.verbatim(message == null || message.isBlank() ? cause.getClass().getSimpleName()
                    : SubmitBodyReader.abbreviate(message));
        }

        /** The reason, to say in the client's language. */
        Sentence text() {
            return text;
        }

        /** Whether the store ran out of space (507) rather than failing some other way (503). */
        boolean noSpace() {
            return ImageBlobs.StorageFull.causedBy(this);
        }
    }

    /** More long strings than {@link #MAX_COUNT}. */
    static final class TooMany extends IOException {
        private final transient Sentence text;

        TooMany(Sentence text) {
            super(text.english());
            this.text = text;
        }

        /** The message, to say in the client's language. */
        Sentence text() {
            return text;
        }
    }

    private final ReceiveImage receive;
    private final String prefix;
    private final List<LongString> strings = new ArrayList<>();
    private final List<ReceiveImage.Receipt> receipts = new ArrayList<>();

    LongStrings(ReceiveImage receive) {
        this.receive = receive;
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        this.prefix = MARK + HexFormat.of().formatHex(nonce) + ":";
    }

    /** Starts taking the next long string. */
    Sink open() throws IOException {
        if (receipts.size() >= MAX_COUNT) {
            throw new TooMany(Sentence.of("api.body.too_many_long_strings", "max", MAX_COUNT,
                    "size", Sizes.human(RequestJson.LONG_STRING)));
        }
        ReceiveImage.Receipt receipt;
        try {
            receipt = receive.receive();
        } catch (IOException e) {
            throw new StorageFailed(e);
        }
        receipts.add(receipt);
        return new Sink(receipt);
    }

    /** The long string a placeholder stands for; empty for any other text (a forged placeholder included). */
    Optional<LongString> find(String value) {
        if (value == null || !value.startsWith(prefix)) {
            return Optional.empty();
        }
        String index = value.substring(prefix.length());
        if (index.isEmpty() || index.length() > 4 || !index.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        int i = Integer.parseInt(index);
        return i < strings.size() ? Optional.of(strings.get(i)) : Optional.empty();
    }

    int count() {
        return strings.size();
    }

    @Override
    public void close() {
        for (ReceiveImage.Receipt receipt : receipts) {
            receipt.close();
        }
        receipts.clear();
    }

    /** One long string on its way into a receipt. */
    final class Sink {
        private final ReceiveImage.Receipt receipt;
        private long characters;

        private Sink(ReceiveImage.Receipt receipt) {
            this.receipt = receipt;
        }

        void write(char[] text, int offset, int count) throws StorageFailed {
            characters += count;
            try {
                receipt.write(text, offset, count);
            } catch (IOException e) {
                throw new StorageFailed(e);
            }
        }

        /** Ends the string; the placeholder that stands for it. */
        String finish() throws StorageFailed {
            ImageInput image;
            try {
                image = receipt.finish();
            } catch (IOException e) {
                throw new StorageFailed(e);
            }
            if (!(image instanceof ImageInput.Decoded)) {
                // Nothing staged worth keeping until the request ends.
                receipt.close();
            }
            strings.add(new LongString(characters, image));
            return prefix + (strings.size() - 1);
        }
    }
}
