package com.vidugateway.domain.task;

import com.vidugateway.domain.request.VideoRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A request the gateway accepted, and its life since: every status it entered and when, what the provider
 * said, and the gateway's copy of the video. Every change gives a new value with {@link #revision()} one
 * higher, so a store can refuse a write that was not made from the latest value (compare-and-set).
 *
 * @param id             the gateway's id
 * @param owner          who submitted it (a client key's name, or the local CLI user); nobody else sees it
 * @param request        the checked request, defaults filled in
 * @param history        every status entered, oldest first; the last is the current one
 * @param providerTaskId the provider's id, once it took the task
 * @param resultUrls     the provider's (short-lived) video URLs, once it succeeded
 * @param errorMessage   why it failed, for a Failure
 * @param video          the gateway's own copy, once downloaded
 * @param videoProblem   why the copy could not be made yet (last download error); null when none
 * @param revision       how many changes the task has seen
 * @param imagesRemovedAt when the task's inline images were removed (retention); null while they are kept
 * @param providerOutcome how the provider ended a task the client cancelled after it was sent (Success or Failure, what
 *                        it charges for); null until the gateway has learnt it, and for every other task
 */
public record VideoTask(
        TaskId id,
        String owner,
        VideoRequest request,
        List<StatusChange> history,
        String providerTaskId,
        List<String> resultUrls,
        String errorMessage,
        StoredVideo video,
        String videoProblem,
        int revision,
        Instant imagesRemovedAt,
        TaskStatus providerOutcome) {

    public VideoTask {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(request, "request");
        history = List.copyOf(history);
        resultUrls = resultUrls == null ? List.of() : List.copyOf(resultUrls);
        if (history.isEmpty() || history.get(0).status() != TaskStatus.ACCEPTED) {
            throw new IllegalArgumentException("a task's history starts with " + TaskStatus.ACCEPTED);
        }
        for (int i = 1; i < history.size(); i++) {
            StatusChange from = history.get(i - 1);
            StatusChange to = history.get(i);
            boolean reconciled = i >= 2
                    && TaskStatus.isReconciliation(history.get(i - 2).status(), from.status(), to.status());
            if (!from.status().canMoveTo(to.status()) && !reconciled) {
                throw new IllegalTransitionException(id, from.status(), to.status());
            }
            if (to.at().isBefore(from.at())) {
                throw new IllegalArgumentException("task " + id + " entered " + to.status() + " before " + from.status());
            }
        }
        if (revision < 0) {
            throw new IllegalArgumentException("a revision is 0 or more");
        }
    }

    /** A task that was not cancelled after it was sent (no provider outcome of its own). */
    public VideoTask(TaskId id, String owner, VideoRequest request, List<StatusChange> history, String providerTaskId,
                     List<String> resultUrls, String errorMessage, StoredVideo video, String videoProblem, int revision,
                     Instant imagesRemovedAt) {
        this(id, owner, request, history, providerTaskId, resultUrls, errorMessage, video, videoProblem, revision,
                imagesRemovedAt, null);
    }

    /** This task changed: the same id, owner, request and provider outcome. */
    private VideoTask next(List<StatusChange> history, String providerTaskId, List<String> resultUrls, String errorMessage,
                           StoredVideo video, String videoProblem, int revision, Instant imagesRemovedAt) {
        return new VideoTask(id, owner, request, history, providerTaskId, resultUrls, errorMessage, video, videoProblem,
                revision, imagesRemovedAt, providerOutcome);
    }

    /** A task whose images are kept. */
    public VideoTask(TaskId id, String owner, VideoRequest request, List<StatusChange> history, String providerTaskId,
                     List<String> resultUrls, String errorMessage, StoredVideo video, String videoProblem, int revision) {
        this(id, owner, request, history, providerTaskId, resultUrls, errorMessage, video, videoProblem, revision, null);
    }

    /** A task with only its history: nothing from the provider yet. */
    public VideoTask(TaskId id, String owner, VideoRequest request, List<StatusChange> history) {
        this(id, owner, request, history, null, List.of(), null, null, null, 0);
    }

    /** A new task, accepted at {@code at}. */
    public static VideoTask accept(TaskId id, String owner, VideoRequest request, Instant at) {
        return new VideoTask(id, owner, request, List.of(new StatusChange(TaskStatus.ACCEPTED, at)));
    }

    public TaskStatus status() {
        return history.get(history.size() - 1).status();
    }

    public Instant acceptedAt() {
        return history.get(0).at();
    }

    /** When the task entered its current status. */
    public Instant lastChangedAt() {
        return history.get(history.size() - 1).at();
    }

    /** When the task first entered {@code status}, if it did. */
    public java.util.Optional<Instant> enteredAt(TaskStatus status) {
        return history.stream().filter(c -> c.status() == status).map(StatusChange::at).findFirst();
    }

    public boolean isTerminal() {
        return status().isTerminal();
    }

    /** What the task shows in a list, and at the head of its details ({@link TaskSummary}). */
    public TaskSummary summary() {
        return TaskSummary.of(this);
    }

    /**
     * What a webhook receiver is to be told of this task now: its status as a provider client sees it. Empty when the
     * request has no {@code callback_url}, and while a Success still waits for its video copy: it is announced once
     * the copy is kept (or given up on), so that the video URL in the body works when the receiver follows it.
     */
    public java.util.Optional<TaskStatus> announcement() {
        if (request.callbackUrl() == null) {
            return java.util.Optional.empty();
        }
        TaskStatus shown = status().providerView();
        if (shown == TaskStatus.SUCCESS && video == null && videoProblem == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(shown);
    }

    /**
     * The task in {@code target} from {@code at} on. Staying in the current status is no change (a poller
     * may see the same status twice); any move the lifecycle forbids throws {@link IllegalTransitionException}.
     */
    public VideoTask moveTo(TaskStatus target, Instant at) {
        if (target == status()) {
            return this;
        }
        if (!status().canMoveTo(target)) {
            throw new IllegalTransitionException(id, status(), target);
        }
        Instant when = at.isBefore(lastChangedAt()) ? lastChangedAt() : at;
        List<StatusChange> longer = new ArrayList<>(history);
        longer.add(new StatusChange(target, when));
        return next(longer, providerTaskId, resultUrls, errorMessage, video,
                videoProblem, revision + 1, imagesRemovedAt);
    }

    /** The provider took the task under {@code providerTaskId}: it is Pending there. */
    public VideoTask submitted(String providerTaskId, Instant at) {
        Objects.requireNonNull(providerTaskId, "providerTaskId");
        if (status() != TaskStatus.SUBMITTING) {
            throw new IllegalTransitionException(id, status(), TaskStatus.PENDING);
        }
        VideoTask pending = moveTo(TaskStatus.PENDING, at);
        return next(pending.history, providerTaskId, resultUrls, errorMessage, video,
                videoProblem, pending.revision, imagesRemovedAt);
    }

    /**
     * A Failure settled because the submit's outcome was unknown, with no provider task id yet: the one ended task that
     * may still move ({@link #reconciled}) if the provider's answer to the submit arrives late. Nothing that shows
     * tasks may take it for final.
     */
    public boolean awaitsLateSubmitAnswer() {
        return awaitsLateSubmitAnswer(history, providerTaskId);
    }

    /** {@link #awaitsLateSubmitAnswer()} of a task with this history and provider id (a store reading two columns). */
    public static boolean awaitsLateSubmitAnswer(List<StatusChange> history, String providerTaskId) {
        int last = history.size() - 1;
        return providerTaskId == null && last >= 1 && history.get(last).status() == TaskStatus.FAILURE
                && history.get(last - 1).status() == TaskStatus.OUTCOME_UNKNOWN;
    }

    /**
     * The provider's answer to the submit came after all: it took the task under {@code providerTaskId}. The task is
     * Pending there from now on — also when the gateway had meanwhile settled it as a Failure because the outcome was
     * unknown ({@link TaskStatus#isReconciliation}); that failure's message goes, the history keeps it. A task that
     * ended otherwise, or already has a provider id, cannot take one.
     */
    public VideoTask reconciled(String providerTaskId, Instant at) {
        Objects.requireNonNull(providerTaskId, "providerTaskId");
        if (status() == TaskStatus.SUBMITTING || status() == TaskStatus.OUTCOME_UNKNOWN) {
            VideoTask pending = moveTo(TaskStatus.PENDING, at);
            return next(pending.history, providerTaskId, resultUrls, errorMessage, video,
                    videoProblem, pending.revision, imagesRemovedAt);
        }
        if (!awaitsLateSubmitAnswer()) {
            throw new IllegalTransitionException(id, status(), TaskStatus.PENDING);
        }
        Instant when = at.isBefore(lastChangedAt()) ? lastChangedAt() : at;
        List<StatusChange> longer = new ArrayList<>(history);
        longer.add(new StatusChange(TaskStatus.PENDING, when));
        return next(longer, providerTaskId, resultUrls, null, video, videoProblem,
                revision + 1, imagesRemovedAt);
    }

    /**
     * What the provider reports: its status, result URLs and error. A report that would move the task
     * backwards (an older answer arriving late) is ignored; a terminal task never changes.
     */
    public VideoTask observed(TaskStatus reported, List<String> urls, String error, Instant at) {
        if (isTerminal() || (reported != status() && !status().canMoveTo(reported))) {
            return this;
        }
        VideoTask moved = moveTo(reported, at);
        List<String> newUrls = reported == TaskStatus.SUCCESS && urls != null ? urls : moved.resultUrls;
        String newError = reported == TaskStatus.FAILURE ? (error == null || error.isBlank()
                ? "the provider reported a failure without a reason" : error) : moved.errorMessage;
        if (moved == this && newUrls.equals(resultUrls) && Objects.equals(newError, errorMessage)) {
            return this;
        }
        return next(moved.history, providerTaskId, newUrls, newError, video,
                videoProblem, revision + 1, imagesRemovedAt);
    }

    /** Fresh result URLs for a succeeded task (the provider's expire; a new status read renews them). */
    public VideoTask withResultUrls(List<String> urls) {
        if (urls == null || urls.isEmpty() || urls.equals(resultUrls)) {
            return this;
        }
        return next(history, providerTaskId, urls, errorMessage, video, videoProblem,
                revision + 1, imagesRemovedAt);
    }

    /** The task ends in Failure, for the reason given. A task that already ended cannot fail (again). */
    public VideoTask failed(String message, Instant at) {
        Objects.requireNonNull(message, "message");
        if (isTerminal()) {
            throw new IllegalTransitionException(id, status(), TaskStatus.FAILURE);
        }
        VideoTask moved = moveTo(TaskStatus.FAILURE, at);
        return next(moved.history, providerTaskId, resultUrls, message, video,
                videoProblem, moved.revision, imagesRemovedAt);
    }

    /**
     * The task ends in Failure without the provider ever having taken it (it refused the request, or it was never
     * sent): nothing will read its images again, so they are let go in the same change (they stop counting against
     * the client's storage at once; the blob clean-up removes them).
     */
    public VideoTask failedUnsent(String message, Instant at) {
        VideoTask failed = failed(message, at);
        return next(failed.history, providerTaskId, resultUrls, message, video, videoProblem,
                failed.revision, imagesRemovedAt != null ? imagesRemovedAt : failed.lastChangedAt());
    }

    /** Whether the client may cancel it now: not ended, and not on its way to the provider this moment. */
    public boolean isCancellable() {
        return status().canMoveTo(TaskStatus.CANCELLED);
    }

    /**
     * The client cancelled it. Before it was sent: it ends with nothing sent, and its images go. After the provider
     * took it: it ends for the client at once, and the gateway keeps asking the provider how it ends there
     * ({@link #awaitsProviderOutcome}), since the provider has no cancel and may still charge it.
     */
    public VideoTask cancelled(Instant at) {
        VideoTask moved = moveTo(TaskStatus.CANCELLED, at);
        boolean sent = providerTaskId != null;
        String message = sent ? FailureCode.CANCELLED_PREFIX + " by the client after the provider took it; the provider"
                + " may still finish and charge it" : FailureCode.CANCELLED_PREFIX + " by the client before it was sent;"
                + " nothing was charged";
        return next(moved.history, providerTaskId, resultUrls, message, video, videoProblem, moved.revision,
                sent || imagesRemovedAt != null ? imagesRemovedAt : moved.lastChangedAt());
    }

    /** Whether the gateway still asks the provider how this cancelled task ended there. */
    public boolean awaitsProviderOutcome() {
        return status() == TaskStatus.CANCELLED && providerTaskId != null && providerOutcome == null;
    }

    /** How the provider ended this cancelled task (Success or Failure): what it charges for. */
    public VideoTask withProviderOutcome(TaskStatus outcome) {
        if (!awaitsProviderOutcome() || !outcome.isTerminal() || outcome == TaskStatus.CANCELLED) {
            return this;
        }
        return new VideoTask(id, owner, request, history, providerTaskId, resultUrls, errorMessage, video, videoProblem,
                revision + 1, imagesRemovedAt, outcome);
    }

    /** The gateway holds its own copy of the video now. */
    public VideoTask withVideo(StoredVideo stored) {
        Objects.requireNonNull(stored, "stored");
        if (status() != TaskStatus.SUCCESS) {
            throw new IllegalStateException("task " + id + " is " + status() + ": only a Success has a video");
        }
        return next(history, providerTaskId, resultUrls, errorMessage, stored, null,
                revision + 1, imagesRemovedAt);
    }

    /** The copy could not be made (yet): why, for whoever looks at the task. */
    public VideoTask withVideoProblem(String problem) {
        return next(history, providerTaskId, resultUrls, errorMessage, video, problem,
                revision + 1, imagesRemovedAt);
    }

    /** When the task ended (entered its terminal status); empty while it runs. */
    public java.util.Optional<Instant> endedAt() {
        return isTerminal() ? java.util.Optional.of(lastChangedAt()) : java.util.Optional.empty();
    }

    /**
     * Retention removed the task's inline images; it keeps everything else. Only an ended task lets them go: a
     * running one may still need them to be sent.
     */
    public VideoTask withImagesRemoved(Instant at) {
        Objects.requireNonNull(at, "at");
        if (!isTerminal()) {
            throw new IllegalStateException("task " + id + " is " + status() + ": its images are still needed");
        }
        if (imagesRemovedAt != null) {
            return this;
        }
        return next(history, providerTaskId, resultUrls, errorMessage, video, videoProblem,
                revision + 1, at);
    }

    /** Retention removed the gateway's copy of the video; the task says when. */
    public VideoTask withVideoRemoved(Instant at) {
        if (video == null || video.removedAt() != null) {
            return this;
        }
        return next(history, providerTaskId, resultUrls, errorMessage, video.removed(at),
                videoProblem, revision + 1, imagesRemovedAt);
    }
}
