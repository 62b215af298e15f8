package com.vidugateway.adapter.rest;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Keeps the request bodies being handled at once within what the heap can hold, so that several large submits
 * arriving together wait their turn instead of running the server out of memory (where the database could fail
 * mid-write). A body of n bytes holds about {@value #HEAP_PER_BODY_BYTE} × n of heap while it is parsed, checked,
 * stored and sent (measured: 1.3 × for 7 images of 50 MiB); the budget is what the heap has beyond
 * {@link #RESERVE}, and never less than one body at the limit.
 *
 * <p>A body takes its declared {@code Content-Length} from the budget (a chunked one, the limit) before a byte of
 * it is read; bodies under {@link #FREE_BELOW} take nothing. When the budget stays short for {@link #WAIT}, the
 * answer is 503 with {@code Retry-After}. The waiting is fair: a large body is not overtaken forever by small ones.
 */
@Singleton
final class BodyAdmission {

    static final double HEAP_PER_BODY_BYTE = 1.5;
    static final long RESERVE = 256L * 1024 * 1024;
    static final long FREE_BELOW = 1024L * 1024;
    static final Duration WAIT = Duration.ofSeconds(30);
    static final int RETRY_AFTER_SECONDS = 10;

    private final long maxRequestSize;
    private final long maxHeap;
    private final long budget;
    private final Duration wait;
    /** One permit per KiB of the budget, so that budgets beyond 2 GiB fit in an int. */
    private final Semaphore kibibytes;

    @Inject
    BodyAdmission(RestSettings settings) {
        this(settings.maxRequestSize(), Runtime.getRuntime().maxMemory(), WAIT);
    }

    BodyAdmission(long maxRequestSize, long maxHeap, Duration wait) {
        this.maxRequestSize = maxRequestSize;
        this.maxHeap = maxHeap;
        this.budget = budget(maxRequestSize, maxHeap);
        this.wait = wait;
        this.kibibytes = new Semaphore(kibibytes(budget), true);
    }

    /** The body bytes handled at once: the heap beyond the reserve, at least one body at the limit. */
    static long budget(long maxRequestSize, long maxHeap) {
        return Math.max(maxRequestSize, (long) ((maxHeap - RESERVE) / HEAP_PER_BODY_BYTE));
    }

    /** The heap that one body at the limit needs, for the start-up advice. */
    static long heapFor(long maxRequestSize) {
        return RESERVE + (long) (maxRequestSize * HEAP_PER_BODY_BYTE);
    }

    /**
     * Runs {@code work} once the request's body fits in the budget, releasing its share afterwards; 503 when it
     * does not fit within the wait.
     */
    HttpResponse<?> admitted(HttpRequest<?> request, Supplier<HttpResponse<?>> work) {
        long declared = request.getHeaders().contentLength().orElse(-1);
        if (declared >= 0 && declared < FREE_BELOW) {
            return work.get();
        }
        // Unknown length (chunked): it may grow to the limit. Over the limit: SubmitBodies answers 413 unread.
        int share = kibibytes(declared < 0 ? maxRequestSize : Math.min(declared, maxRequestSize));
        boolean acquired;
        try {
            acquired = kibibytes.tryAcquire(share, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            return ApiError.unavailable("the gateway is busy with other large requests (up to "
                    + Sizes.human(budget) + " of request bodies are handled at once); nothing was stored or sent,"
                    + " send it again in " + RETRY_AFTER_SECONDS + " s")
                    .response(GatewayFilter.requestId(request))
                    .header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        }
        try {
            return work.get();
        } finally {
            kibibytes.release(share);
        }
    }

    long budget() {
        return budget;
    }

    /** For the start-up notice: the heap, the budget, and advice when one body at the limit does not fit. */
    String notice() {
        String notice = " Memory: a heap of " + Sizes.human(maxHeap) + "; request bodies totalling up to "
                + Sizes.human(budget) + " are handled at once, more wait.";
        // Some collectors report a little less than -Xmx (a survivor space); advise only when clearly short.
        if (maxHeap < heapFor(maxRequestSize) * 0.95) {
            notice += " One body at the limit needs about " + Sizes.human(heapFor(maxRequestSize)) + " of heap:"
                    + " give the server more (VIDU_JAVA_OPTS=-Xmx…) or lower VIDU_MAX_REQUEST_SIZE.";
        }
        return notice;
    }

    private static int kibibytes(long bytes) {
        return (int) Math.min(Integer.MAX_VALUE, (bytes + 1023) / 1024);
    }
}
