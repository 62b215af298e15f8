package com.vidugateway.adapter.rest;

import com.vidugateway.application.port.in.ReceiveImage;
import com.vidugateway.domain.image.ImageInput;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ReceiveImage} that keeps the text of every string it is given (or, for huge ones, only counts it), so
 * that a test sees exactly which characters a long string became; every string "is not image data".
 */
final class RecordingImages implements ReceiveImage {

    private final boolean keepText;
    private final List<StringBuilder> texts = new ArrayList<>();
    private int open;

    /** @param keepText false: count the characters only (bodies of hundreds of MB) */
    RecordingImages(boolean keepText) {
        this.keepText = keepText;
    }

    /** The text of the i-th string received. */
    String text(int i) {
        return texts.get(i).toString();
    }

    int received() {
        return texts.size();
    }

    /** Receipts neither finished nor closed. */
    int open() {
        return open;
    }

    @Override
    public Receipt receive() {
        StringBuilder text = new StringBuilder();
        texts.add(text);
        open++;
        return new Receipt() {
            private long length;
            private boolean closed;

            @Override
            public void write(char[] chars, int offset, int count) {
                length += count;
                if (keepText) {
                    text.append(chars, offset, count);
                } else if (text.length() < 64) {
                    text.append(chars, offset, Math.min(count, 64 - text.length()));
                }
            }

            @Override
            public ImageInput finish() {
                return new ImageInput.Oversized(text.substring(0, Math.min(text.length(), 40)), length);
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    open--;
                }
            }
        };
    }
}
