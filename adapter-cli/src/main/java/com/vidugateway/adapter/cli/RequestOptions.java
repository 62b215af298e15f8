package com.vidugateway.adapter.cli;

import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.image.ImageInput;
import com.vidugateway.domain.request.VideoRequestDraft;
import com.vidugateway.domain.request.VideoRequestDraft.SubjectDraft;
import com.vidugateway.domain.validation.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The request options shared by {@code validate} and {@code submit}, and their mapping to a draft. */
final class RequestOptions {

    @Option(names = "--image", arity = "1..*", paramLabel = "PATH|URL")
    List<String> images;

    @Option(names = "--subject", paramLabel = "ID:PATH[,PATH…]")
    List<String> subjects;

    @Option(names = {"--prompt", "-p"}, paramLabel = "TEXT")
    String prompt;

    // The descriptions are the message catalogue's (cli.help.common.<name without dashes>); the values in them are
    // the model catalogue's: ${COMPLETION-CANDIDATES} lists what CatalogueHelp offers.
    @Option(names = {"--model", "-m"}, paramLabel = "MODEL", defaultValue = ModelCatalogue.DEFAULT_MODEL,
            completionCandidates = CatalogueHelp.ModelNames.class)
    String model;

    @Option(names = {"--duration", "-d"}, paramLabel = "SECONDS", completionCandidates = CatalogueHelp.Durations.class)
    Integer duration;

    @Option(names = "--seed", paramLabel = "N")
    Long seed;

    @Option(names = "--aspect-ratio", paramLabel = "W:H", completionCandidates = CatalogueHelp.AspectRatios.class)
    String aspectRatio;

    @Option(names = "--resolution", paramLabel = "RES", completionCandidates = CatalogueHelp.Resolutions.class)
    String resolution;

    @Option(names = "--movement-amplitude", paramLabel = "AMPLITUDE",
            completionCandidates = CatalogueHelp.MovementAmplitudes.class)
    String movementAmplitude;

    @Option(names = "--bgm")
    Boolean bgm;

    @Option(names = "--audio")
    Boolean audio;

    /** The draft, plus every local file that could not be read (reported as violations with the rest). */
    record Drafted(VideoRequestDraft draft, List<Violation> unreadable) {}

    Drafted toDraft() {
        List<Violation> unreadable = new ArrayList<>();
        List<ImageInput> imageValues = images == null ? null : resolveAll("input.images", images, unreadable);
        List<SubjectDraft> subjectDrafts = null;
        if (subjects != null) {
            subjectDrafts = new ArrayList<>();
            for (int i = 0; i < subjects.size(); i++) {
                String spec = subjects.get(i);
                int colon = spec.indexOf(':');
                if (colon <= 0 || colon == spec.length() - 1) {
                    unreadable.add(Violation.of("input.subjects[" + i + "]", "cli.subject.malformed", "subject", spec));
                    continue;
                }
                List<String> paths = Arrays.asList(spec.substring(colon + 1).split(","));
                subjectDrafts.add(new SubjectDraft(spec.substring(0, colon),
                        resolveAll("input.subjects[" + i + "].images", paths, unreadable), ""));
            }
        }
        VideoRequestDraft draft = VideoRequestDraft.builder()
                .model(model).imageInputs(imageValues).subjects(subjectDrafts).prompt(prompt)
                .duration(duration).seed(seed).aspectRatio(aspectRatio).resolution(resolution)
                .movementAmplitude(movementAmplitude).bgm(bgm).audio(audio)
                .build();
        return new Drafted(draft, unreadable);
    }

    /** The option a person typed for a violation's field, to show beside the provider's field path. */
    String optionFor(String field) {
        String indexed = field.replaceAll("\\[\\d+]", "[]");
        Map<String, String> options = new LinkedHashMap<>();
        options.put("model", "--model");
        options.put("input.prompt", "--prompt");
        options.put("parameters.duration", "--duration");
        options.put("parameters.seed", "--seed");
        options.put("parameters.aspect_ratio", "--aspect-ratio");
        options.put("parameters.resolution", "--resolution");
        options.put("parameters.movement_amplitude", "--movement-amplitude");
        options.put("parameters.bgm", "--bgm");
        options.put("parameters.audio", "--audio");
        options.put("input.images", "--image");
        options.put("input.subjects", "--subject");
        if (indexed.equals("input.images[]") && images != null) {
            return "--image " + images.get(index(field, 0));
        }
        if (indexed.startsWith("input.subjects[]") && subjects != null && index(field, 0) < subjects.size()) {
            return "--subject " + subjects.get(index(field, 0));
        }
        return options.get(field);
    }

    private static int index(String field, int which) {
        String[] parts = field.split("\\[");
        return Integer.parseInt(parts[which + 1].substring(0, parts[which + 1].indexOf(']')));
    }

    private static List<ImageInput> resolveAll(String path, List<String> arguments, List<Violation> unreadable) {
        List<ImageInput> values = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            try {
                values.add(LocalImages.resolve(arguments.get(i)));
            } catch (LocalImages.Unreadable e) {
                unreadable.add(new Violation(path + "[" + i + "]", e.reason()));
                values.add(null);
            }
        }
        return values;
    }
}
