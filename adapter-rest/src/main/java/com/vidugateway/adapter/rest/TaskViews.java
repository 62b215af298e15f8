package com.vidugateway.adapter.rest;

import com.vidugateway.domain.catalogue.DurationOption;
import com.vidugateway.domain.catalogue.Model;
import com.vidugateway.domain.catalogue.PriceLatencyTable;
import com.vidugateway.domain.image.ReferenceImage;
import com.vidugateway.domain.request.Estimate;
import com.vidugateway.domain.request.References;
import com.vidugateway.domain.request.RequestRules;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.task.StatusChange;
import com.vidugateway.domain.task.StoredVideo;
import com.vidugateway.domain.task.FailureCode;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.TaskStatusView;
import com.vidugateway.domain.task.TaskSummary;
import com.vidugateway.domain.task.VideoTask;
import com.vidugateway.wire.ProviderWire;
import com.vidugateway.wire.WireStatuses;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** How tasks, requests and models read on the wire: the one mapper from the domain to {@link RestWire}. */
final class TaskViews {

    private TaskViews() {}

    /** The provider's status shape; {@code base} is the gateway's URL as the client reaches it. */
    static ProviderWire.StatusResponse status(TaskStatusView task, String base, String requestId) {
        return WireStatuses.status(task, base, requestId);
    }

    /** One line of the list, and the head of one task's details ({@link #details}). */
    static RestWire.TaskSummary summary(TaskSummary task, String base) {
        return new RestWire.TaskSummary(task.id().value(), task.status().displayName(),
                task.status().providerView().displayName(), task.model(), task.prompt(), task.duration(),
                task.resolution().wire(), task.aspectRatio().wire(), task.imageCount(),
                task.imagesRemovedAt() == null ? null : task.imagesRemovedAt().toString(),
                seconds(task.acceptedAt()), seconds(task.endedAt().orElse(null)), urls(task, base),
                FailureCode.of(task.status(), task.errorMessage()).isPresent() ? task.errorMessage() : null, error(task),
                video(task, base));
    }

    /** A Failure's or a cancel's typed reason ({@link FailureCode}); null for any other status. */
    static RestWire.ErrorJson error(TaskSummary task) {
        return FailureCode.of(task.status(), task.errorMessage()).map(code -> new RestWire.ErrorJson(code.code(),
                code.category().wire(), code.retryable(), task.errorMessage())).orElse(null);
    }

    /** The gateway's copy of the video: kept, removed by retention (and when), or why there is none. */
    private static RestWire.VideoJson video(TaskSummary task, String base) {
        StoredVideo stored = task.video();
        if (stored != null && stored.removedAt() != null) {
            return new RestWire.VideoJson(false, stored.sizeBytes(), stored.sha256(), null,
                    "removed on " + stored.removedAt() + " by the video retention (VIDU_KEEP_VIDEOS)",
                    stored.removedAt().toString());
        }
        if (stored != null) {
            return new RestWire.VideoJson(true, stored.sizeBytes(), stored.sha256(),
                    WireStatuses.videoUrl(task.id(), base), null, null);
        }
        return task.status() == TaskStatus.SUCCESS
                ? new RestWire.VideoJson(false, null, null, null, task.videoProblem(), null) : null;
    }

    /**
     * The gateway's own copy once stored; until then, for a Success, the provider's (short-lived) URLs, so a
     * provider client is never told "Success" without a video to fetch.
     */
    private static List<String> urls(TaskSummary task, String base) {
        return WireStatuses.urls(task.id(), task.status(), task.video() != null, task.resultUrls(), base);
    }

    private static Long seconds(Instant instant) {
        return WireStatuses.seconds(instant);
    }

    // ---- one task: GET /v1/tasks/{id} ------------------------------------------------------------------------

    /** The task's summary (as the list has it) with its parameters, history and images. */
    static RestWire.TaskDetails details(VideoTask task, String base, String requestId) {
        VideoRequest request = task.request();
        List<String> fields = imageFields(request);
        List<RestWire.TaskSubjectJson> subjects = null;
        if (request.references() instanceof References.Subjects given) {
            subjects = new ArrayList<>();
            int at = 0;
            for (References.Subject subject : given.subjects()) {
                subjects.add(new RestWire.TaskSubjectJson(subject.id(), subject.voiceId(),
                        fields.subList(at, at + subject.images().size())));
                at += subject.images().size();
            }
        }
        RestWire.TaskParametersJson parameters = new RestWire.TaskParametersJson(request.modelName(),
                RequestRules.VIDU_TYPE, request.duration(), request.seed(), request.aspectRatio().wire(),
                request.resolution().wire(), request.movementAmplitude().wire(), request.bgm(), request.audio(),
                request.callbackUrl() == null ? null : request.callbackUrl().toString(), subjects);
        List<RestWire.HistoryJson> history = new ArrayList<>();
        for (int i = 0; i < task.history().size(); i++) {
            StatusChange change = task.history().get(i);
            history.add(new RestWire.HistoryJson(change.status().displayName(), seconds(change.at()),
                    historyMessage(task, i)));
        }
        List<RestWire.TaskImageJson> images = new ArrayList<>();
        List<ReferenceImage> all = request.references().allImages();
        for (int n = 0; n < all.size(); n++) {
            if (all.get(n) instanceof ReferenceImage.InlineImage inline) {
                images.add(new RestWire.TaskImageJson(fields.get(n), "inline", imageUrl(task, base, n),
                        inline.format().displayName(), inline.width(), inline.height(), inline.decodedBytes(),
                        task.imagesRemovedAt() == null ? null : task.imagesRemovedAt().toString()));
            } else {
                images.add(new RestWire.TaskImageJson(fields.get(n), "url",
                        ((ReferenceImage.RemoteImage) all.get(n)).url().toString(), null, null, null, null, null));
            }
        }
        return new RestWire.TaskDetails(summary(task.summary(), base), parameters, history, images, requestId);
    }

    /** Why the task entered the {@code i}-th status of its history, where there is more to say than the status. */
    private static String historyMessage(VideoTask task, int i) {
        TaskStatus status = task.history().get(i).status();
        if (status == TaskStatus.FAILURE) {
            return task.errorMessage();
        }
        if (status == TaskStatus.OUTCOME_UNKNOWN) {
            return "the submit may have reached the provider but no answer came; the gateway finds out from the"
                    + " provider and never sends it twice";
        }
        if (status == TaskStatus.ACCEPTED && i > 0) {
            return "the provider certainly did not take it; it is sent again";
        }
        return null;
    }

    /** The field path of each of the request's images, in request order (as numbered by the images endpoint). */
    static List<String> imageFields(VideoRequest request) {
        List<String> fields = new ArrayList<>();
        if (request.references() instanceof References.Subjects given) {
            for (int s = 0; s < given.subjects().size(); s++) {
                for (int i = 0; i < given.subjects().get(s).images().size(); i++) {
                    fields.add("input.subjects[" + s + "].images[" + i + "]");
                }
            }
        } else {
            for (int i = 0; i < request.references().allImages().size(); i++) {
                fields.add("input.images[" + i + "]");
            }
        }
        return fields;
    }

    static String imageUrl(VideoTask task, String base, int n) {
        return base + "/v1/tasks/" + task.id().value() + "/images/" + n;
    }

    // ---- the dry run ----------------------------------------------------------------------------------------

    static List<RestWire.ImageJson> images(VideoRequest request) {
        List<RestWire.ImageJson> images = new ArrayList<>();
        if (request.references() instanceof References.Subjects given) {
            for (int s = 0; s < given.subjects().size(); s++) {
                List<ReferenceImage> list = given.subjects().get(s).images();
                for (int i = 0; i < list.size(); i++) {
                    images.add(image("input.subjects[" + s + "].images[" + i + "]", list.get(i)));
                }
            }
        } else {
            List<ReferenceImage> list = request.references().allImages();
            for (int i = 0; i < list.size(); i++) {
                images.add(image("input.images[" + i + "]", list.get(i)));
            }
        }
        return images;
    }

    private static RestWire.ImageJson image(String field, ReferenceImage image) {
        if (image instanceof ReferenceImage.InlineImage inline) {
            return new RestWire.ImageJson(field, "inline", null, inline.format().displayName(), inline.width(),
                    inline.height(), inline.decodedBytes());
        }
        return new RestWire.ImageJson(field, "url", ((ReferenceImage.RemoteImage) image).url().toString(), null, null,
                null, null);
    }

    static RestWire.EstimateJson estimate(Estimate estimate) {
        return new RestWire.EstimateJson(estimate.costCny(), seconds(estimate.typicalGenerationTime()), estimate.basis());
    }

    private static BigDecimal seconds(Duration duration) {
        return duration == null ? null : BigDecimal.valueOf(duration.toMillis()).movePointLeft(3).stripTrailingZeros();
    }

    // ---- the catalogue --------------------------------------------------------------------------------------

    static RestWire.ModelJson model(Model model, PriceLatencyTable prices) {
        List<RestWire.DurationJson> durations = new ArrayList<>();
        for (DurationOption option : model.durations()) {
            List<RestWire.PriceJson> priced = new ArrayList<>();
            option.resolutions().forEach(resolution -> {
                Optional<PriceLatencyTable.Entry> entry = prices.lookup(model.name(), option.seconds(), resolution);
                entry.ifPresent(e -> priced.add(new RestWire.PriceJson(resolution.wire(), e.priceCny(),
                        seconds(e.typicalGenerationTime()))));
            });
            durations.add(new RestWire.DurationJson(option.seconds(),
                    option.resolutions().stream().map(r -> r.wire()).toList(), option.defaultResolution().wire(),
                    priced.isEmpty() ? null : priced));
        }
        return new RestWire.ModelJson(model.name(), model.minImages(), model.maxImages(), durations,
                model.defaultDuration(), model.aspectRatios().stream().map(r -> r.wire()).toList(),
                model.defaultAspectRatio().wire(), model.movementAmplitudes().stream().map(m -> m.wire()).toList(),
                model.defaultMovementAmplitude().wire(), model.supportsMovementAmplitude());
    }
}
