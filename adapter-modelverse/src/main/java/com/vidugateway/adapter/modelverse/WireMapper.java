package com.vidugateway.adapter.modelverse;

import com.vidugateway.application.port.out.ProviderFailure;
import com.vidugateway.application.port.out.ProviderTask;
import com.vidugateway.domain.image.ReferenceImage;
import com.vidugateway.domain.request.References;
import com.vidugateway.domain.request.RequestRules;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.task.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Between the domain and the wire: a request out, a status in. */
final class WireMapper {

    private static final Map<String, TaskStatus> PROVIDER_STATES = Map.of(
            "Pending", TaskStatus.PENDING,
            "Running", TaskStatus.RUNNING,
            "Success", TaskStatus.SUCCESS,
            "Failure", TaskStatus.FAILURE);

    private WireMapper() {}

    /**
     * What stands in the JSON for one image. A URL is itself; inline data is not known here (its bytes are in the
     * blob store and stream into the body later), so the caller decides what marks its place.
     */
    interface ImageText {
        String text(String field, ReferenceImage image);
    }

    static Wire.SubmitBody submitBody(VideoRequest request, ImageText imageText) {
        boolean subjectsMode = request.references() instanceof References.Subjects;
        Wire.Input input;
        if (request.references() instanceof References.Subjects subjects) {
            List<Wire.Subject> wire = new ArrayList<>();
            for (int s = 0; s < subjects.subjects().size(); s++) {
                References.Subject subject = subjects.subjects().get(s);
                wire.add(new Wire.Subject(subject.id(),
                        texts("input.subjects[" + s + "].images", subject.images(), imageText), subject.voiceId()));
            }
            input = new Wire.Input(null, request.prompt(), wire);
        } else {
            input = new Wire.Input(texts("input.images", request.references().allImages(), imageText), request.prompt(), null);
        }
        Wire.Parameters parameters = new Wire.Parameters(
                RequestRules.VIDU_TYPE,
                request.duration(),
                request.seed() == RequestRules.RANDOM_SEED ? null : request.seed(),
                request.aspectRatio().wire(),
                request.resolution().wire(),
                request.movementAmplitude().wire(),
                request.bgm(),
                subjectsMode ? request.audio() : null);
        return new Wire.SubmitBody(request.modelName(), input, parameters);
    }

    static ProviderTask task(Wire.StatusResponse response, String askedFor, String rawBody) throws ProviderFailure.MalformedResponse {
        Wire.StatusOutput output = response.output();
        if (output == null || output.taskStatus() == null) {
            throw new ProviderFailure.MalformedResponse("Modelverse answered the status of " + askedFor
                    + " without output.task_status: " + Snippet.of(rawBody));
        }
        TaskStatus status = PROVIDER_STATES.get(output.taskStatus());
        if (status == null) {
            throw new ProviderFailure.MalformedResponse("Modelverse answered task_status '" + output.taskStatus()
                    + "' for " + askedFor + ", which its documentation does not name (Pending, Running, Success, Failure)");
        }
        String taskId = output.taskId() == null || output.taskId().isBlank() ? askedFor : output.taskId();
        return new ProviderTask(
                taskId,
                status,
                output.urls(),
                seconds(output.submitTime()),
                seconds(output.finishTime()),
                output.errorMessage() == null || output.errorMessage().isEmpty() ? null : output.errorMessage(),
                response.usage() == null ? null : response.usage().duration(),
                response.requestId());
    }

    private static Instant seconds(Long epochSeconds) {
        return epochSeconds == null || epochSeconds == 0 ? null : Instant.ofEpochSecond(epochSeconds);
    }

    private static List<String> texts(String field, List<ReferenceImage> images, ImageText imageText) {
        List<String> texts = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            texts.add(imageText.text(field + "[" + i + "]", images.get(i)));
        }
        return texts;
    }
}
