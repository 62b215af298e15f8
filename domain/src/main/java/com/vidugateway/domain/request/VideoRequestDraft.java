package com.vidugateway.domain.request;

import com.vidugateway.domain.image.ImageInput;
import java.util.List;

/**
 * A request as it arrives, before any rule is checked: every field may be missing (null). Adapters map
 * their input (JSON, command-line options) to this; {@link VideoRequest#from} checks it.
 */
public record VideoRequestDraft(
        String model,
        List<ImageInput> images,
        List<SubjectDraft> subjects,
        String prompt,
        String viduType,
        Integer duration,
        Long seed,
        String aspectRatio,
        String resolution,
        String movementAmplitude,
        Boolean bgm,
        Boolean audio,
        String callbackUrl) {

    /** One entry of {@code input.subjects} as it arrives. */
    public record SubjectDraft(String id, List<ImageInput> images, String voiceId) {
        /** A subject whose images are given as text (URLs, data URIs). */
        public static SubjectDraft of(String id, List<String> images, String voiceId) {
            return new SubjectDraft(id, texts(images), voiceId);
        }
    }

    /** Texts as image inputs; a null list or element stays null. */
    public static List<ImageInput> texts(List<String> values) {
        return values == null ? null : values.stream().map(ImageInput::of).collect(java.util.stream.Collectors.toList());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** For adapters and tests that fill a draft field by field. */
    public static final class Builder {
        private String model;
        private List<ImageInput> images;
        private List<SubjectDraft> subjects;
        private String prompt;
        private String viduType;
        private Integer duration;
        private Long seed;
        private String aspectRatio;
        private String resolution;
        private String movementAmplitude;
        private Boolean bgm;
        private Boolean audio;
        private String callbackUrl;

        public Builder model(String value) { model = value; return this; }
        public Builder images(List<String> value) { images = texts(value); return this; }
        public Builder images(String... value) { images = texts(List.of(value)); return this; }
        public Builder imageInputs(List<ImageInput> value) { images = value; return this; }
        public Builder subjects(List<SubjectDraft> value) { subjects = value; return this; }
        public Builder prompt(String value) { prompt = value; return this; }
        public Builder viduType(String value) { viduType = value; return this; }
        public Builder duration(Integer value) { duration = value; return this; }
        public Builder seed(Long value) { seed = value; return this; }
        public Builder aspectRatio(String value) { aspectRatio = value; return this; }
        public Builder resolution(String value) { resolution = value; return this; }
        public Builder movementAmplitude(String value) { movementAmplitude = value; return this; }
        public Builder bgm(Boolean value) { bgm = value; return this; }
        public Builder audio(Boolean value) { audio = value; return this; }
        public Builder callbackUrl(String value) { callbackUrl = value; return this; }

        public VideoRequestDraft build() {
            return new VideoRequestDraft(model, images, subjects, prompt, viduType, duration, seed,
                    aspectRatio, resolution, movementAmplitude, bgm, audio, callbackUrl);
        }
    }
}
