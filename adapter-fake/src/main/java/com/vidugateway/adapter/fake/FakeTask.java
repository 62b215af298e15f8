package com.vidugateway.adapter.fake;

import com.vidugateway.adapter.fake.Script.Outcome;
import com.vidugateway.domain.catalogue.Resolution;
import com.vidugateway.domain.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole life of one simulated task, fixed when it is submitted: when it was taken, how long it stays
 * Pending and then Running, how it ends, and what video it makes. The task id encodes all of it
 * ({@link TaskIdCodec}), so the fake keeps no state: its status at any moment is a function of the id and
 * the clock, the same in every process and after any restart.
 *
 * <p>Times have millisecond precision, the precision of the id.
 *
 * @param submitted when the provider took the task
 * @param pending   how long it stays Pending
 * @param running   how long it then stays Running before it ends (forever if the outcome is STUCK)
 * @param outcome   how it ends
 * @param clip      the video it makes
 * @param resolution the requested resolution (the fake's picture is smaller; kept for the record)
 * @param nonce     random, so that two identical submits in the same millisecond are two tasks
 */
record FakeTask(
        Instant submitted,
        Duration pending,
        Duration running,
        Outcome outcome,
        ClipSpec clip,
        Resolution resolution,
        int nonce) {

    FakeTask {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(clip, "clip");
        Objects.requireNonNull(resolution, "resolution");
        submitted = submitted.truncatedTo(ChronoUnit.MILLIS);
        pending = Duration.ofMillis(pending.toMillis());
        running = Duration.ofMillis(running.toMillis());
        if (pending.isNegative() || running.isNegative()) {
            throw new IllegalArgumentException("a stage cannot last a negative time: " + pending + ", " + running);
        }
    }

    Instant runningFrom() {
        return submitted.plus(pending);
    }

    /** When the task ends; empty if it never does. */
    Optional<Instant> finishTime() {
        return outcome == Outcome.STUCK ? Optional.empty() : Optional.of(runningFrom().plus(running));
    }

    /** The provider's state at {@code now}; before the submit time (a clock set back) it reads Pending. */
    TaskStatus statusAt(Instant now) {
        if (now.isBefore(runningFrom())) {
            return TaskStatus.PENDING;
        }
        Optional<Instant> finish = finishTime();
        if (finish.isEmpty() || now.isBefore(finish.get())) {
            return TaskStatus.RUNNING;
        }
        return outcome == Outcome.SUCCESS ? TaskStatus.SUCCESS : TaskStatus.FAILURE;
    }
}
