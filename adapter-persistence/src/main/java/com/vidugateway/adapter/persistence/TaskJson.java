package com.vidugateway.adapter.persistence;

import com.vidugateway.application.port.out.ProviderFailure;
import com.vidugateway.application.port.out.VideoTasks;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.image.ReferenceImage;
import com.vidugateway.domain.request.References;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.request.VideoRequestDraft;
import com.vidugateway.domain.task.StatusChange;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.validation.Validation;
import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON columns of a task row, to and from the domain. The request is stored in the provider's wire
 * shape, normalized (every parameter written out), and read back through the same rules it passed
 * ({@link VideoRequest#from}): a request that no longer passes them is reported, never half-loaded.
 */
final class TaskJson {

    private TaskJson() {}

    // --- the request ---------------------------------------------------------------------------------

    /**
     * {@code {"model", "input": {"images" | "subjects": [{"id", "images", "voice_id"}], "prompt"},
     * "parameters": {"duration", "seed", "aspect_ratio", "resolution", "movement_amplitude", "bgm", "audio"}}}
     */
    static Json.Writer request(VideoRequest request) {
        Json.Writer json = new Json.Writer().beginObject()
                .name("model").value(request.modelName())
                .name("input").beginObject();
        if (request.references() instanceof References.Subjects subjects) {
            json.name("subjects").beginArray();
            for (References.Subject subject : subjects.subjects()) {
                json.beginObject()
                        .name("id").value(subject.id())
                        .name("images").strings(values(subject.images()))
                        .name("voice_id").value(subject.voiceId())
                        .endObject();
            }
            json.endArray();
        } else {
            json.name("images").strings(values(request.references().allImages()));
        }
        return json.name("prompt").value(request.prompt())
                .endObject()
                .name("parameters").beginObject()
                .name("duration").value(request.duration())
                .name("seed").value(request.seed())
                .name("aspect_ratio").value(request.aspectRatio().wire())
                .name("resolution").value(request.resolution().wire())
                .name("movement_amplitude").value(request.movementAmplitude().wire())
                .name("bgm").value(request.bgm())
                .name("audio").value(request.audio())
                .name("callback_url").value(request.callbackUrl() == null ? null : request.callbackUrl().toString())
                .endObject()
                .endObject();
    }

    /**
     * The stored request of task {@code id}, checked again (images re-inspected: headers only).
     *
     * @throws IllegalStateException the text is not a request, or the request no longer passes the rules
     */
    static VideoRequest request(TaskId id, Reader text, ModelCatalogue catalogue) throws IOException {
        VideoRequestDraft draft;
        try {
            draft = draft(object(Json.parse(text), "request"));
        } catch (Json.MalformedJson | ClassCastException e) {
            throw new IllegalStateException("the stored request of task " + id + " cannot be read: " + e.getMessage(), e);
        }
        Validation<VideoRequest> checked = VideoRequest.from(draft, catalogue);
        if (!checked.isValid()) {
            throw new IllegalStateException("the stored request of task " + id + " no longer passes the rules: "
                    + checked.violations());
        }
        return checked.value();
    }

    private static VideoRequestDraft draft(Map<String, Object> root) throws Json.MalformedJson {
        Map<String, Object> input = object(root.get("input"), "input");
        Map<String, Object> parameters = object(root.get("parameters"), "parameters");
        VideoRequestDraft.Builder draft = VideoRequestDraft.builder()
                .model((String) root.get("model"))
                .prompt((String) input.get("prompt"))
                .duration(parameters.get("duration") == null ? null : Math.toIntExact((Long) parameters.get("duration")))
                .seed((Long) parameters.get("seed"))
                .aspectRatio((String) parameters.get("aspect_ratio"))
                .resolution((String) parameters.get("resolution"))
                .movementAmplitude((String) parameters.get("movement_amplitude"))
                .bgm((Boolean) parameters.get("bgm"))
                .audio((Boolean) parameters.get("audio"))
                .callbackUrl((String) parameters.get("callback_url"));
        if (input.get("subjects") != null) {
            List<VideoRequestDraft.SubjectDraft> subjects = new ArrayList<>();
            for (Object entry : (List<?>) input.get("subjects")) {
                Map<String, Object> subject = object(entry, "input.subjects[]");
                subjects.add(new VideoRequestDraft.SubjectDraft((String) subject.get("id"),
                        strings(subject.get("images")), (String) subject.get("voice_id")));
            }
            draft.subjects(subjects);
        } else {
            draft.images(strings(input.get("images")));
        }
        return draft.build();
    }

    private static List<String> values(List<ReferenceImage> images) {
        return images.stream().map(ReferenceImage::value).toList();
    }

    // --- history and result URLs ---------------------------------------------------------------------

    /** {@code [{"status": "ACCEPTED", "at": <epoch ms>}, …]}, oldest first. */
    static String history(List<StatusChange> history) {
        Json.Writer json = new Json.Writer().beginArray();
        for (StatusChange change : history) {
            json.beginObject().name("status").value(change.status().name())
                    .name("at").value(change.at().toEpochMilli()).endObject();
        }
        return json.endArray().toString();
    }

    static List<StatusChange> history(TaskId id, String text) {
        try {
            List<StatusChange> history = new ArrayList<>();
            for (Object entry : (List<?>) Json.parse(text)) {
                Map<String, Object> change = object(entry, "history[]");
                history.add(new StatusChange(TaskStatus.valueOf((String) change.get("status")),
                        Instant.ofEpochMilli((Long) change.get("at"))));
            }
            return history;
        } catch (RuntimeException | Json.MalformedJson e) {
            throw new IllegalStateException("the stored history of task " + id + " cannot be read: " + e.getMessage(), e);
        }
    }

    static String strings(List<String> values) {
        return new Json.Writer().strings(values).toString();
    }

    static List<String> strings(TaskId id, String text) {
        try {
            return strings(Json.parse(text));
        } catch (RuntimeException | Json.MalformedJson e) {
            throw new IllegalStateException("the stored result URLs of task " + id + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static List<String> strings(Object value) {
        if (value == null) {
            return null;
        }
        List<String> strings = new ArrayList<>();
        for (Object entry : (List<?>) value) {
            strings.add((String) entry);
        }
        return strings;
    }

    // --- a submit's refusal --------------------------------------------------------------------------

    /** {@code {"reason": "SENSITIVE_CONTENT", "http_status": 400, "code": "…", "message": "…"}} */
    static String refusal(VideoTasks.Refusal refusal) {
        return new Json.Writer().beginObject()
                .name("reason").value(refusal.reason().name())
                .name("http_status").value(refusal.httpStatus())
                .name("code").value(refusal.code())
                .name("message").value(refusal.message())
                .endObject().toString();
    }

    static VideoTasks.Refusal refusal(TaskId id, String text) {
        try {
            Map<String, Object> refusal = object(Json.parse(text), "refusal");
            return new VideoTasks.Refusal(ProviderFailure.Reason.valueOf((String) refusal.get("reason")),
                    Math.toIntExact((Long) refusal.get("http_status")), (String) refusal.get("code"),
                    (String) refusal.get("message"));
        } catch (RuntimeException | Json.MalformedJson e) {
            throw new IllegalStateException("the stored refusal of task " + id + " cannot be read: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String what) throws Json.MalformedJson {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new Json.MalformedJson(what + " is not an object");
    }
}
