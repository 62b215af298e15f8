package com.vidugateway.application.port.in;

import com.vidugateway.application.port.out.ProviderFailure;
import com.vidugateway.domain.request.VideoRequestDraft;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.VideoTask;
import com.vidugateway.domain.validation.Violation;
import com.vidugateway.domain.client.ClientQuota;
import java.util.List;
import java.util.Objects;

/**
 * Submit a request: check it, store it before anything is sent, send it once. A task the caller is told
 * was accepted is never lost and never paid twice.
 */
public interface SubmitVideoTask {

    Result submit(Command command);

    /**
     * @param owner          who submits (a client key's name, or the local CLI user)
     * @param draft          the request as it arrived
     * @param idempotencyKey the client's key for safe retries; null when none
     */
    record Command(String owner, VideoRequestDraft draft, String idempotencyKey) {
        public Command {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(draft, "draft");
        }
    }

    /** What became of the submit. */
    sealed interface Result {
    }

    /**
     * The task is stored. Its status says how far it got: Pending (the provider took it), Accepted (queued:
     * the provider could not be reached, it is sent as soon as it can be), or Failure (the provider's answer
     * never came; see the task's error message).
     *
     * @param replayed true when an earlier submit with the same idempotency key and request made it
     */
    record Accepted(VideoTask task, boolean replayed) implements Result {}

    /** The provider refused the request; the task is stored as a Failure with the provider's reason. */
    record Refused(VideoTask task, ProviderFailure.Rejected refusal) implements Result {}

    /** The request breaks the rules; nothing was stored or sent. */
    record Invalid(List<Violation> violations) implements Result {}

    /** A limit of the owner's (budget, concurrency, storage) refuses the task; nothing was stored or sent. */
    record OverLimit(ClientQuota.Refusal refusal) implements Result {}

    /** The idempotency key was used before with a different request. */
    record IdempotencyConflict(String idempotencyKey, TaskId existingTask) implements Result {}
}
