package com.vidugateway.adapter.cli;

import com.vidugateway.application.port.in.ValidateVideoRequest;
import com.vidugateway.application.port.in.ValidateVideoRequest.Verdict;
import com.vidugateway.domain.image.ReferenceImage;
import com.vidugateway.domain.request.Estimate;
import com.vidugateway.domain.request.References;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.request.VideoRequestDraft;
import com.vidugateway.domain.validation.Violation;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "validate", sortOptions = false,
        description = {"Check a request offline, as submit would: print it with every default filled in and its"
                + " cost estimate, or every rule it breaks. Nothing is stored or sent.",
                "Exit 0 when valid, 2 when not."})
public final class ValidateCommand implements Callable<Integer> {

    private final ValidateVideoRequest validate;

    @Mixin
    RequestOptions options = new RequestOptions();

    @Option(names = "--json", description = "Print {\"valid\":…,\"request\":…,\"estimate\":…} or {\"valid\":false,\"violations\":[…]}.")
    boolean json;

    @Spec
    CommandSpec spec;

    public ValidateCommand(ValidateVideoRequest validate) {
        this.validate = validate;
    }

    @Override
    public Integer call() {
        RequestOptions.Drafted drafted = options.toDraft();
        Verdict verdict = validate.validate(drafted.draft());
        List<Violation> violations = merge(drafted.unreadable(), verdict.violations());
        PrintWriter out = spec.commandLine().getOut();
        Ansi ansi = spec.commandLine().getColorScheme().ansi();
        if (violations.isEmpty()) {
            if (json) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("valid", true);
                result.put("request", ProviderJson.of(verdict.request()));
                result.put("estimate", estimateJson(verdict.estimate()));
                out.println(Json.write(result));
            } else {
                printValid(out, ansi, verdict.request(), verdict.estimate(), drafted.draft());
            }
            out.flush();
            return ExitCode.SUCCESS;
        }
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("valid", false);
            result.put("violations", violations.stream().map(ValidateCommand::violationJson).toList());
            out.println(Json.write(result));
        } else {
            ViolationPrinter.print(out, ansi, violations, options::optionFor);
        }
        out.flush();
        return ExitCode.INVALID;
    }

    /** A file that could not be read is one violation, not also "is null" from the rules behind it. */
    static List<Violation> merge(List<Violation> unreadable, List<Violation> fromRules) {
        List<Violation> all = new ArrayList<>(unreadable);
        fromRules.stream()
                .filter(v -> unreadable.stream().noneMatch(u -> v.field().startsWith(u.field())))
                .forEach(all::add);
        return all;
    }

    static Map<String, Object> violationJson(Violation violation) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("field", violation.field());
        json.put("message", violation.message());
        return json;
    }

    static Map<String, Object> estimateJson(Estimate estimate) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cost_cny", estimate.costCny());
        json.put("typical_generation_seconds", estimate.typicalGenerationTime() == null ? null
                : estimate.typicalGenerationTime().toMillis() / 1000.0);
        json.put("basis", estimate.basis());
        return json;
    }

    private void printValid(PrintWriter out, Ansi ansi, VideoRequest request, Estimate estimate, VideoRequestDraft draft) {
        out.println(ansi.string("@|bold,green Valid|@ — this request would be accepted."));
        row(out, "model", request.modelName(), false);
        if (request.references() instanceof References.Subjects subjects) {
            for (References.Subject subject : subjects.subjects()) {
                row(out, "subject @" + subject.id(), describe(subject.images()), false);
            }
        } else {
            row(out, "images", describe(request.references().allImages()), false);
        }
        row(out, "prompt", request.prompt(), false);
        row(out, "duration", request.duration() + " s", draft.duration() == null);
        row(out, "resolution", request.resolution().wire(), draft.resolution() == null);
        row(out, "aspect ratio", request.aspectRatio().wire(), draft.aspectRatio() == null);
        row(out, "movement", request.movementAmplitude().wire(), draft.movementAmplitude() == null);
        row(out, "seed", request.seed() == 0 ? "0 = the provider picks" : String.valueOf(request.seed()), draft.seed() == null);
        row(out, "bgm", String.valueOf(request.bgm()), draft.bgm() == null);
        if (request.references() instanceof References.Subjects) {
            row(out, "audio", String.valueOf(request.audio()), draft.audio() == null);
        }
        if (estimate.isKnown()) {
            out.println(ansi.string(String.format(Locale.ROOT,
                    "@|bold Estimate|@: %s CNY, typically %.1f s to generate (%s)",
                    estimate.costCny().toPlainString(), estimate.typicalGenerationTime().toMillis() / 1000.0,
                    estimate.basis())));
        } else {
            out.println(ansi.string("@|bold Estimate|@: unknown — " + estimate.basis()));
        }
    }

    private static void row(PrintWriter out, String label, String value, boolean defaulted) {
        out.printf("  %-14s %s%s%n", label, value, defaulted ? " (default)" : "");
    }

    private static String describe(List<ReferenceImage> images) {
        List<String> parts = new ArrayList<>();
        for (ReferenceImage image : images) {
            if (image instanceof ReferenceImage.InlineImage inline) {
                parts.add(String.format(Locale.ROOT, "%s %d×%d, %s inline", inline.format().displayName(),
                        inline.width(), inline.height(), TaskText.size(inline.decodedBytes())));
            } else {
                parts.add(TaskText.image(image));
            }
        }
        return String.join("; ", parts);
    }
}
