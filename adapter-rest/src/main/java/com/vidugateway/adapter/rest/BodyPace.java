package com.vidugateway.adapter.rest;

import com.vidugateway.domain.text.Sentence;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * How fast a request body must arrive, so that a client that trickles its upload cannot hold a thread, a staged
 * upload and a share of the body memory ({@link BodyMemory}) for as long as it likes:
 *
 * <ul>
 *   <li>{@code VIDU_BODY_DEADLINE} (default {@link RequestBodySettings#DEFAULT_DEADLINE}): the whole body within this
 *       time. Ten minutes take the largest body the default limit allows (7 inline images of 50 MiB, ~467 MiB as
 *       base64) at ~0.8 MB/s (6.4 Mbit/s) and a usual submit (a few MiB) over any link that can upload at all; raise it
 *       for slow links, or with a larger {@code VIDU_MAX_REQUEST_SIZE}.</li>
 *   <li>{@code VIDU_BODY_MIN_RATE} (default {@link RequestBodySettings#DEFAULT_MIN_BYTES_PER_SECOND} bytes a second):
 *       after the grace time ({@link RequestBodySettings#DEFAULT_GRACE}), the body must have come at least at this
 *       average rate since the request began. 16 KiB/s is a 128 kbit/s link — a poor mobile uplink still does better —
 *       while a client that sends a byte now and then is cut after the grace time. The grace covers a slow start (TCP
 *       slow start, a proxy that buffers); a whole small body arrives within it whatever the rate.</li>
 * </ul>
 *
 * <p>The settings are read by bootstrap ({@code vidu.request-body}) and given typed ({@link RequestBodySettings}).
 * <p>A body cut by either rule is answered 408 and every staged image of it is removed ({@link SubmitBodies}).
 */
@Singleton
final class BodyPace {

    private final long deadlineNanos;
    private final long minBytesPerSecond;
    private final long graceNanos;

    @Inject
    BodyPace(RequestBodySettings settings) {
        this(settings.deadline(), settings.minBytesPerSecond(), settings.grace());
    }

    BodyPace(Duration deadline, long minBytesPerSecond, Duration grace) {
        if (deadline.isNegative() || deadline.isZero() || grace.isNegative() || minBytesPerSecond < 1) {
            throw new IllegalArgumentException("a body deadline and grace time must be positive, a rate at least 1 B/s");
        }
        this.deadlineNanos = deadline.toNanos();
        this.minBytesPerSecond = minBytesPerSecond;
        this.graceNanos = Math.min(grace.toNanos(), deadline.toNanos());
    }

    static BodyPace defaults() {
        return new BodyPace(RequestBodySettings.defaults());
    }

    Duration deadline() {
        return Duration.ofNanos(deadlineNanos);
    }

    long minBytesPerSecond() {
        return minBytesPerSecond;
    }

    Duration grace() {
        return Duration.ofNanos(graceNanos);
    }

    /**
     * The latest moment (in {@link System#nanoTime()} terms) by which more of the body must have come, when
     * {@code received} bytes came since {@code startNanos}: when its average rate would fall below the minimum, never
     * before the grace time ends and never after the deadline.
     */
    long cutoff(long startNanos, long received) {
        long byRate = received >= Long.MAX_VALUE / TimeUnit.SECONDS.toNanos(1) / 2 ? Long.MAX_VALUE / 2
                : TimeUnit.SECONDS.toNanos(1) * received / minBytesPerSecond;
        return startNanos + Math.min(deadlineNanos, Math.max(graceNanos, byRate));
    }

    /** Why a body was cut, for the client: which rule, and what came. */
    String tooSlow(long elapsedNanos, long received) {
        return tooSlowText(elapsedNanos, received).english();
    }

    /** {@link #tooSlow} as a text to say in the client's language. */
    Sentence tooSlowText(long elapsedNanos, long received) {
        if (elapsedNanos >= deadlineNanos) {
            return Sentence.of("api.body.deadline", "deadline", human(deadlineNanos), "received", Sizes.human(received));
        }
        return Sentence.of("api.body.too_slow", "received", Sizes.human(received), "elapsed", human(elapsedNanos),
                "rate", Sizes.human(minBytesPerSecond), "grace", human(graceNanos));
    }

    private static String human(long nanos) {
        long millis = TimeUnit.NANOSECONDS.toMillis(nanos);
        if (millis < 10_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = millis / 1000;
        return seconds < 120 ? seconds + " s" : seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
    }
}
