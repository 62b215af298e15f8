package com.vidugateway.adapter.cli;

import com.vidugateway.application.port.in.ValidateVideoRequest;
import com.vidugateway.application.port.in.ValidateVideoRequest.Verdict;
import com.vidugateway.domain.image.ReferenceImage;
import com.vidugateway.domain.request.Estimate;
import com.vidugateway.domain.request.References;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.request.VideoRequestDraft;
import com.vidugateway.domain.text.Messages;
import com.vidugateway.domain.validation.Violation;
import com.vidugateway.wire.WireFields;
import com.vidugateway.wire.WireRequests;
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

@Command(name = "validate", sortOptions = false)
public final class ValidateCommand implements Callable<Integer> {

    private final ValidateVideoRequest validate;

    @Mixin
    RequestOptions options = new RequestOptions();

    @Option(names = "--json")
    boolean json;

    @Mixin
    Terminal terminal = new Terminal();

    public ValidateCommand(ValidateVideoRequest validate) {
        this.validate = validate;
    }

    @Override
    public Integer call() {
        RequestOptions.Drafted drafted = options.toDraft();
        Verdict verdict = validate.validate(drafted.draft());
        List<Violation> violations = merge(drafted.unreadable(), verdict.violations());
        PrintWriter out = terminal.out();
        Ansi ansi = terminal.ansi();
        Messages messages = terminal.messages();
        if (violations.isEmpty()) {
            if (json) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("valid", true);
                result.put("request", WireFields.of(WireRequests.preview(verdict.request())));
                result.put("estimate", estimateJson(verdict.estimate()));
                out.println(Json.write(result));
            } else {
                printValid(out, ansi, messages, verdict.request(), verdict.estimate(), drafted.draft());
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
            ViolationPrinter.print(out, ansi, messages, violations, options::optionFor);
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

    /** A violation for scripts: its English text, whatever the language of the command line. */
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

    private void printValid(PrintWriter out, Ansi ansi, Messages messages, VideoRequest request, Estimate estimate,
                            VideoRequestDraft draft) {
        out.println(ansi.string("@|bold,green " + messages.text("cli.validate.valid") + "|@ — "
                + messages.text("cli.validate.would_be_accepted")));
        Rows rows = new Rows(out, messages);
        rows.row("model", request.modelName(), false);
        if (request.references() instanceof References.Subjects subjects) {
            for (References.Subject subject : subjects.subjects()) {
                rows.row(messages.text("cli.validate.label.subject", "id", subject.id()), describe(subject.images(), messages),
                        false);
            }
        } else {
            rows.row("images", describe(request.references().allImages(), messages), false);
        }
        rows.row("prompt", request.prompt(), false);
        rows.row("duration", request.duration() + " s", draft.duration() == null);
        rows.row("resolution", request.resolution().wire(), draft.resolution() == null);
        rows.row("aspect_ratio", request.aspectRatio().wire(), draft.aspectRatio() == null);
        rows.row("movement", request.movementAmplitude().wire(), draft.movementAmplitude() == null);
        rows.row("seed", request.seed() == 0 ? messages.text("cli.validate.seed_zero") : String.valueOf(request.seed()),
                draft.seed() == null);
        rows.row("bgm", String.valueOf(request.bgm()), draft.bgm() == null);
        if (request.references() instanceof References.Subjects) {
            rows.row("audio", String.valueOf(request.audio()), draft.audio() == null);
        }
        // Only the heading goes through the markup; the basis is printed as it is.
        String heading = ansi.string("@|bold " + messages.text("cli.validate.estimate") + "|@");
        if (estimate.isKnown()) {
            out.println(messages.text("cli.validate.estimate_known", "heading", heading,
                    "cost", estimate.costCny().toPlainString(),
                    "seconds", String.format(Locale.ROOT, "%.1f", estimate.typicalGenerationTime().toMillis() / 1000.0),
                    "basis", estimate.basis(messages)));
        } else {
            out.println(messages.text("cli.validate.estimate_unknown", "heading", heading, "basis",
                    estimate.basis(messages)));
        }
    }

    /** The request's rows: a label of the catalogue ({@code cli.validate.label.<name>}) in a column of 14. */
    private record Rows(PrintWriter out, Messages messages) {
        void row(String label, String value, boolean defaulted) {
            String text = messages.has("cli.validate.label." + label) ? messages.text("cli.validate.label." + label) : label;
            out.println("  " + TaskText.pad(text, 14) + " " + value
                    + (defaulted ? " " + messages.text("cli.validate.defaulted") : ""));
        }
    }

    private static String describe(List<ReferenceImage> images, Messages messages) {
        List<String> parts = new ArrayList<>();
        for (ReferenceImage image : images) {
            if (image instanceof ReferenceImage.InlineImage inline) {
                parts.add(messages.text("cli.validate.inline_image", "format", inline.format().displayName(),
                        "width", inline.width(), "height", inline.height(), "size", TaskText.size(inline.decodedBytes())));
            } else {
                parts.add(TaskText.image(image));
            }
        }
        return String.join("; ", parts);
    }
}
