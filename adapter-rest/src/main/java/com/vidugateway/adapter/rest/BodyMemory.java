package com.vidugateway.adapter.rest;

import com.vidugateway.domain.text.Sentence;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap that request bodies being read may hold together, charged as their bytes arrive — never reserved up front
 * from a declared {@code Content-Length}, so a client that declares a large body and trickles it holds only what it
 * has sent, and only for as long as {@link BodyPace} lets it.
 *
 * <p>What one body can hold while it is read is bounded whatever its size: the JSON tree besides inline images
 * ({@link RequestJson#MAX_RETAINED} characters) and the buffers of {@link LongStringFilter} and the parser; inline
 * images stream to the blob store. A body is charged for each byte received, in steps of {@value #STEP} bytes, up to
 * {@link #PER_BODY}; once the budget is used up, the body whose next step does not fit is answered 503 with
 * {@code Retry-After}, nothing stored or sent. The budget is a quarter of the heap (32 MiB with the server's fixed
 * 128 MiB), at least enough for four bodies at their most ({@code vidu.request-body.memory} to set it,
 * {@link RequestBodySettings#memory()}).
 */
@Singleton
final class BodyMemory {

    /** A body is charged in steps of this many bytes (one atomic update per step, not per buffer). */
    static final long STEP = 64 * 1024;
    /**
     * The most one body is charged: its JSON values at 2 bytes a character (a tree holds at most
     * {@link RequestJson#MAX_RETAINED} characters) and half a MiB of buffers.
     */
    static final long PER_BODY = 2 * RequestJson.MAX_RETAINED + 512 * 1024;

    /** No room for the next step of a body. */
    static final class Exhausted extends IOException {
        private final transient Sentence text;

        Exhausted(long capacity) {
            this(Sentence.of("api.unavailable.body_memory", "memory", Sizes.human(capacity),
                    "seconds", ApiError.RETRY_AFTER_SECONDS));
        }

        private Exhausted(Sentence text) {
            super(text.english(), null);
            this.text = text;
        }

        /** The message, to say in the client's language. */
        Sentence text() {
            return text;
        }
    }

    private final long capacity;
    private final AtomicLong used = new AtomicLong();

    @Inject
    BodyMemory(RequestBodySettings settings) {
        this(settings.memory() == 0 ? Math.max(4 * PER_BODY, Runtime.getRuntime().maxMemory() / 4) : settings.memory());
    }

    BodyMemory(long capacity) {
        if (capacity < STEP) {
            throw new IllegalArgumentException("vidu.request-body.memory must be at least " + Sizes.human(STEP));
        }
        this.capacity = capacity;
    }

    long capacity() {
        return capacity;
    }

    /** What the bodies being read hold now. */
    long used() {
        return used.get();
    }

    /** A new body's account, charged nothing yet; close it when the body has been read (or given up). */
    Charge open() {
        return new Charge();
    }

    /** One body's share. Used by the one thread that reads the body; closing twice is harmless. */
    final class Charge implements AutoCloseable {
        private long charged;
        private boolean closed;

        private Charge() {}

        /**
         * Raises the charge to cover {@code received} bytes (up to {@link #PER_BODY}).
         *
         * @throws Exhausted the budget has no room for it; the charge stays what it was
         */
        void received(long received) throws Exhausted {
            if (closed) {
                return;
            }
            long wanted = Math.min(PER_BODY, (received + STEP - 1) / STEP * STEP);
            if (wanted <= charged) {
                return;
            }
            long more = wanted - charged;
            while (true) {
                long now = used.get();
                if (now + more > capacity) {
                    throw new Exhausted(capacity);
                }
                if (used.compareAndSet(now, now + more)) {
                    charged = wanted;
                    return;
                }
            }
        }

        long charged() {
            return charged;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                used.addAndGet(-charged);
                charged = 0;
            }
        }
    }
}
