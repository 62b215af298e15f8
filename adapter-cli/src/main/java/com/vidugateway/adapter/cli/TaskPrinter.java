package com.vidugateway.adapter.cli;

import com.vidugateway.application.port.in.AwaitVideoTask;
import com.vidugateway.application.port.in.ReadTaskVideo;
import com.vidugateway.domain.task.FailureCode;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import com.vidugateway.domain.text.Messages;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Help.Ansi;

/**
 * Waiting for a task with a live progress line (on a terminal), plain periodic lines (otherwise) or nothing
 * but the result ({@code --json}); then saving the video when asked. Shared by {@code submit --wait} and {@code wait}.
 */
record TaskPrinter(TaskServices services, PrintWriter out, PrintWriter err, Ansi ansi, Messages messages,
                   boolean terminal) {

    private static final Duration PLAIN_EVERY = Duration.ofSeconds(10);
    private static final int BAR = 24;
    private static final Clock CLOCK = Clock.systemUTC();

    /** Waits, prints, saves; returns the exit code. */
    int waitFor(VideoTask task, Duration timeout, Path output, boolean json) throws InterruptedException {
        Instant started = CLOCK.instant();
        Progress progress = new Progress(started, json);
        AwaitVideoTask await = services.await();
        Optional<VideoTask> ended = await.await(services.owner(), task.id(), timeout,
                p -> progress.show(p.task(), p.expectedFinish()));
        progress.finish();
        if (ended.isEmpty()) {
            err.println("vidu: " + messages.text("cli.task.no_such", "id", task.id()));
            return ExitCode.INVALID;
        }
        VideoTask last = ended.get();
        if (!last.isTerminal()) {
            report(last, json);
            err.println("vidu: " + messages.text("cli.wait.still", "id", last.id(), "status", last.status(),
                    "timeout", TaskText.clock(timeout)));
            return ExitCode.PROVIDER_OR_STORAGE_ERROR;
        }
        return finished(last, output, json);
    }

    /** Prints a finished task (and saves its video to {@code output} when given); returns the exit code. */
    int finished(VideoTask task, Path output, boolean json) {
        report(task, json);
        if (task.status() == TaskStatus.FAILURE || task.status() == TaskStatus.CANCELLED) {
            if (!json) {
                err.println(ansi.string("@|red vidu: " + messages.text("cli.task.failed") + "|@") + " ["
                        + FailureCode.of(task).orElseThrow().code() + "]: " + task.errorMessage());
            }
            return ExitCode.TASK_FAILED;
        }
        if (output == null) {
            return ExitCode.SUCCESS;
        }
        return save(task, output, json);
    }

    int save(VideoTask task, Path output, boolean json) {
        ReadTaskVideo.Result video = services.video().read(services.owner(), task.id());
        if (!(video instanceof ReadTaskVideo.Found found)) {
            String why = video instanceof ReadTaskVideo.NotReady notReady ? notReady.reason().in(messages)
                    : messages.text("cli.video.no_such_task");
            err.println("vidu: " + messages.text("cli.video.cannot_save", "id", task.id(), "why", why));
            return ExitCode.PROVIDER_OR_STORAGE_ERROR;
        }
        try {
            Path saved = VideoSaver.save(found, output, err, messages, terminal);
            if (!json) {
                out.println(messages.text("cli.video.saved", "file", saved, "size", TaskText.size(found.content().size())));
            }
            return ExitCode.SUCCESS;
        } catch (IOException e) {
            err.println("vidu: " + messages.text("cli.video.cannot_write", "file", output, "reason", e.getMessage()));
            return ExitCode.PROVIDER_OR_STORAGE_ERROR;
        }
    }

    void report(VideoTask task, boolean json) {
        if (json) {
            out.println(Json.write(TaskText.json(task)));
        } else {
            TaskText.describe(task, messages).forEach(out::println);
        }
        out.flush();
    }

    /** The progress display, told the task each time it is looked at. */
    private final class Progress {
        private final Instant started;
        private final boolean quiet;
        private TaskStatus lastStatus;
        private Instant lastPlain = Instant.MIN;
        private boolean drawn;

        Progress(Instant started, boolean quiet) {
            this.started = started;
            this.quiet = quiet;
        }

        void show(VideoTask task, Instant expectedFinish) {
            if (quiet) {
                return;
            }
            Instant now = CLOCK.instant();
            Duration elapsed = Duration.between(started, now);
            String etaText = task.isTerminal() ? messages.text("cli.progress.done")
                    : expectedFinish == null ? messages.text("cli.progress.eta_unknown")
                    : now.isAfter(expectedFinish)
                            ? messages.text("cli.progress.overdue", "time", TaskText.clock(Duration.between(expectedFinish, now)))
                            : messages.text("cli.progress.eta", "time", TaskText.clock(Duration.between(now, expectedFinish)));
            String elapsedText = messages.text("cli.progress.elapsed", "time", TaskText.clock(elapsed));
            if (terminal) {
                err.print("\r" + ansi.string("@|bold " + String.format("%-10s", task.status()) + "|@") + " "
                        + bar(task, now, expectedFinish) + " " + elapsedText + " · " + etaText + "   ");
                err.flush();
                drawn = true;
            } else if (task.status() != lastStatus || Duration.between(lastPlain, now).compareTo(PLAIN_EVERY) >= 0) {
                err.println(TaskText.time(now) + " " + task.status() + " (" + elapsedText + ", " + etaText + ")");
                err.flush();
                lastPlain = now;
            }
            lastStatus = task.status();
        }

        void finish() {
            if (drawn) {
                err.println();
                err.flush();
            }
        }

        private String bar(VideoTask task, Instant now, Instant expectedFinish) {
            double done = 0;
            if (task.isTerminal()) {
                done = 1;
            } else if (expectedFinish != null) {
                Instant from = task.enteredAt(TaskStatus.PENDING).orElse(task.acceptedAt());
                double total = Math.max(1, Duration.between(from, expectedFinish).toMillis());
                done = Math.min(0.99, Duration.between(from, now).toMillis() / total);
            }
            int filled = (int) Math.round(done * BAR);
            return "[" + "#".repeat(filled) + "-".repeat(BAR - filled) + "]";
        }
    }
}
