package com.vidugateway.adapter.cli;

import com.vidugateway.application.port.in.SubmitVideoTask;
import com.vidugateway.application.port.in.ValidateVideoRequest;
import com.vidugateway.application.port.out.ProviderFailure;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.validation.Violation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "submit", sortOptions = false,
        description = {"Check a request, store it and send it to the provider. Local image files are read and"
                + " encoded here; an invalid request prints every broken rule and nothing is sent.",
                "Exit 0 accepted (with --wait: succeeded), 1 the task failed, 2 invalid, 3 provider or storage error."})
public final class SubmitCommand implements Callable<Integer> {

    private final TaskServices services;
    private final ValidateVideoRequest validate;

    @Mixin
    RequestOptions options = new RequestOptions();

    @Option(names = "--wait", description = "Wait for the task to finish, showing progress.")
    boolean waitForIt;

    @Option(names = {"--output", "-o"}, paramLabel = "FILE", description = "Save the video here when it is done (implies --wait).")
    Path output;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "30m",
            description = "With --wait: give up waiting after this long, e.g. 90s, 10m (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--idempotency-key", paramLabel = "KEY",
            description = "Submitting again with the same key and request returns the same task instead of paying twice.")
    String idempotencyKey;

    @Option(names = "--json", description = "Print the task as JSON (and nothing else on stdout).")
    boolean json;

    @Spec
    CommandSpec spec;

    public SubmitCommand(TaskServices services, ValidateVideoRequest validate) {
        this.services = services;
        this.validate = validate;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Ansi ansi = spec.commandLine().getColorScheme().ansi();
        RequestOptions.Drafted drafted = options.toDraft();
        // Checked here first, offline: an invalid request never opens the store, let alone reaches the provider.
        List<Violation> violations = ValidateCommand.merge(drafted.unreadable(), validate.validate(drafted.draft()).violations());
        if (!violations.isEmpty()) {
            return invalid(out, err, ansi, violations);
        }
        SubmitVideoTask.Result result = services.submit().submit(
                new SubmitVideoTask.Command(services.owner(), drafted.draft(), idempotencyKey));
        if (result instanceof SubmitVideoTask.Invalid invalid) {
            return invalid(out, err, ansi, invalid.violations());
        }
        if (result instanceof SubmitVideoTask.IdempotencyConflict conflict) {
            err.println("vidu submit: idempotency key '" + conflict.idempotencyKey() + "' was already used for task "
                    + conflict.existingTask() + " with a different request; use a new key");
            return ExitCode.INVALID;
        }
        if (result instanceof SubmitVideoTask.Refused refused) {
            new TaskPrinter(services, out, err, ansi, isTerminal()).report(refused.task(), json);
            err.println("vidu submit: " + refused.task().errorMessage());
            ProviderFailure.Reason reason = refused.refusal().reason();
            return reason == ProviderFailure.Reason.AUTHENTICATION || reason == ProviderFailure.Reason.FORBIDDEN
                    ? ExitCode.PROVIDER_OR_STORAGE_ERROR : ExitCode.TASK_FAILED;
        }
        SubmitVideoTask.Accepted accepted = (SubmitVideoTask.Accepted) result;
        TaskPrinter printer = new TaskPrinter(services, out, err, ansi, isTerminal());
        if (!json) {
            err.println((accepted.replayed() ? "already submitted with this idempotency key: task " : "accepted: task ")
                    + accepted.task().id() + " (" + accepted.task().status() + ")");
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

    private int invalid(PrintWriter out, PrintWriter err, Ansi ansi, List<Violation> violations) {
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("valid", false);
            result.put("violations", violations.stream().map(ValidateCommand::violationJson).toList());
            out.println(Json.write(result));
            out.flush();
        } else {
            ViolationPrinter.print(err, ansi, violations, options::optionFor);
            err.println("Nothing was sent.");
            err.flush();
        }
        return ExitCode.INVALID;
    }

    private static boolean isTerminal() {
        return System.console() != null;
    }
}
