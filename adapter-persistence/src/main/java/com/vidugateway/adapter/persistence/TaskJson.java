package com.vidugateway.adapter.persistence;

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
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The JSON columns of a task row, to and from the domain, as row records written and read by {@link RowJson}. The
 * request is kept in a storage shape of its own, close to the provider's but not it (that is
 * {@code com.vidugateway.wire.ProviderWire}'s, decision 14): every parameter written out, so that a default changed
 * later does not change a stored task, and its images as references: a URL as
 * {@code {"url"}}, inline data as its blob and the form the client used ({@code {"sha256", "size", "format",
 * "width", "height", "data_uri_prefix"}}, the prefix absent for bare base64). A row is a few hundred bytes
 * whatever the images weigh.
 */
final class TaskJson {

    // --- the rows ------------------------------------------------------------------------------------

    record RequestRow(String model, InputRow input, ParametersRow parameters) {}

    /** {@code images} or {@code subjects}, never both. */
    record InputRow(List<ImageRow> images, List<SubjectRow> subjects, String prompt) {}

    record SubjectRow(String id, List<ImageRow> images, String voiceId) {}

    /** A URL ({@code url} only), or inline data kept as a blob (every other field; the prefix null for bare base64). */
    record ImageRow(String url, String sha256, Long size, String format, Long width, Long height,
                    String dataUriPrefix) {

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
            String aspectRatio,
            String resolution,
            String movementAmplitude,
            boolean bgm,
            boolean audio,
            String callbackUrl) {}

    /** {@code {"status": "ACCEPTED", "at": <epoch ms>}} */
    record ChangeRow(String status, long at) {}

    record RefusalRow(String reason, int httpStatus, String code, String message) {}

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
        return RowJson.write(out -> RowJson.request(out, row));
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
            row = RowJson.read(text, RowJson::request);
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
                inputs.add(new ImageInput.Stored(inline(row)));
            }
        }
        return inputs;
    }

    private static ReferenceImage.InlineImage inline(ImageRow row) {
        return new ReferenceImage.InlineImage(
                new ImageBlob(Objects.requireNonNull(row.sha256(), "sha256"), Objects.requireNonNull(row.size(), "size")),
                row.dataUriPrefix(), ImageFormat.valueOf(Objects.requireNonNull(row.format(), "format")),
                Objects.requireNonNull(row.width(), "width"), Objects.requireNonNull(row.height(), "height"));
    }

    // --- what a list shows of the request (decision 13) ---------------------------------------------

    /** The {@code images_json} column: every image of the request in order, as {@link #request(VideoRequest)} has it. */
    String images(List<ReferenceImage> images) {
        List<ImageRow> rows = rows(images);
        return RowJson.write(out -> RowJson.images(out, rows));
    }

    /**
     * The images of {@link #images(List)} as they were checked when the task was accepted: the rules are not checked
     * again (a list only shows them).
     */
    List<ReferenceImage> images(TaskId id, String text) {
        try {
            List<ReferenceImage> images = new ArrayList<>();
            for (ImageRow row : RowJson.read(text, RowJson::images)) {
                images.add(row.url() != null ? new ReferenceImage.RemoteImage(URI.create(row.url())) : inline(row));
            }
            return images;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the stored images of task " + id + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The {@code prompt_json} column: the prompt as a JSON string, ASCII only (escapes for the rest). */
    String prompt(String prompt) {
        return RowJson.write(out -> RowJson.string(out, prompt));
    }

    String prompt(TaskId id, String text) {
        try {
            return RowJson.read(text, RowJson::string);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the stored prompt of task " + id + " cannot be read: " + e.getMessage(), e);
        }
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
        List<ChangeRow> rows = history.stream()
                .map(change -> new ChangeRow(change.status().name(), change.at().toEpochMilli())).toList();
        return RowJson.write(out -> RowJson.history(out, rows));
    }

    List<StatusChange> history(TaskId id, String text) {
        try {
            return RowJson.read(text, RowJson::history).stream()
                    .map(change -> new StatusChange(TaskStatus.valueOf(change.status()),
                            java.time.Instant.ofEpochMilli(change.at())))
                    .toList();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the stored history of task " + id + " cannot be read: " + e.getMessage(), e);
        }
    }

    String strings(List<String> values) {
        return RowJson.write(out -> RowJson.strings(out, values));
    }

    List<String> strings(TaskId id, String text) {
        try {
            return RowJson.read(text, RowJson::strings);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the stored result URLs of task " + id + " cannot be read: " + e.getMessage(), e);
        }
    }

    // --- a submit's refusal --------------------------------------------------------------------------

    /** {@code {"reason": "SENSITIVE_CONTENT", "http_status": 400, "code": "…", "message": "…"}} */
    String refusal(VideoTasks.Refusal refusal) {
        RefusalRow row = new RefusalRow(refusal.reason().name(), refusal.httpStatus(), refusal.code(), refusal.message());
        return RowJson.write(out -> RowJson.refusal(out, row));
    }

    VideoTasks.Refusal refusal(TaskId id, String text) {
        try {
            RefusalRow row = RowJson.read(text, RowJson::refusal);
            return new VideoTasks.Refusal(ProviderFailure.Reason.valueOf(row.reason()), row.httpStatus(), row.code(),
                    row.message());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the stored refusal of task " + id + " cannot be read: " + e.getMessage(), e);
        }
    }
}
