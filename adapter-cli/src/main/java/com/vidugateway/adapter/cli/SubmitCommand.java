package com.vidugateway.adapter.cli;

import com.vidugateway.application.port.in.SubmitVideoTask;
import com.vidugateway.application.port.in.ValidateVideoRequest;
import com.vidugateway.application.port.out.ProviderFailure;
import com.vidugateway.domain.client.ClientQuota;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.text.Messages;
import com.vidugateway.domain.validation.Violation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "submit", sortOptions = false)
public final class SubmitCommand extends TaskCommand {

    private final ValidateVideoRequest validate;

    @Mixin
    RequestOptions options = new RequestOptions();

    @Option(names = "--wait")
    boolean waitForIt;

    @Option(names = {"--output", "-o"}, paramLabel = "FILE")
    Path output;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "30m")
    Duration timeout;

    @Option(names = "--idempotency-key", paramLabel = "KEY")
    String idempotencyKey;

    @Option(names = "--json")
    boolean json;

    public SubmitCommand(TaskServices services, ValidateVideoRequest validate) {
        super(services);
        this.validate = validate;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = terminal.out();
        PrintWriter err = terminal.err();
        Ansi ansi = terminal.ansi();
        Messages messages = terminal.messages();
        RequestOptions.Drafted drafted = options.toDraft();
        // Checked here first, offline: an invalid request never opens the store, let alone reaches the provider.
        List<Violation> violations = ValidateCommand.merge(drafted.unreadable(), validate.validate(drafted.draft()).violations());
        if (!violations.isEmpty()) {
            return invalid(out, err, ansi, messages, violations);
        }
        SubmitVideoTask.Result result = services.submit().submit(
                new SubmitVideoTask.Command(services.owner(), drafted.draft(), idempotencyKey));
        if (result instanceof SubmitVideoTask.Invalid invalid) {
            return invalid(out, err, ansi, messages, invalid.violations());
        }
        if (result instanceof SubmitVideoTask.OverLimit over) {
            return overLimit(out, err, messages, over.refusal());
        }
        if (result instanceof SubmitVideoTask.IdempotencyConflict conflict) {
            err.println("vidu submit: " + messages.text("cli.submit.idempotency_conflict",
                    "key", conflict.idempotencyKey(), "id", conflict.existingTask()));
            return ExitCode.INVALID;
        }
        if (result instanceof SubmitVideoTask.Refused refused) {
            terminal.printer(services, Terminal.interactive()).report(refused.task(), json);
            err.println("vidu submit: " + refused.task().errorMessage());
            ProviderFailure.Reason reason = refused.refusal().reason();
            return reason == ProviderFailure.Reason.AUTHENTICATION || reason == ProviderFailure.Reason.FORBIDDEN
                    ? ExitCode.PROVIDER_OR_STORAGE_ERROR : ExitCode.TASK_FAILED;
        }
        SubmitVideoTask.Accepted accepted = (SubmitVideoTask.Accepted) result;
        TaskPrinter printer = terminal.printer(services, Terminal.interactive());
        if (!json) {
            err.println(messages.text(accepted.replayed() ? "cli.submit.replayed" : "cli.submit.accepted",
                    "id", accepted.task().id(), "status", accepted.task().status()));
        }
        if (accepted.task().status() == TaskStatus.FAILURE) {
            return printer.finished(accepted.task(), null, json);
        }
        if (waitForIt || output != null) {
            return printer.waitFor(accepted.task(), timeout, output, json);
        }
        printer.report(accepted.task(), json);
        return ExitCode.SUCCESS;
    }

    /**
     * A limit of the owner's refused the task before it was stored: the sentence in one line on stderr, and with
     * {@code --json} the refusal for scripts (its stable code and English text) on stdout. Exit 2: nothing was sent,
     * and the same request may pass once the limit allows it.
     */
    private int overLimit(PrintWriter out, PrintWriter err, Messages messages, ClientQuota.Refusal refusal) {
        if (json) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", refusal.limit().code());
            error.put("message", refusal.reason().english());
            error.put("retry_after_seconds", refusal.retryAfter() == null ? null : refusal.retryAfter().toSeconds());
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("over_limit", error);
            out.println(Json.write(result));
            out.flush();
        }
        err.println("vidu submit: " + messages.text("cli.submit.over_limit", "reason", refusal.reason().in(messages),
                "code", refusal.limit().code()));
        err.flush();
        return ExitCode.INVALID;
    }

    private int invalid(PrintWriter out, PrintWriter err, Ansi ansi, Messages messages, List<Violation> violations) {
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("valid", false);
            result.put("violations", violations.stream().map(ValidateCommand::violationJson).toList());
            out.println(Json.write(result));
            out.flush();
        } else {
            ViolationPrinter.print(err, ansi, messages, violations, options::optionFor);
            err.println(messages.text("cli.submit.nothing_sent"));
            err.flush();
        }
        return ExitCode.INVALID;
    }
}
