package com.vidugateway.adapter.cli;

import com.vidugateway.application.port.in.ListModels;
import com.vidugateway.domain.catalogue.DurationOption;
import com.vidugateway.domain.catalogue.Model;
import com.vidugateway.domain.catalogue.Resolution;
import com.vidugateway.domain.text.Messages;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "models")
public final class ModelsCommand implements Callable<Integer> {

    private final ListModels models;

    @Option(names = "--json")
    boolean json;

    @Mixin
    Terminal terminal = new Terminal();

    public ModelsCommand(ListModels models) {
        this.models = models;
    }

    /** The catalogue this command shows: also the one help and completion offer ({@link ViduCli}). */
    ListModels listModels() {
        return models;
    }

    @Override
    public Integer call() {
        PrintWriter out = terminal.out();
        if (json) {
            out.println(Json.write(models.list().stream().map(ModelsCommand::toJson).toList()));
        } else {
            printTable(out, terminal.messages());
        }
        out.flush();
        return ExitCode.SUCCESS;
    }

    private void printTable(PrintWriter out, Messages messages) {
        List<String[]> rows = new ArrayList<>();
        rows.add(java.util.stream.Stream.of("model", "images", "seconds", "resolutions", "aspect_ratios", "movement")
                .map(column -> messages.text("cli.models.column." + column)).toArray(String[]::new));
        for (Model model : models.list()) {
            rows.add(new String[] {
                model.name(),
                model.minImages() + "–" + model.maxImages(),
                Model.describeSeconds(model.durationSeconds()) + " (" + model.defaultDuration() + ")",
                resolutionsBySeconds(model),
                model.aspectRatios().stream().map(r -> r.wire()).collect(Collectors.joining(" ")),
                model.supportsMovementAmplitude()
                        ? model.movementAmplitudes().stream().map(a -> a.wire()).collect(Collectors.joining(" "))
                                + " (" + model.defaultMovementAmplitude().wire() + ")"
                        : messages.text("cli.models.movement_unsupported")});
        }
        terminal.table(rows);
        out.println();
        out.println(messages.text("cli.models.images_rule"));
        out.println(messages.text("cli.models.prompt_rule"));
    }

    /** Groups the durations that share their resolutions: viduq2 reads "1–10 s: 540p 720p 1080p (720p)". */
    private static String resolutionsBySeconds(Model model) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (DurationOption option : model.durations()) {
            String resolutions = option.resolutions().stream().map(Resolution::wire).collect(Collectors.joining(" "))
                    + " (" + option.defaultResolution().wire() + ")";
            groups.computeIfAbsent(resolutions, k -> new ArrayList<>()).add(option.seconds());
        }
        return groups.entrySet().stream()
                .map(e -> Model.describeSeconds(e.getValue()) + ": " + e.getKey())
                .collect(Collectors.joining("; "));
    }

    private static Map<String, Object> toJson(Model model) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", model.name());
        json.put("min_images", model.minImages());
        json.put("max_images", model.maxImages());
        json.put("durations", model.durations().stream().map(d -> {
            Map<String, Object> duration = new LinkedHashMap<>();
            duration.put("seconds", d.seconds());
            duration.put("resolutions", d.resolutions().stream().map(Resolution::wire).toList());
            duration.put("default_resolution", d.defaultResolution().wire());
            return duration;
        }).toList());
        json.put("default_duration", model.defaultDuration());
        json.put("aspect_ratios", model.aspectRatios().stream().map(r -> r.wire()).toList());
        json.put("default_aspect_ratio", model.defaultAspectRatio().wire());
        json.put("movement_amplitude_supported", model.supportsMovementAmplitude());
        json.put("movement_amplitudes", model.movementAmplitudes().stream().map(a -> a.wire()).toList());
        json.put("default_movement_amplitude", model.defaultMovementAmplitude().wire());
        return json;
    }
}
