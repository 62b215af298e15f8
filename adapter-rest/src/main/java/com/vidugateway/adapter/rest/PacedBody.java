package com.vidugateway.adapter.rest;

import com.vidugateway.domain.text.Sentence;
import io.micronaut.core.io.buffer.ReadBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A request body as a blocking stream (what the JSON parser reads), that waits for the next piece of the body only
 * until {@link BodyPace#cutoff}: past it, a read fails with {@link TooSlow} and the rest of the body is cancelled.
 * Every piece is charged to the {@link BodyMemory} budget as it arrives. One piece is requested at a time, so the
 * server reads the connection only as fast as the body is consumed.
 *
 * <p>Micronaut's own {@code ByteBody.toInputStream()} waits for the next piece without a time limit, which is why
 * the body is read here from its publisher ({@code toReadBufferPublisher()}).
 */
final class PacedBody extends InputStream implements Subscriber<ReadBuffer> {

    /** The body did not arrive in time; the message says which rule cut it. */
    static final class TooSlow extends IOException {
        private final transient Sentence text;

        TooSlow(Sentence text) {
            super(text.english(), null);
            this.text = text;
        }

        /** The message, to say in the client's language. */
        Sentence text() {
            return text;
        }
    }

    private final BodyPace pace;
    private final BodyMemory.Charge charge;
    private final long start;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    // Guarded by lock: what the publisher hands over.
    private Subscription subscription;
    private boolean demandPending;
    private ReadBuffer handed;
    private boolean done;
    private Throwable failure;
    private boolean cancelled;

    // The reader's own.
    private ReadBuffer current;
    private boolean requested;
    private long received;

    /** Subscribes to {@code body} at once; the clock starts now. */
    PacedBody(Publisher<ReadBuffer> body, BodyPace pace, BodyMemory.Charge charge) {
        this.pace = pace;
        this.charge = charge;
        this.start = System.nanoTime();
        body.subscribe(this);
    }

    /** Bytes received so far. */
    long received() {
        return received;
    }

    // ---- the publisher's side ---------------------------------------------------------------------------------

    @Override
    public void onSubscribe(Subscription s) {
        boolean cancel;
        boolean request;
        lock.lock();
        try {
            subscription = s;
            cancel = cancelled;
            request = demandPending;
        } finally {
            lock.unlock();
        }
        if (cancel) {
            s.cancel();
        } else if (request) {
            s.request(1);
        }
    }

    @Override
    public void onNext(ReadBuffer buffer) {
        lock.lock();
        try {
            if (cancelled) {
                buffer.close();
                return;
            }
            handed = buffer;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onError(Throwable t) {
        lock.lock();
        try {
            failure = t;
            done = true;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onComplete() {
        lock.lock();
        try {
            done = true;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ---- the reader's side ------------------------------------------------------------------------------------

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!next()) {
            return -1;
        }
        int readable = current.readable();
        if (len >= readable) {
            current.toArray(b, off);
            current.close();
            current = null;
            return readable;
        }
        try (ReadBuffer piece = current.split(len)) {
            piece.toArray(b, off);
        }
        return len;
    }

    /** Makes {@link #current} a piece with bytes in it; false at the end of the body. */
    private boolean next() throws IOException {
        while (current == null) {
            ReadBuffer piece = take();
            if (piece == null) {
                return false;
            }
            if (piece.readable() == 0) {
                piece.close();
                continue;
            }
            received += piece.readable();
            try {
                charge.received(received);
            } catch (BodyMemory.Exhausted exhausted) {
                piece.close();
                close();
                throw exhausted;
            }
            current = piece;
        }
        return true;
    }

    /** The next piece, waiting for it until the pace's cutoff; null at the end. */
    private ReadBuffer take() throws IOException {
        Subscription ask = null;
        lock.lock();
        try {
            if (handed == null && !done && !requested) {
                requested = true;
                if (subscription == null) {
                    demandPending = true;
                } else {
                    ask = subscription;
                }
            }
        } finally {
            lock.unlock();
        }
        if (ask != null) {
            ask.request(1); // outside the lock: the publisher may hand the piece over at once, on this thread
        }
        lock.lock();
        try {
            while (handed == null && !done) {
                long left = pace.cutoff(start, received) - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    arrived.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while the request body was read");
                }
            }
            if (handed != null) {
                ReadBuffer piece = handed;
                handed = null;
                requested = false;
                return piece;
            }
            if (done) {
                if (failure != null) {
                    throw new IOException("the request body could not be read", failure);
                }
                return null;
            }
        } finally {
            lock.unlock();
        }
        long elapsed = System.nanoTime() - start;
        close();
        throw new TooSlow(pace.tooSlowText(elapsed, received));
    }

    /** Gives up the rest of the body: what is held is released, the upstream cancelled. */
    @Override
    public void close() {
        Subscription cancel;
        ReadBuffer drop;
        lock.lock();
        try {
            if (cancelled) {
                return;
            }
            cancelled = true;
            cancel = done ? null : subscription;
            drop = handed;
            handed = null;
        } finally {
            lock.unlock();
        }
        if (drop != null) {
            drop.close();
        }
        if (current != null) {
            current.close();
            current = null;
        }
        if (cancel != null) {
            cancel.cancel();
        }
    }
}
