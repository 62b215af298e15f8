package com.vidugateway.domain.request;

import com.vidugateway.domain.catalogue.AspectRatio;
import com.vidugateway.domain.catalogue.DurationOption;
import com.vidugateway.domain.catalogue.Model;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.catalogue.MovementAmplitude;
import com.vidugateway.domain.catalogue.Resolution;
import com.vidugateway.domain.image.ImageInput;
import com.vidugateway.domain.image.ReferenceImage;
import com.vidugateway.domain.image.ReferenceImageInspector;
import com.vidugateway.domain.request.VideoRequestDraft.SubjectDraft;
import com.vidugateway.domain.validation.Validation;
import com.vidugateway.domain.validation.Violation;
import com.vidugateway.domain.validation.Violations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks a draft against every rule, collecting all violations, and fills in the model's defaults.
 *
 * <p>Linear in the draft, whatever a client sends: arrays longer than the rules allow are reported by their size
 * and only their first allowed elements are inspected (16,000 image elements are one violation, not 16,000), and
 * every value quoted back is cut to {@link #SHOWN} characters (a 2 MB model name is not echoed whole).
 *
 * <p>Every violation is said by the message catalogue (keys {@code rule.…}), with only language-neutral values
 * as arguments: numbers, field paths, model names, wire values and what the client sent.
 */
final class VideoRequestChecker {

    /** The most characters of a client's value that a message quotes. */
    static final int SHOWN = 100;

    private final ModelCatalogue catalogue;
    private final Violations violations = new Violations();

    VideoRequestChecker(ModelCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    Validation<VideoRequest> check(VideoRequestDraft draft) {
        Model model = model(draft.model());
        viduType(draft.viduType());
        String prompt = prompt(draft.prompt());
        References references = references(draft, model);
        boolean audio = audio(draft.audio(), references);
        Integer duration = duration(draft.duration(), model);
        Resolution resolution = resolution(draft.resolution(), model, duration);
        AspectRatio aspectRatio = aspectRatio(draft.aspectRatio(), model);
        MovementAmplitude movement = movementAmplitude(draft.movementAmplitude(), model);
        long seed = seed(draft.seed());
        boolean bgm = Boolean.TRUE.equals(draft.bgm());
        java.net.URI callbackUrl = callbackUrl(draft.callbackUrl());
        return violations.toValidation(() -> new VideoRequest(
                model, references, prompt, duration, seed, aspectRatio, resolution, movement, bgm, audio, callbackUrl));
    }

    private Model model(String name) {
        if (name == null || name.isBlank()) {
            violations.add(Violation.of("model", "rule.model.required", "models", String.join(", ", catalogue.names())));
            return null;
        }
        Optional<Model> model = catalogue.find(name);
        if (model.isEmpty()) {
            violations.add(quoting("model", "rule.model.unknown", name, "models", String.join(", ", catalogue.names())));
        }
        return model.orElse(null);
    }

    private void viduType(String viduType) {
        if (viduType != null && !RequestRules.VIDU_TYPE.equals(viduType)) {
            violations.add(quoting("parameters.vidu_type", "rule.vidu_type.unsupported", viduType,
                    "expected", RequestRules.VIDU_TYPE));
        }
    }

    private String prompt(String prompt) {
        if (prompt == null) {
            violations.add(Violation.of("input.prompt", "rule.prompt.required"));
        } else if (prompt.isBlank()) {
            violations.add(Violation.of("input.prompt", "rule.prompt.blank"));
        } else {
            int length = prompt.codePointCount(0, prompt.length());
            if (length > RequestRules.PROMPT_MAX_CODE_POINTS) {
                violations.add(Violation.of("input.prompt", "rule.prompt.too_long",
                        "length", length, "max", RequestRules.PROMPT_MAX_CODE_POINTS));
            }
        }
        return prompt;
    }

    private References references(VideoRequestDraft draft, Model model) {
        if (draft.images() != null && draft.subjects() != null) {
            violations.add(Violation.of("input", "rule.input.images_and_subjects"));
            return null;
        }
        if (draft.subjects() != null) {
            return subjects(draft.subjects(), model);
        }
        if (draft.images() == null) {
            violations.add(Violation.of("input.images", "rule.images.required", "range", imageRange(model)));
            return null;
        }
        List<ImageInput> images = draft.images();
        if (images.isEmpty() || (model != null && (images.size() < model.minImages() || images.size() > model.maxImages()))
                || (model == null && images.size() > RequestRules.MAX_SUBJECT_IMAGES_IN_ALL)) {
            boolean cut = images.size() > allowed(model);
            if (model == null) {
                // Without a model, too few is none and too many is more than are checked.
                violations.add(Violation.of("input.images", cut ? "rule.images.count.checked" : "rule.images.count",
                        "count", images.size(), "max", RequestRules.MAX_SUBJECT_IMAGES_IN_ALL, "checked", allowed(model)));
            } else {
                violations.add(Violation.of("input.images", cut ? "rule.images.count_for_model.checked"
                                : images.size() == 1 ? "rule.images.count_for_model.one" : "rule.images.count_for_model",
                        "count", images.size(), "model", model.name(), "range", imageRange(model), "checked", allowed(model)));
            }
        }
        return new References.Images(inspectAll("input.images", images, allowed(model)));
    }

    private References subjects(List<SubjectDraft> drafts, Model model) {
        if (drafts.size() < RequestRules.MIN_SUBJECTS || drafts.size() > RequestRules.MAX_SUBJECTS) {
            // Never "1 subject": one is always allowed.
            String key = "rule.subjects.count" + (drafts.size() > RequestRules.MAX_SUBJECTS ? ".checked" : "");
            violations.add(Violation.of("input.subjects", key, "count", drafts.size(),
                    "range", RequestRules.MIN_SUBJECTS + "–" + RequestRules.MAX_SUBJECTS, "checked", RequestRules.MAX_SUBJECTS));
        }
        Map<String, Integer> firstUse = new HashMap<>();
        List<References.Subject> subjects = new ArrayList<>();
        int imagesInAll = 0;
        // Subjects past the maximum are already reported by their number; counting their images stays cheap.
        for (int i = RequestRules.MAX_SUBJECTS; i < drafts.size(); i++) {
            SubjectDraft beyond = drafts.get(i);
            imagesInAll += beyond == null || beyond.images() == null ? 0 : beyond.images().size();
        }
        for (int i = 0; i < Math.min(drafts.size(), RequestRules.MAX_SUBJECTS); i++) {
            String path = "input.subjects[" + i + "]";
            SubjectDraft draft = drafts.get(i);
            if (draft == null) {
                violations.add(Violation.of(path, "rule.subject.null"));
                continue;
            }
            if (draft.id() == null || draft.id().isBlank()) {
                violations.add(Violation.of(path + ".id", "rule.subject.id.required"));
            } else {
                Integer first = firstUse.putIfAbsent(draft.id(), i);
                if (first != null) {
                    violations.add(quoting(path + ".id", "rule.subject.id.duplicate", draft.id(),
                            "other", "input.subjects[" + first + "]"));
                }
            }
            List<ImageInput> images = draft.images() == null ? List.of() : draft.images();
            if (images.size() < RequestRules.MIN_IMAGES_PER_SUBJECT || images.size() > RequestRules.MAX_IMAGES_PER_SUBJECT) {
                // Never "1 image": one is always allowed.
                String key = draft.images() == null ? "rule.subject.images.required" : "rule.subject.images.count"
                        + (images.size() > RequestRules.MAX_IMAGES_PER_SUBJECT ? ".checked" : "");
                violations.add(Violation.of(path + ".images", key, "count", images.size(),
                        "range", RequestRules.MIN_IMAGES_PER_SUBJECT + "–" + RequestRules.MAX_IMAGES_PER_SUBJECT,
                        "checked", RequestRules.MAX_IMAGES_PER_SUBJECT));
            }
            imagesInAll += images.size();
            subjects.add(new References.Subject(
                    draft.id() == null ? "" : draft.id(),
                    inspectAll(path + ".images", images, RequestRules.MAX_IMAGES_PER_SUBJECT), draft.voiceId()));
        }
        int maxInAll = model == null ? RequestRules.MAX_SUBJECT_IMAGES_IN_ALL
                : Math.min(RequestRules.MAX_SUBJECT_IMAGES_IN_ALL, model.maxImages());
        if (imagesInAll > maxInAll) {
            violations.add(model == null
                    ? Violation.of("input.subjects", "rule.subjects.images_in_all", "count", imagesInAll, "max", maxInAll)
                    : Violation.of("input.subjects", "rule.subjects.images_in_all_for_model",
                            "count", imagesInAll, "model", model.name(), "max", maxInAll));
        }
        return new References.Subjects(subjects);
    }

    /**
     * Inspects the first {@code allowed} values; a longer list is already reported by its size, and the elements
     * past the maximum are not looked at, so the work stays bounded by the rule, not by the client.
     */
    private List<ReferenceImage> inspectAll(String path, List<ImageInput> values, int allowed) {
        List<ReferenceImage> images = new ArrayList<>();
        for (int i = 0; i < Math.min(values.size(), allowed); i++) {
            Validation<ReferenceImage> image = ReferenceImageInspector.inspect(path + "[" + i + "]", values.get(i));
            if (image.isValid()) {
                images.add(image.value());
            } else {
                violations.addAll(image.violations());
            }
        }
        return images;
    }

    private boolean audio(Boolean audio, References references) {
        boolean wanted = Boolean.TRUE.equals(audio);
        if (wanted && references instanceof References.Images) {
            violations.add(Violation.of("parameters.audio", "rule.audio.needs_subjects"));
        }
        return wanted;
    }

    private Integer duration(Integer duration, Model model) {
        if (model == null) {
            return duration;
        }
        int seconds = duration == null ? model.defaultDuration() : duration;
        if (model.duration(seconds).isEmpty()) {
            violations.add(Violation.of("parameters.duration", "rule.duration.not_offered", "seconds", seconds,
                    "model", model.name(), "allowed", Model.describeSeconds(model.durationSeconds())));
        }
        return seconds;
    }

    private Resolution resolution(String value, Model model, Integer duration) {
        Resolution given = parse("parameters.resolution", value, Resolution::fromWire, Resolution.values(),
                "rule.resolution.unknown");
        if (model == null || (value != null && given == null)) {
            return given;
        }
        Optional<DurationOption> option = duration == null ? Optional.empty() : model.duration(duration);
        if (option.isEmpty()) {
            // The duration is already reported; a resolution the model never renders is a second mistake.
            if (given != null && !model.allResolutions().contains(given)) {
                violations.add(Violation.of("parameters.resolution", "rule.resolution.never_rendered",
                        "resolution", given, "model", model.name(), "allowed", join(model.allResolutions())));
            }
            return given;
        }
        Resolution resolution = given == null ? option.get().defaultResolution() : given;
        if (!option.get().allows(resolution)) {
            violations.add(Violation.of("parameters.resolution", "rule.resolution.not_offered", "resolution", resolution,
                    "model", model.name(), "seconds", duration, "allowed", join(option.get().resolutions())));
        }
        return resolution;
    }

    private AspectRatio aspectRatio(String value, Model model) {
        AspectRatio given = parse("parameters.aspect_ratio", value, AspectRatio::fromWire, AspectRatio.values(),
                "rule.aspect_ratio.unknown");
        if (model == null || (value != null && given == null)) {
            return given;
        }
        AspectRatio ratio = given == null ? model.defaultAspectRatio() : given;
        if (!model.allows(ratio)) {
            violations.add(Violation.of("parameters.aspect_ratio", "rule.aspect_ratio.not_offered",
                    "ratio", ratio, "model", model.name(), "allowed", join(model.aspectRatios())));
        }
        return ratio;
    }

    private MovementAmplitude movementAmplitude(String value, Model model) {
        MovementAmplitude given = parse("parameters.movement_amplitude", value, MovementAmplitude::fromWire,
                MovementAmplitude.values(), "rule.movement_amplitude.unknown");
        if (model == null || (value != null && given == null)) {
            return given;
        }
        MovementAmplitude amplitude = given == null ? model.defaultMovementAmplitude() : given;
        if (!model.allows(amplitude)) {
            violations.add(Violation.of("parameters.movement_amplitude", model.supportsMovementAmplitude()
                    ? "rule.movement_amplitude.not_offered" : "rule.movement_amplitude.unsupported",
                    "amplitude", amplitude, "model", model.name(), "allowed", join(model.movementAmplitudes())));
        }
        return amplitude;
    }

    /** Form only here: where it may point (no private addresses) is the REST adapter's to judge. */
    private java.net.URI callbackUrl(String value) {
        if (value == null) {
            return null;
        }
        try {
            java.net.URI url = new java.net.URI(value);
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && url.getHost() != null
                    && value.length() <= RequestRules.CALLBACK_URL_MAX_LENGTH) {
                return url;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        violations.add(quoting("parameters.callback_url", "rule.callback_url.invalid", value,
                "max", RequestRules.CALLBACK_URL_MAX_LENGTH));
        return null;
    }

    private long seed(Long seed) {
        if (seed == null) {
            return RequestRules.RANDOM_SEED;
        }
        if (seed < 0) {
            violations.add(Violation.of("parameters.seed", "rule.seed.negative", "seed", seed));
        }
        return seed;
    }

    private <T> T parse(String field, String value, Function<String, Optional<T>> parser, T[] allowed, String key) {
        if (value == null) {
            return null;
        }
        Optional<T> parsed = parser.apply(value);
        if (parsed.isEmpty()) {
            violations.add(quoting(field, key, value, "allowed", join(Arrays.asList(allowed))));
        }
        return parsed.orElse(null);
    }

    /**
     * A client's value as an English message quotes it: whole up to {@link #SHOWN} characters, else its start and
     * its size (the catalogue's {@code .cut} texts say the same in each language).
     */
    static String shown(String value) {
        return value.length() <= SHOWN ? value : value.substring(0, cutAt(value)) + "… (" + value.length() + " characters)";
    }

    /**
     * A violation that quotes the client's {@code value} as {@code {value}}: whole up to {@link #SHOWN} characters,
     * else by the key's {@code .cut} twin, which quotes its start and gives its size as {@code {length}}.
     */
    private static Violation quoting(String field, String key, String value, Object... namesAndValues) {
        boolean cut = value.length() > SHOWN;
        Object[] arguments = Arrays.copyOf(namesAndValues, namesAndValues.length + 4);
        arguments[namesAndValues.length] = "value";
        arguments[namesAndValues.length + 1] = cut ? value.substring(0, cutAt(value)) : value;
        arguments[namesAndValues.length + 2] = "length";
        arguments[namesAndValues.length + 3] = value.length();
        return Violation.of(field, cut ? key + ".cut" : key, arguments);
    }

    /** Where a value too long to quote is cut, so that its start, the mark and its size are {@link #SHOWN} at most. */
    private static int cutAt(String value) {
        int end = SHOWN - ("… (" + value.length() + " characters)").length();
        return Character.isHighSurrogate(value.charAt(end - 1)) ? end - 1 : end;
    }

    /**
     * How many elements of input.images are inspected: the most any model takes, so that a client who sent 5 to a
     * model taking 3 still learns what is wrong with each of them.
     */
    private static int allowed(Model model) {
        return model == null ? RequestRules.MAX_SUBJECT_IMAGES_IN_ALL
                : Math.max(model.maxImages(), RequestRules.MAX_SUBJECT_IMAGES_IN_ALL);
    }

    private static String imageRange(Model model) {
        return model == null ? "1–" + RequestRules.MAX_SUBJECT_IMAGES_IN_ALL : model.minImages() + "–" + model.maxImages();
    }

    private static String join(List<?> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
