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
            violations.add("model", "is required; choose one of " + String.join(", ", catalogue.names()));
            return null;
        }
        Optional<Model> model = catalogue.find(name);
        if (model.isEmpty()) {
            violations.add("model", "'" + shown(name) + "' is not a model this gateway offers; choose one of "
                    + String.join(", ", catalogue.names()));
        }
        return model.orElse(null);
    }

    private void viduType(String viduType) {
        if (viduType != null && !RequestRules.VIDU_TYPE.equals(viduType)) {
            violations.add("parameters.vidu_type", "is '" + shown(viduType) + "'; this API takes only '"
                    + RequestRules.VIDU_TYPE + "'");
        }
    }

    private String prompt(String prompt) {
        if (prompt == null) {
            violations.add("input.prompt", "is required; describe the video to make");
        } else if (prompt.isBlank()) {
            violations.add("input.prompt", "is blank; describe the video to make");
        } else {
            int length = prompt.codePointCount(0, prompt.length());
            if (length > RequestRules.PROMPT_MAX_CODE_POINTS) {
                violations.add("input.prompt", "is " + length + " characters long; at most "
                        + RequestRules.PROMPT_MAX_CODE_POINTS + " are allowed");
            }
        }
        return prompt;
    }

    private References references(VideoRequestDraft draft, Model model) {
        if (draft.images() != null && draft.subjects() != null) {
            violations.add("input", "has both images and subjects; give one of input.images or input.subjects");
            return null;
        }
        if (draft.subjects() != null) {
            return subjects(draft.subjects(), model);
        }
        if (draft.images() == null) {
            violations.add("input.images", "is required (or input.subjects); give "
                    + imageRange(model) + " reference images");
            return null;
        }
        List<ImageInput> images = draft.images();
        if (images.isEmpty() || (model != null && (images.size() < model.minImages() || images.size() > model.maxImages()))
                || (model == null && images.size() > RequestRules.MAX_SUBJECT_IMAGES_IN_ALL)) {
            violations.add("input.images", count(images.size(), "image") + " given; "
                    + (model == null ? "at most " + RequestRules.MAX_SUBJECT_IMAGES_IN_ALL + " are allowed"
                    : model.name() + " takes " + imageRange(model))
                    + (images.size() > allowed(model) ? "; only the first " + allowed(model) + " are checked" : ""));
        }
        return new References.Images(inspectAll("input.images", images, allowed(model)));
    }

    private References subjects(List<SubjectDraft> drafts, Model model) {
        if (drafts.size() < RequestRules.MIN_SUBJECTS || drafts.size() > RequestRules.MAX_SUBJECTS) {
            violations.add("input.subjects", count(drafts.size(), "subject") + " given; give "
                    + RequestRules.MIN_SUBJECTS + "–" + RequestRules.MAX_SUBJECTS + (drafts.size() > RequestRules.MAX_SUBJECTS
                    ? "; only the first " + RequestRules.MAX_SUBJECTS + " are checked" : ""));
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
                violations.add(path, "is null; give {\"id\", \"images\", \"voice_id\"}");
                continue;
            }
            if (draft.id() == null || draft.id().isBlank()) {
                violations.add(path + ".id", "is required; the prompt refers to a subject as @id");
            } else {
                Integer first = firstUse.putIfAbsent(draft.id(), i);
                if (first != null) {
                    violations.add(path + ".id", "'" + shown(draft.id()) + "' is already the id of input.subjects["
                            + first + "]; subject ids must be unique");
                }
            }
            List<ImageInput> images = draft.images() == null ? List.of() : draft.images();
            if (images.size() < RequestRules.MIN_IMAGES_PER_SUBJECT || images.size() > RequestRules.MAX_IMAGES_PER_SUBJECT) {
                violations.add(path + ".images", (draft.images() == null ? "is required" : count(images.size(), "image") + " given")
                        + "; each subject takes " + RequestRules.MIN_IMAGES_PER_SUBJECT + "–"
                        + RequestRules.MAX_IMAGES_PER_SUBJECT + (images.size() > RequestRules.MAX_IMAGES_PER_SUBJECT
                        ? "; only the first " + RequestRules.MAX_IMAGES_PER_SUBJECT + " are checked" : ""));
            }
            imagesInAll += images.size();
            subjects.add(new References.Subject(
                    draft.id() == null ? "" : draft.id(),
                    inspectAll(path + ".images", images, RequestRules.MAX_IMAGES_PER_SUBJECT), draft.voiceId()));
        }
        int maxInAll = model == null ? RequestRules.MAX_SUBJECT_IMAGES_IN_ALL
                : Math.min(RequestRules.MAX_SUBJECT_IMAGES_IN_ALL, model.maxImages());
        if (imagesInAll > maxInAll) {
            violations.add("input.subjects", imagesInAll + " images in all; "
                    + (model == null ? "" : model.name() + " takes ") + "at most " + maxInAll + " across all subjects");
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
            violations.add("parameters.audio", "is true, but generated audio is only available with input.subjects;"
                    + " send the images as subjects or leave audio out");
        }
        return wanted;
    }

    private Integer duration(Integer duration, Model model) {
        if (model == null) {
            return duration;
        }
        int seconds = duration == null ? model.defaultDuration() : duration;
        if (model.duration(seconds).isEmpty()) {
            violations.add("parameters.duration", seconds + " s is not offered by " + model.name()
                    + "; allowed: " + Model.describeSeconds(model.durationSeconds()));
        }
        return seconds;
    }

    private Resolution resolution(String value, Model model, Integer duration) {
        Resolution given = parse("parameters.resolution", value, Resolution::fromWire, Resolution.values(), "resolution");
        if (model == null || (value != null && given == null)) {
            return given;
        }
        Optional<DurationOption> option = duration == null ? Optional.empty() : model.duration(duration);
        if (option.isEmpty()) {
            // The duration is already reported; a resolution the model never renders is a second mistake.
            if (given != null && !model.allResolutions().contains(given)) {
                violations.add("parameters.resolution", given + " is not offered by " + model.name()
                        + " at any duration; it renders " + join(model.allResolutions()));
            }
            return given;
        }
        Resolution resolution = given == null ? option.get().defaultResolution() : given;
        if (!option.get().allows(resolution)) {
            violations.add("parameters.resolution", resolution + " is not offered by " + model.name() + " at "
                    + duration + " s; allowed: " + join(option.get().resolutions()));
        }
        return resolution;
    }

    private AspectRatio aspectRatio(String value, Model model) {
        AspectRatio given = parse("parameters.aspect_ratio", value, AspectRatio::fromWire, AspectRatio.values(), "aspect ratio");
        if (model == null || (value != null && given == null)) {
            return given;
        }
        AspectRatio ratio = given == null ? model.defaultAspectRatio() : given;
        if (!model.allows(ratio)) {
            violations.add("parameters.aspect_ratio", ratio + " is not offered by " + model.name()
                    + "; allowed: " + join(model.aspectRatios()));
        }
        return ratio;
    }

    private MovementAmplitude movementAmplitude(String value, Model model) {
        MovementAmplitude given = parse("parameters.movement_amplitude", value, MovementAmplitude::fromWire,
                MovementAmplitude.values(), "movement amplitude");
        if (model == null || (value != null && given == null)) {
            return given;
        }
        MovementAmplitude amplitude = given == null ? model.defaultMovementAmplitude() : given;
        if (!model.allows(amplitude)) {
            violations.add("parameters.movement_amplitude", model.supportsMovementAmplitude()
                    ? amplitude + " is not offered by " + model.name() + "; allowed: " + join(model.movementAmplitudes())
                    : model.name() + " does not support movement amplitude (got " + amplitude
                            + "); leave it out or use " + join(model.movementAmplitudes()));
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
        violations.add("parameters.callback_url", "'" + shown(value) + "' is not an http(s) URL with a host (at most " + RequestRules.CALLBACK_URL_MAX_LENGTH + " characters)");
        return null;
    }

    private long seed(Long seed) {
        if (seed == null) {
            return RequestRules.RANDOM_SEED;
        }
        if (seed < 0) {
            violations.add("parameters.seed", "is " + seed + "; give 0 (random) or a positive integer");
        }
        return seed;
    }

    private <T> T parse(String field, String value, Function<String, Optional<T>> parser, T[] allowed, String what) {
        if (value == null) {
            return null;
        }
        Optional<T> parsed = parser.apply(value);
        if (parsed.isEmpty()) {
            violations.add(field, "'" + shown(value) + "' is not a " + what + "; one of " + join(Arrays.asList(allowed)));
        }
        return parsed.orElse(null);
    }

    /** A client's value as a message quotes it: whole up to {@link #SHOWN} characters, else its start and its size. */
    static String shown(String value) {
        if (value.length() <= SHOWN) {
            return value;
        }
        String size = "… (" + value.length() + " characters)";
        int end = SHOWN - size.length();
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end) + size;
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

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String join(List<?> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
