package com.vidugateway.domain.task;

import com.vidugateway.domain.catalogue.AspectRatio;
import com.vidugateway.domain.catalogue.Resolution;
import com.vidugateway.domain.image.ReferenceImage;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a task list, and the head of one task's details: what a task shows of itself without its whole request,
 * so that a store can read it from columns instead of parsing and checking the stored request again (decision 13): a
 * request is checked when it is accepted and when a stored one is sent, never to be shown.
 *
 * @param id              the gateway's id
 * @param history         every status entered, oldest first; the last is the current one
 * @param providerTaskId  the provider's id, once it took the task
 * @param model           the model's name
 * @param prompt          the prompt
 * @param duration        the video's length asked for, in seconds
 * @param resolution      the resolution asked for
 * @param aspectRatio     the aspect ratio asked for
 * @param images          every reference image, in request order (a subject's in turn): URLs, or what inline data held
 * @param imagesRemovedAt when retention removed the inline images; null while they are kept
 * @param resultUrls      the provider's (short-lived) video URLs, once it succeeded
 * @param errorMessage    why it failed, for a Failure
 * @param video           the gateway's own copy, once downloaded
 * @param videoProblem    why the copy could not be made yet; null when none
 */
public record TaskSummary(
        TaskId id,
        List<StatusChange> history,
        String providerTaskId,
        String model,
        String prompt,
        int duration,
        Resolution resolution,
        AspectRatio aspectRatio,
        List<ReferenceImage> images,
        Instant imagesRemovedAt,
        List<String> resultUrls,
        String errorMessage,
        StoredVideo video,
        String videoProblem) {

    public TaskSummary {
        Objects.requireNonNull(id, "id");
        history = List.copyOf(history);
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(aspectRatio, "aspectRatio");
        images = List.copyOf(images);
        resultUrls = resultUrls == null ? List.of() : List.copyOf(resultUrls);
        if (history.isEmpty() || history.get(0).status() != TaskStatus.ACCEPTED) {
            throw new IllegalArgumentException("a task's history starts with " + TaskStatus.ACCEPTED);
        }
    }

    /** What {@code task} shows in a list. */
    public static TaskSummary of(VideoTask task) {
        return new TaskSummary(task.id(), task.history(), task.providerTaskId(), task.request().modelName(),
                task.request().prompt(), task.request().duration(), task.request().resolution(),
                task.request().aspectRatio(), task.request().references().allImages(), task.imagesRemovedAt(),
                task.resultUrls(), task.errorMessage(), task.video(), task.videoProblem());
    }

    public TaskStatus status() {
        return history.get(history.size() - 1).status();
    }

    public Instant acceptedAt() {
        return history.get(0).at();
    }

    /** When the task ended (entered its terminal status); empty while it runs. */
    public Optional<Instant> endedAt() {
        return status().isTerminal() ? Optional.of(history.get(history.size() - 1).at()) : Optional.empty();
    }

    /** How many reference images the request has. */
    public int imageCount() {
        return images.size();
    }
}
