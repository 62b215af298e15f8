package com.vidugateway.adapter.persistence;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.vidugateway.application.port.out.ProviderFailure;
import com.vidugateway.application.port.out.VideoTasks;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.image.ImageBlob;
import com.vidugateway.domain.image.ImageFormat;
import com.vidugateway.domain.image.ImageInput;
import com.vidugateway.domain.image.ReferenceImage;
import com.vidugateway.domain.request.References;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.request.VideoRequestDraft;
import com.vidugateway.domain.task.StatusChange;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.validation.Validation;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The JSON columns of a task row, to and from the domain, through Jackson (databind, on the row records). The
 * request is kept
 * in the provider's wire shape, every parameter written out, with its images as references: a URL as
 * {@code {"url"}}, inline data as its blob and the form the client used ({@code {"sha256", "size", "format",
 * "width", "height", "data_uri_prefix"}}, the prefix absent for bare base64). A row is a few hundred bytes
 * whatever the images weigh.
 */
final class TaskJson {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<List<ChangeRow>> HISTORY = new TypeReference<>() {};

    /**
     * Jackson's own mapper rather than the application's (Micronaut Serialization): that one comes with a bean
     * context, which a short CLI command would start for nothing but these columns (decision 10). Every character
     * beyond ASCII is written as an escape, so that text survives any database encoding exactly, even a lone
     * surrogate a client put in a prompt (which UTF-8 cannot carry). Fields a newer gateway wrote are ignored.
     */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final ObjectMapper json = JSON;

    // --- the rows ------------------------------------------------------------------------------------

    record RequestRow(String model, InputRow input, ParametersRow parameters) {}

    /** {@code images} or {@code subjects}, never both. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record InputRow(List<ImageRow> images, List<SubjectRow> subjects, String prompt) {}

    record SubjectRow(String id, List<ImageRow> images, @JsonProperty("voice_id") String voiceId) {}

    /** A URL ({@code url} only), or inline data kept as a blob (every other field; the prefix null for bare base64). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ImageRow(String url, String sha256, Long size, String format, Long width, Long height,
                    @JsonProperty("data_uri_prefix") String dataUriPrefix) {

        static ImageRow url(String url) {
            return new ImageRow(url, null, null, null, null, null, null);
        }

        static ImageRow inline(ReferenceImage.InlineImage image) {
            return new ImageRow(null, image.blob().sha256(), image.blob().size(), image.format().name(),
                    image.width(), image.height(), image.dataUriPrefix());
        }
    }

    record ParametersRow(
            int duration,
            long seed,
            @JsonProperty("aspect_ratio") String aspectRatio,
            String resolution,
            @JsonProperty("movement_amplitude") String movementAmplitude,
            boolean bgm,
            boolean audio,
            @JsonProperty("callback_url") String callbackUrl) {}

    /** {@code {"status": "ACCEPTED", "at": <epoch ms>}} */
    record ChangeRow(String status, long at) {}

    record RefusalRow(String reason, @JsonProperty("http_status") int httpStatus, String code, String message) {}

    // --- the request ---------------------------------------------------------------------------------

    String request(VideoRequest request) {
        List<ImageRow> images = null;
        List<SubjectRow> subjects = null;
        if (request.references() instanceof References.Subjects given) {
            subjects = given.subjects().stream()
                    .map(subject -> new SubjectRow(subject.id(), rows(subject.images()), subject.voiceId()))
                    .toList();
        } else {
            images = rows(request.references().allImages());
        }
        return request(new RequestRow(request.modelName(), new InputRow(images, subjects, request.prompt()),
                new ParametersRow(request.duration(), request.seed(), request.aspectRatio().wire(),
                        request.resolution().wire(), request.movementAmplitude().wire(), request.bgm(),
                        request.audio(), request.callbackUrl() == null ? null : request.callbackUrl().toString())));
    }

    String request(RequestRow row) {
        return write(row);
    }

    private static List<ImageRow> rows(List<ReferenceImage> images) {
        return images.stream().map(image -> image instanceof ReferenceImage.InlineImage inline
                ? ImageRow.inline(inline) : ImageRow.url(((ReferenceImage.RemoteImage) image).url().toString())).toList();
    }

    /**
     * The stored request of task {@code id}. Its images are not read again (their bytes were checked when they came
     * in, and may be gone by retention since); every rule is checked again, against {@code catalogue}, inline images
     * on what their headers said.
     *
     * @throws IllegalStateException the text is not a request, or the request no longer passes the rules
     */
    VideoRequest request(TaskId id, String text, ModelCatalogue catalogue) {
        RequestRow row;
        try {
            row = json.readValue(text, RequestRow.class);
            if (row == null || row.input() == null || row.parameters() == null) {
                throw new IOException("a request has a model, an input and parameters");
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the stored request of task " + id
                    + " cannot be read (malformed JSON, or not a request): " + e.getMessage(), e);
        }
        InputRow input = row.input();
        ParametersRow parameters = row.parameters();
        try {
            VideoRequestDraft.Builder draft = VideoRequestDraft.builder()
                    .model(row.model())
                    .prompt(input.prompt())
                    .duration(parameters.duration())
                    .seed(parameters.seed())
                    .aspectRatio(parameters.aspectRatio())
                    .resolution(parameters.resolution())
                    .movementAmplitude(parameters.movementAmplitude())
                    .bgm(parameters.bgm())
                    .audio(parameters.audio())
                    .callbackUrl(parameters.callbackUrl());
            if (input.subjects() != null) {
                List<VideoRequestDraft.SubjectDraft> subjects = new ArrayList<>();
                for (SubjectRow subject : input.subjects()) {
                    subjects.add(new VideoRequestDraft.SubjectDraft(subject.id(), inputs(subject.images()),
                            subject.voiceId()));
                }
                draft.subjects(subjects);
            } else {
                draft.imageInputs(inputs(input.images()));
            }
            Validation<VideoRequest> checked = VideoRequest.from(draft.build(), catalogue);
            if (!checked.isValid()) {
                throw new IllegalStateException("the stored request of task " + id + " no longer passes the rules: "
                        + checked.violations());
            }
            return checked.value();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalStateException("the stored request of task " + id + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Stored images for the rules: URLs as they are, inline images by what their header said (never their bytes). */
    private static List<ImageInput> inputs(List<ImageRow> rows) {
        if (rows == null) {
            return null;
        }
        List<ImageInput> inputs = new ArrayList<>();
        for (ImageRow row : rows) {
            if (row == null) {
                inputs.add(null);
            } else if (row.url() != null) {
                inputs.add(ImageInput.of(row.url()));
            } else {
                inputs.add(new ImageInput.Stored(new ReferenceImage.InlineImage(
                        new ImageBlob(Objects.requireNonNull(row.sha256(), "sha256"), Objects.requireNonNull(row.size(), "size")),
                        row.dataUriPrefix(), ImageFormat.valueOf(Objects.requireNonNull(row.format(), "format")),
                        Objects.requireNonNull(row.width(), "width"), Objects.requireNonNull(row.height(), "height"))));
            }
        }
        return inputs;
    }

    /** The blobs a request refers to, each once. */
    static List<String> inlineSha256s(VideoRequest request) {
        return request.references().allImages().stream()
                .filter(ReferenceImage.InlineImage.class::isInstance)
                .map(image -> ((ReferenceImage.InlineImage) image).blob().sha256())
                .distinct().toList();
    }

    // --- history and result URLs ---------------------------------------------------------------------

    /** {@code [{"status": "ACCEPTED", "at": <epoch ms>}, …]}, oldest first. */
    String history(List<StatusChange> history) {
        return write(history.stream()
                .map(change -> new ChangeRow(change.status().name(), change.at().toEpochMilli())).toList());
    }

    List<StatusChange> history(TaskId id, String text) {
        try {
            return json.readValue(text, HISTORY).stream()
                    .map(change -> new StatusChange(TaskStatus.valueOf(change.status()),
                            java.time.Instant.ofEpochMilli(change.at())))
                    .toList();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the stored history of task " + id + " cannot be read: " + e.getMessage(), e);
        }
    }

    String strings(List<String> values) {
        return write(values);
    }

    List<String> strings(TaskId id, String text) {
        try {
            return json.readValue(text, STRINGS);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the stored result URLs of task " + id + " cannot be read: " + e.getMessage(), e);
        }
    }

    // --- a submit's refusal --------------------------------------------------------------------------

    /** {@code {"reason": "SENSITIVE_CONTENT", "http_status": 400, "code": "…", "message": "…"}} */
    String refusal(VideoTasks.Refusal refusal) {
        return write(new RefusalRow(refusal.reason().name(), refusal.httpStatus(), refusal.code(), refusal.message()));
    }

    VideoTasks.Refusal refusal(TaskId id, String text) {
        try {
            RefusalRow row = json.readValue(text, RefusalRow.class);
            return new VideoTasks.Refusal(ProviderFailure.Reason.valueOf(row.reason()), row.httpStatus(), row.code(),
                    row.message());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the stored refusal of task " + id + " cannot be read: " + e.getMessage(), e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            // Only our own row types are written: this is a bug, not a condition to handle.
            throw new UncheckedIOException("a task row's JSON could not be written", e);
        }
    }
}
