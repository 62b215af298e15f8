package com.vidugateway.adapter.rest;

import java.time.Duration;
import java.util.Objects;

/**
 * How fast request bodies must arrive and how much heap those being read may hold ({@link BodyPace},
 * {@link BodyMemory}): read and checked by whoever wires the adapter (bootstrap's {@code vidu.request-body} settings),
 * given here typed.
 *
 * @param deadline          {@code VIDU_BODY_DEADLINE}: the whole body within this time
 * @param minBytesPerSecond {@code VIDU_BODY_MIN_RATE}: after the grace time, at least this average rate
 * @param grace             {@code vidu.request-body.grace}: how long a body may start slowly
 * @param memory            {@code vidu.request-body.memory}: the heap all bodies being read may hold, in bytes; 0 = a
 *                          quarter of the heap, at least room for four bodies at their most
 */
public record RequestBodySettings(Duration deadline, long minBytesPerSecond, Duration grace, long memory) {

    /** Ten minutes: the largest body the default limit allows at ~0.8 MB/s, a usual submit over any link at all. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(10);
    public static final String DEFAULT_DEADLINE_TEXT = "10m";
    /** 16 KiB a second: a 128 kbit/s link; a poor mobile uplink still does better. */
    public static final long DEFAULT_MIN_BYTES_PER_SECOND = 16 * 1024;
    public static final String DEFAULT_MIN_RATE_TEXT = "16KiB";
    /** Ten seconds for a slow start (TCP slow start, a proxy that buffers). */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

    public RequestBodySettings {
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(grace, "grace");
    }

    /** Every default; the heap decides the memory. */
    public static RequestBodySettings defaults() {
        return new RequestBodySettings(DEFAULT_DEADLINE, DEFAULT_MIN_BYTES_PER_SECOND, DEFAULT_GRACE, 0);
    }
}
