package com.vidugateway.adapter.cli;

import com.vidugateway.domain.catalogue.AspectRatio;
import com.vidugateway.domain.catalogue.DurationOption;
import com.vidugateway.domain.catalogue.Model;
import com.vidugateway.domain.catalogue.MovementAmplitude;
import com.vidugateway.domain.catalogue.Resolution;
import com.vidugateway.domain.text.Messages;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * What help and shell completion say about the request options, computed from the catalogue the {@code models}
 * command shows (the deployment's: {@code VIDU_MODELS}), never written out by hand: the completion candidates of
 * {@code --model}, {@code --duration}, {@code --resolution}, {@code --aspect-ratio} and {@code --movement-amplitude}
 * (which their descriptions show as {@code ${COMPLETION-CANDIDATES}}), and a help section with the values each
 * model allows where models differ, in the language of the command line's catalogue.
 */
final class CatalogueHelp {

    static final String SECTION_KEY = "catalogueByModel";

    private final List<Model> models;
    private final Messages messages;

    CatalogueHelp(List<Model> models, Messages messages) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("a catalogue offers at least one model");
        }
        this.models = List.copyOf(models);
        this.messages = messages;
    }

    // ---- completion candidates: every value some model allows, in catalogue (enum) order --------------------

    List<String> modelNames() {
        return models.stream().map(Model::name).toList();
    }

    List<String> durations() {
        return models.stream().flatMap(m -> m.durationSeconds().stream()).distinct().sorted()
                .map(String::valueOf).toList();
    }

    List<String> resolutions() {
        return models.stream().flatMap(m -> m.allResolutions().stream()).distinct().sorted()
                .map(Resolution::wire).toList();
    }

    List<String> aspectRatios() {
        return models.stream().flatMap(m -> m.aspectRatios().stream()).distinct().sorted()
                .map(AspectRatio::wire).toList();
    }

    List<String> movementAmplitudes() {
        return models.stream().flatMap(m -> m.movementAmplitudes().stream()).distinct().sorted()
                .map(MovementAmplitude::wire).toList();
    }

    /** The candidates picocli asks for by class ({@code completionCandidates}); built by {@link #factory()}. */
    abstract static class Candidates implements Iterable<String> {
        private final List<String> values;

        Candidates(List<String> values) {
            this.values = List.copyOf(values);
        }

        @Override
        public Iterator<String> iterator() {
            return values.iterator();
        }
    }

    static final class ModelNames extends Candidates {
        ModelNames(CatalogueHelp catalogue) {
            super(catalogue.modelNames());
        }
    }

    static final class Durations extends Candidates {
        Durations(CatalogueHelp catalogue) {
            super(catalogue.durations());
        }
    }

    static final class Resolutions extends Candidates {
        Resolutions(CatalogueHelp catalogue) {
            super(catalogue.resolutions());
        }
    }

    static final class AspectRatios extends Candidates {
        AspectRatios(CatalogueHelp catalogue) {
            super(catalogue.aspectRatios());
        }
    }

    static final class MovementAmplitudes extends Candidates {
        MovementAmplitudes(CatalogueHelp catalogue) {
            super(catalogue.movementAmplitudes());
        }
    }

    /** picocli's factory, which builds the candidate classes from this catalogue and everything else as usual. */
    CommandLine.IFactory factory() {
        Map<Class<?>, Function<CatalogueHelp, Candidates>> candidates =
                Map.<Class<?>, Function<CatalogueHelp, Candidates>>of(
                ModelNames.class, ModelNames::new,
                Durations.class, Durations::new,
                Resolutions.class, Resolutions::new,
                AspectRatios.class, AspectRatios::new,
                MovementAmplitudes.class, MovementAmplitudes::new);
        CommandLine.IFactory fallback = CommandLine.defaultFactory();
        return new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                Function<CatalogueHelp, Candidates> made = candidates.get(type);
                return made != null ? type.cast(made.apply(CatalogueHelp.this)) : fallback.create(type);
            }
        };
    }

    // ---- the help section ------------------------------------------------------------------------------------

    /** Adds the section after the option list of a command that takes the request options; others are left alone. */
    void addSectionTo(CommandLine command) {
        if (!command.getCommandSpec().optionsMap().containsKey("--model")) {
            return;
        }
        command.getHelpSectionMap().put(SECTION_KEY, this::render);
        List<String> keys = new ArrayList<>(command.getHelpSectionKeys());
        int after = Math.max(keys.indexOf(UsageMessageSpec.SECTION_KEY_END_OF_OPTIONS),
                keys.indexOf(UsageMessageSpec.SECTION_KEY_OPTION_LIST));
        keys.add(after + 1, SECTION_KEY);
        command.setHelpSectionKeys(keys);
    }

    /** One row per option, models that allow the same values named together. */
    String render(Help help) {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("--model", String.join(", ", modelNames()));
        rows.put("--image", byModel(m -> messages.text("cli.catalogue.images", "min", m.minImages(), "max", m.maxImages())));
        rows.put("--duration", byModel(m -> Model.describeSeconds(m.durationSeconds())
                + defaultOf(m.durations().size(), String.valueOf(m.defaultDuration()))));
        rows.put("--resolution", byModel(this::resolutionsBySeconds));
        rows.put("--aspect-ratio", byModel(m -> words(m.aspectRatios(), AspectRatio::wire)
                + defaultOf(m.aspectRatios().size(), m.defaultAspectRatio().wire())));
        rows.put("--movement-amplitude", byModel(m -> m.supportsMovementAmplitude()
                ? words(m.movementAmplitudes(), MovementAmplitude::wire)
                        + defaultOf(m.movementAmplitudes().size(), m.defaultMovementAmplitude().wire())
                : messages.text("cli.catalogue.only", "values", words(m.movementAmplitudes(), MovementAmplitude::wire))));

        int width = help.commandSpec().usageMessage().width();
        int names = rows.keySet().stream().mapToInt(String::length).max().orElse(0) + 4;
        TextTable table = TextTable.forColumns(help.colorScheme(),
                new Help.Column(names, 2, Help.Column.Overflow.SPAN),
                new Help.Column(Math.max(20, width - names), 0, Help.Column.Overflow.WRAP));
        rows.forEach((option, values) -> table.addRowValues(
                help.colorScheme().optionText(option), help.colorScheme().text(values)));
        return String.format("%n%s%n", messages.text("cli.catalogue.heading")) + table;
    }

    /** "viduq2: 1–10 s (default 5); viduq1, vidu2.0: 4 s": models with the same text named together. */
    private String byModel(Function<Model, String> describe) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (Model model : models) {
            groups.computeIfAbsent(describe.apply(model), k -> new ArrayList<>()).add(model.name());
        }
        if (groups.size() == 1) {
            return groups.keySet().iterator().next();
        }
        return groups.entrySet().stream().map(e -> String.join(", ", e.getValue()) + ": " + e.getKey())
                .collect(Collectors.joining("; "));
    }

    /** Durations that share their resolutions together: vidu1.5 reads "4 s: 360p 720p 1080p (default 360p), 8 s: 720p". */
    private String resolutionsBySeconds(Model model) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (DurationOption option : model.durations()) {
            String resolutions = words(option.resolutions(), Resolution::wire)
                    + defaultOf(option.resolutions().size(), option.defaultResolution().wire());
            groups.computeIfAbsent(resolutions, k -> new ArrayList<>()).add(option.seconds());
        }
        if (groups.size() == 1) {
            return groups.keySet().iterator().next();
        }
        return groups.entrySet().stream().map(e -> Model.describeSeconds(e.getValue()) + ": " + e.getKey())
                .collect(Collectors.joining(", "));
    }

    private static <T> String words(Collection<T> values, Function<T, String> wire) {
        return values.stream().map(wire).collect(Collectors.joining(" "));
    }

    private String defaultOf(int choices, String defaultValue) {
        return choices > 1 ? " " + messages.text("cli.catalogue.default", "value", Objects.requireNonNull(defaultValue)) : "";
    }
}
