package com.vidugateway.application.service;

import com.vidugateway.application.port.out.ProviderFailure;
import com.vidugateway.application.port.out.ProviderTask;
import com.vidugateway.application.port.out.VideoArchive;
import com.vidugateway.application.port.out.VideoGenerator;
import com.vidugateway.application.port.out.VideoTasks;
import com.vidugateway.domain.catalogue.PriceLatencyTable;
import com.vidugateway.domain.task.StoredVideo;
import com.vidugateway.domain.task.FailureCode;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Moves one task one step on: sends a queued one, asks the provider about a running one, copies a finished
 * one's video; then writes it (compare-and-set) and schedules its next look. Every use case and the
 * background sync go through here, so a task is handled the same way whoever looks at it.
 */
final class TaskWorker {

    /** What sending gave: the task afterwards, and the provider's refusal when it refused. */
    record Sent(VideoTask task, ProviderFailure.Rejected refusal) {}

    private final VideoTasks tasks;
    private final VideoGenerator generator;
    private final ProviderCalls provider;
    private final VideoArchive archive;
    private final Clock clock;
    private final SyncSettings settings;
    private final PriceLatencyTable latencies;
    private final PollSchedule schedule;
    private final InstanceRegistry instances;
    private final RetryTiming retryTiming;

    /** @param generator the provider, for its pace; every call to it goes through {@code provider} */
    TaskWorker(VideoTasks tasks, VideoGenerator generator, ProviderCalls provider, VideoArchive archive, Clock clock,
               SyncSettings settings, PriceLatencyTable latencies, InstanceRegistry instances) {
        this.tasks = tasks;
        this.generator = generator;
        this.provider = provider;
        this.archive = archive;
        this.clock = clock;
        this.settings = settings;
        this.latencies = latencies;
        // A faster provider (the fake at VIDU_FAKE_SPEED) is polled as much faster; never more than 10 times a second.
        this.schedule = new PollSchedule(Duration.ofMillis(Math.max(100,
                Math.round(settings.pollInterval().toMillis() / generator.pace()))));
        this.instances = instances;
        this.retryTiming = new RetryTiming(settings.retryBackoff(), settings.maxRetryBackoff());
    }

    /**
     * Looks at a task that is due, whatever its state, and returns it as it is afterwards.
     *
     * @param check the task's check as it was before this process claimed it (attempts, previous holder)
     */
    VideoTask check(VideoTask task, VideoTasks.Check check) throws InterruptedException {
        int attempts = check.attempts();
        return switch (task.status()) {
            case ACCEPTED -> send(task, attempts).task();
            case SUBMITTING -> abandonedSubmit(task, check.holder());
            case OUTCOME_UNKNOWN -> finish(task.failed(outcomeUnknownMessage("no answer was recorded"), now()), task);
            case PENDING, RUNNING -> poll(task, attempts);
            case SUCCESS -> task.video() == null ? keepVideo(task, attempts) : finish(task, task);
            case FAILURE -> finish(task, task);
            case CANCELLED -> task.awaitsProviderOutcome() ? followCancelled(task, attempts) : finish(task, task);
        };
    }

    /** Asks the provider about an unfinished task now (a client asked for fresh news). */
    VideoTask refresh(VideoTask task, int attempts) throws InterruptedException {
        return task.status() == TaskStatus.PENDING || task.status() == TaskStatus.RUNNING ? poll(task, attempts) : task;
    }

    /**
     * Sends an Accepted task to the provider, once: it is marked Submitting first (compare-and-set), so no
     * other process can send it too, and it is sent again only when the provider certainly never took it.
     */
    Sent send(VideoTask accepted, int attempts) throws InterruptedException {
        if (Duration.between(accepted.acceptedAt(), now()).compareTo(settings.maxQueueTime()) > 0) {
            VideoTask failed = accepted.failedUnsent(FailureCode.NEVER_SENT
                    + human(settings.maxQueueTime()) + ", so the request was never sent and nothing was charged", now());
            return new Sent(finish(failed, accepted), null);
        }
        VideoTask submitting = accepted.moveTo(TaskStatus.SUBMITTING, now());
        if (!tasks.replace(submitting)) {
            return new Sent(reload(accepted), null);
        }
        // While it is on its way, this instance renews the task's lease at every heartbeat: nobody settles a submit
        // whose sender is alive and still waiting for the provider's answer, however slow that answer is.
        instances.sendingStarted(submitting.id());
        try {
            VideoGenerator.Submission submission = provider.submit(accepted.request());
            return new Sent(taken(submitting, submission.providerTaskId()), null);
        } catch (ProviderFailure.Rejected refusal) {
            VideoTask failed = submitting.failedUnsent(FailureCode.REFUSED + refusal.getMessage(), now());
            return new Sent(finish(failed, submitting), refusal);
        } catch (ProviderFailure.RateLimited | ProviderFailure.Unavailable notTaken) {
            // Certainly not taken: back in the queue, to be sent when the provider can take it.
            VideoTask queued = submitting.moveTo(TaskStatus.ACCEPTED, now());
            Duration wait = notTaken instanceof ProviderFailure.RateLimited limited && limited.retryAfter() != null
                    ? limited.retryAfter() : retryDelay(attempts);
            if (tasks.replace(queued)) {
                tasks.schedule(queued.id(), now().plus(wait), attempts + 1);
            }
            return new Sent(queued, null);
        } catch (ProviderFailure unknown) {
            VideoTask marked = submitting.moveTo(TaskStatus.OUTCOME_UNKNOWN, now());
            if (!tasks.replace(marked)) {
                return new Sent(reload(marked), null);
            }
            return new Sent(finish(marked.failed(outcomeUnknownMessage(unknown.getMessage()), now()), marked), null);
        } finally {
            instances.sendingEnded(submitting.id());
        }
    }

    /**
     * The provider took the task: it is written Pending with the provider's id and polled from now on. Should the task
     * have been settled meanwhile as "outcome unknown" (its sender taken for dead during a long pause, say), the answer
     * still wins: the provider charged for it, so the task is reconciled — it keeps the id and is followed to its video.
     */
    private VideoTask taken(VideoTask submitting, String providerTaskId) {
        VideoTask current = submitting;
        for (int attempt = 0; attempt < 10; attempt++) {
            VideoTask pending = current.reconciled(providerTaskId, now());
            if (tasks.replace(pending)) {
                tasks.schedule(pending.id(), schedule.next(now(), typical(pending), now(), TaskStatus.PENDING), 0);
                return pending;
            }
            current = reload(current);
            if (current.providerTaskId() != null) {
                return current;
            }
        }
        throw new IllegalStateException("task " + submitting.id() + " kept changing while the provider's id "
                + providerTaskId + " was written");
    }

    /**
     * A Submitting task whose check came due: its sender renews the check at every heartbeat while the submit is on its
     * way, so it comes due only when the sender died (its leases were handed on) or stopped renewing without writing an
     * answer (it is not sending it any more). Its outcome is unknown then, and it stays unsent: never sent twice. A send
     * still in flight in this very process is never settled.
     */
    private VideoTask abandonedSubmit(VideoTask task, String holder) {
        if (instances.isSendingHere(task.id())) {
            tasks.schedule(task.id(), now().plus(settings.submitGrace()), 0);
            return task;
        }
        boolean senderDead = holder != null && !instances.isLive(holder);
        VideoTask unknown = task.moveTo(TaskStatus.OUTCOME_UNKNOWN, now());
        if (!tasks.replace(unknown)) {
            return reload(task);
        }
        String why = senderDead ? "the gateway stopped while sending it; it ran as instance " + holder
                : "the instance sending it" + (holder == null ? "" : " (" + holder + ")") + " gave no sign of it for "
                        + human(settings.submitGrace());
        return finish(unknown.failed(outcomeUnknownMessage(why), now()), unknown);
    }

    private VideoTask poll(VideoTask task, int attempts) throws InterruptedException {
        Instant takenAt = takenAt(task);
        Duration timeout = timeout(task);
        if (Duration.between(takenAt, now()).compareTo(timeout) > 0) {
            return finish(task.failed(FailureCode.TIMED_OUT_PREFIX + "still " + task.status() + " " + human(timeout)
                    + " after the provider took it (its typical time is " + human(typical(task))
                    + "), so the gateway stopped waiting", now()), task);
        }
        ProviderTask reported;
        try {
            reported = provider.status(task.providerTaskId());
        } catch (ProviderFailure.Rejected rejected) {
            if (rejected.reason() == ProviderFailure.Reason.NOT_FOUND) {
                return finish(task.failed(FailureCode.FORGOTTEN + rejected.getMessage(), now()), task);
            }
            // A refused read (a key or permission problem) says nothing about the task: wait and ask again.
            tasks.schedule(task.id(), now().plus(retryDelay(attempts)), attempts + 1);
            return task;
        } catch (ProviderFailure.RateLimited limited) {
            Duration wait = limited.retryAfter() != null ? limited.retryAfter() : retryDelay(attempts);
            tasks.schedule(task.id(), now().plus(wait), attempts + 1);
            return task;
        } catch (ProviderFailure problem) {
            tasks.schedule(task.id(), now().plus(retryDelay(attempts)), attempts + 1);
            return task;
        }
        VideoTask observed = task.observed(reported.status(), reported.urls(), reported.errorMessage(), now());
        if (observed != task && !tasks.replace(observed)) {
            return reload(task);
        }
        if (observed.status() == TaskStatus.SUCCESS) {
            return keepVideo(observed, 0);
        }
        if (observed.isTerminal()) {
            tasks.schedule(observed.id(), null, 0);
            return observed;
        }
        tasks.schedule(observed.id(), schedule.next(takenAt, typical(observed), now(), observed.status()), 0);
        return observed;
    }

    /**
     * A task the client cancelled after the provider took it: the provider has no cancel, so the gateway asks it, at
     * the usual pace, how the task ends there, to know what was charged. It gives up after the usual timeout; the
     * charge then stays counted as spent.
     */
    private VideoTask followCancelled(VideoTask task, int attempts) throws InterruptedException {
        Instant takenAt = takenAt(task);
        if (Duration.between(takenAt, now()).compareTo(timeout(task)) > 0) {
            tasks.schedule(task.id(), null, 0);
            return task;
        }
        ProviderTask reported;
        try {
            reported = provider.status(task.providerTaskId());
        } catch (ProviderFailure.Rejected rejected) {
            if (rejected.reason() == ProviderFailure.Reason.NOT_FOUND) {
                return finish(task.withProviderOutcome(TaskStatus.FAILURE), task);
            }
            tasks.schedule(task.id(), now().plus(retryDelay(attempts)), attempts + 1);
            return task;
        } catch (ProviderFailure problem) {
            tasks.schedule(task.id(), now().plus(retryDelay(attempts)), attempts + 1);
            return task;
        }
        if (reported.status().isTerminal()) {
            return finish(task.withProviderOutcome(reported.status()), task);
        }
        tasks.schedule(task.id(), schedule.next(takenAt, typical(task), now(), TaskStatus.RUNNING), 0);
        return task;
    }

    /**
     * Cancels a task for its client ({@link VideoTask#cancelled}); one the provider took is then followed quietly
     * ({@link #followCancelled}) from its next check on.
     */
    VideoTask cancel(VideoTask task) {
        VideoTask cancelled = task.cancelled(now());
        if (!tasks.replace(cancelled)) {
            return reload(task);
        }
        tasks.schedule(cancelled.id(), cancelled.awaitsProviderOutcome() ? now() : null, 0);
        return cancelled;
    }

    /** Copies a finished video into the archive; on failure, tries again later with fresh provider URLs. */
    private VideoTask keepVideo(VideoTask task, int attempts) throws InterruptedException {
        VideoTask current = task;
        if (attempts > 0) {
            current = freshUrls(task);
        }
        if (current.resultUrls().isEmpty()) {
            return videoProblem(current, attempts, "the provider reported Success without a video URL");
        }
        try {
            StoredVideo stored = archive.keep(current.id(), URI.create(current.resultUrls().get(0)));
            return finish(current.withVideo(stored), current);
        } catch (VideoArchive.ArchiveFailure | IllegalArgumentException failure) {
            return videoProblem(current, attempts, failure.getMessage());
        }
    }

    private VideoTask freshUrls(VideoTask task) throws InterruptedException {
        try {
            VideoTask renewed = task.withResultUrls(provider.status(task.providerTaskId()).urls());
            return renewed == task || tasks.replace(renewed) ? renewed : reload(task);
        } catch (ProviderFailure failure) {
            return task;
        }
    }

    private VideoTask videoProblem(VideoTask task, int attempts, String problem) {
        int attempt = attempts + 1;
        boolean givingUp = attempt >= settings.maxDownloadAttempts();
        VideoTask noted = task.withVideoProblem("the video could not be copied (attempt " + attempt + " of "
                + settings.maxDownloadAttempts() + (givingUp ? ", giving up" : "") + "): " + problem);
        if (!tasks.replace(noted)) {
            return reload(task);
        }
        tasks.schedule(noted.id(), givingUp ? null : now().plus(retryDelay(attempts)), attempt);
        return noted;
    }

    /**
     * Writes a task that needs no more polling ({@code before} is what it was read as) and schedules what is
     * left: copying the video of a Success, or nothing.
     */
    private VideoTask finish(VideoTask updated, VideoTask before) {
        if (updated != before && !tasks.replace(updated)) {
            return reload(before);
        }
        boolean videoToCopy = updated.status() == TaskStatus.SUCCESS && updated.video() == null;
        tasks.schedule(updated.id(), videoToCopy ? now() : null, 0);
        return updated;
    }

    private VideoTask reload(VideoTask task) {
        return tasks.find(task.id()).orElse(task);
    }

    /** Whether this instance is leaving ({@link com.vidugateway.application.port.in.TakePartInCluster#stopWorking}). */
    boolean isLeaving() {
        return instances.isLeaving();
    }

    Instant firstCheckOfNewTask() {
        // A new task is sent at once by its submit; this is only the safety net for a process that stops first. An
        // instance that is leaving sends nothing more: its new tasks are due at once, for the others to send.
        return instances.isLeaving() ? now() : now().plus(settings.submitGrace());
    }

    private Instant takenAt(VideoTask task) {
        return task.enteredAt(TaskStatus.PENDING).orElse(task.lastChangedAt());
    }

    /** The provider's typical generation time for the task's request, at this generator's pace. */
    Duration typical(VideoTask task) {
        Duration published = latencies.expectedGenerationTime(task.request().modelName(), task.request().duration(),
                task.request().resolution());
        return Duration.ofMillis(Math.max(1, Math.round(published.toMillis() / generator.pace())));
    }

    /** When the task should be done, going by the typical time; null before the provider took it. */
    Instant expectedFinish(VideoTask task) {
        return task.enteredAt(TaskStatus.PENDING).map(taken -> taken.plus(typical(task))).orElse(null);
    }

    private Duration timeout(VideoTask task) {
        Duration scaled = typical(task).multipliedBy(settings.timeoutMultiple());
        if (scaled.compareTo(settings.minTimeout()) < 0) {
            return settings.minTimeout();
        }
        return scaled.compareTo(settings.maxTimeout()) > 0 ? settings.maxTimeout() : scaled;
    }

    private Duration retryDelay(int attempts) {
        return retryTiming.after(attempts + 1);
    }

    private static String outcomeUnknownMessage(String why) {
        return FailureCode.UNCONFIRMED + " (" + why + "). It may have created, and charged, a task"
                + " the gateway cannot see; the request was not sent again so that it is never paid twice."
                + " Submit it again if you still need the video";
    }

    private Instant now() {
        return clock.instant();
    }

    private static String human(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 7200) {
            return (seconds / 60) + " min";
        }
        return (seconds / 3600) + " h";
    }
}
