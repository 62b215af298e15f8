package com.vidugateway.application.testing;

import com.vidugateway.application.port.out.ProviderFailure;
import com.vidugateway.application.port.out.ProviderTask;
import com.vidugateway.application.port.out.VideoGenerator;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.task.TaskStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A provider for tests of the core. By default a task takes {@code generationTime} and then succeeds with a
 * URL; tests queue failures (or other answers) for the next submits and status reads, and read back every call.
 */
public final class ScriptedGenerator implements VideoGenerator {

    private final Clock clock;
    private final Duration generationTime;
    private final Deque<ProviderFailure> submitFailures = new ArrayDeque<>();
    private final Deque<Object> statusAnswers = new ArrayDeque<>();
    private final Map<String, Instant> submittedAt = new HashMap<>();
    private final List<VideoRequest> submits = new ArrayList<>();
    private final List<String> statusReads = new ArrayList<>();
    private Runnable beforeSubmit = () -> { };
    private int counter;

    public ScriptedGenerator(Clock clock, Duration generationTime) {
        this.clock = clock;
        this.generationTime = generationTime;
    }

    /** The next submits fail like this, in order. */
    public synchronized ScriptedGenerator failSubmits(ProviderFailure... failures) {
        submitFailures.addAll(List.of(failures));
        return this;
    }

    /** Forgets the submit failures not used yet: the provider takes every submit again. */
    public synchronized ScriptedGenerator recover() {
        submitFailures.clear();
        return this;
    }

    /** The next status reads answer these (a {@link ProviderFailure} or a {@link TaskStatus}), in order. */
    public synchronized ScriptedGenerator answerStatus(Object... answers) {
        statusAnswers.addAll(List.of(answers));
        return this;
    }

    /** Runs at the start of every submit, e.g. to look at the store at that moment. */
    public synchronized void beforeSubmit(Runnable action) {
        beforeSubmit = action;
    }

    public synchronized List<VideoRequest> submits() {
        return List.copyOf(submits);
    }

    public synchronized List<String> statusReads() {
        return List.copyOf(statusReads);
    }

    @Override
    public synchronized Submission submit(VideoRequest request) throws ProviderFailure {
        beforeSubmit.run();
        submits.add(request);
        ProviderFailure failure = submitFailures.poll();
        if (failure != null) {
            throw failure;
        }
        String id = "prov-" + (++counter);
        submittedAt.put(id, clock.instant());
        return new Submission(id, "req-" + counter);
    }

    @Override
    public synchronized ProviderTask status(String providerTaskId) throws ProviderFailure {
        statusReads.add(providerTaskId);
        Instant since = submittedAt.get(providerTaskId);
        if (since == null) {
            throw new ProviderFailure.Rejected(ProviderFailure.Reason.NOT_FOUND, 404, "not_found", "no such task");
        }
        Object answer = statusAnswers.poll();
        if (answer instanceof ProviderFailure failure) {
            throw failure;
        }
        TaskStatus status = answer instanceof TaskStatus scripted ? scripted
                : clock.instant().isBefore(since.plus(generationTime)) ? TaskStatus.RUNNING : TaskStatus.SUCCESS;
        return new ProviderTask(providerTaskId, status,
                status == TaskStatus.SUCCESS ? List.of("https://provider.example/" + providerTaskId + ".mp4") : List.of(),
                since, status.isTerminal() ? clock.instant() : null,
                status == TaskStatus.FAILURE ? "generation failed" : null, 5, "r");
    }

    @Override
    public String name() {
        return "scripted";
    }
}
