package com.vidugateway.adapter.fake;

import com.vidugateway.adapter.fake.Script.Outcome;
import com.vidugateway.domain.request.VideoRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * Decides, at submit, how a task will go: the provider's typical generation time for the request, divided
 * by the speed factor, varied a little, split into a Pending and a Running stage.
 *
 * <ul>
 *   <li>Jitter: the whole time varies by up to ±{@value #JITTER} (a fraction), so tasks do not all finish
 *       on the same tick and pollers meet a provider that is not a metronome. It is drawn once, at submit,
 *       and stored in the id: every read and every restart sees the same schedule.</li>
 *   <li>Split: {@value #MIN_PENDING_SHARE}–{@value #MAX_PENDING_SHARE} of the time Pending (queued), the
 *       rest Running.</li>
 *   <li>A scripted failure ends {@value #FAILURE_POINT} of the way through Running: a provider gives up
 *       before it would have finished (its own Failure example ends 19 s after submit, its Success example
 *       50 s).</li>
 * </ul>
 */
final class TaskPlanner {

    static final double JITTER = 0.05;
    static final double MIN_PENDING_SHARE = 0.15;
    static final double MAX_PENDING_SHARE = 0.20;
    static final double FAILURE_POINT = 0.6;

    private final TypicalGenerationTimes typicalTimes;
    private final double speed;
    private final RandomGenerator random;

    TaskPlanner(TypicalGenerationTimes typicalTimes, double speed, RandomGenerator random) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("the speed factor must be a positive number, got " + speed);
        }
        this.typicalTimes = typicalTimes;
        this.speed = speed;
        this.random = random;
    }

    FakeTask plan(VideoRequest request, Script script, Instant submitted) {
        long total = clampedMillis(typicalTimes.of(request).toMillis() / speed
                * (1 + random.nextDouble(-JITTER, JITTER))
                * (script.slow() ? Script.SLOWDOWN : 1));
        long pending = Math.round(total * random.nextDouble(MIN_PENDING_SHARE, MAX_PENDING_SHARE));
        // Running is the rest, so that a task that succeeds ends exactly the whole time after its submit.
        long running = script.outcome() == Outcome.FAILURE
                ? Math.round((total - pending) * FAILURE_POINT)
                : total - pending;
        return new FakeTask(submitted, Duration.ofMillis(pending), Duration.ofMillis(running), script.outcome(),
                new ClipSpec(request.duration(), request.aspectRatio()), request.resolution(), random.nextInt());
    }

    /** A very low speed factor could ask for more than an id can hold (49 days); such a task takes that long. */
    private static long clampedMillis(double millis) {
        return Math.min(Math.round(millis), TaskIdCodec.MAX_STAGE_MILLIS);
    }
}
