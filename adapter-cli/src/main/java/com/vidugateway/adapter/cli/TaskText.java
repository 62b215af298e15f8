package com.vidugateway.adapter.cli;

import com.vidugateway.domain.task.StatusChange;
import com.vidugateway.domain.task.FailureCode;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.TaskSummary;
import com.vidugateway.domain.task.VideoTask;
import com.vidugateway.domain.text.Messages;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** How a task reads: for people (lines, table rows, in the CLI's language) and for scripts (JSON, the same in every language). */
final class TaskText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private TaskText() {}

    /** "viduq2 · 5 s · 720p · 16:9": the request in a table cell or a line. */
    static String shape(TaskSummary task) {
        return task.model() + " · " + task.duration() + " s · " + task.resolution().wire() + " · "
                + task.aspectRatio().wire();
    }

    static List<String> describe(VideoTask task, Messages messages) {
        List<String> lines = new java.util.ArrayList<>();
        lines.add(messages.text("cli.task.title", "id", task.id(), "status", task.status()));
        lines.add(row(messages, "request", shape(task.summary())));
        lines.add(row(messages, "prompt", oneLine(task.request().prompt(), 100)));
        lines.add(row(messages, "accepted", TIME.format(task.acceptedAt())));
        if (task.providerTaskId() != null) {
            lines.add(row(messages, "provider", task.providerTaskId()));
        }
        lines.add(row(messages, "history", task.history().stream()
                .map(change -> change.status() + " " + CLOCK.format(change.at())).collect(Collectors.joining(" → "))));
        if (task.errorMessage() != null) {
            lines.add(row(messages, "error", FailureCode.of(task).map(code -> "[" + code.code() + "] ").orElse("")
                    + task.errorMessage()));
        }
        lines.add(row(messages, "images", imagesText(task, messages)));
        if (task.status() == TaskStatus.SUCCESS) {
            lines.add(row(messages, "video", videoText(task, messages)));
        }
        return lines;
    }

    /** "  request    viduq2 · 5 s…": a label of the catalogue ({@code cli.task.label.<name>}) in a column of 10. */
    private static String row(Messages messages, String label, String value) {
        return "  " + pad(messages.text("cli.task.label." + label), 10) + " " + value;
    }

    static String imagesText(VideoTask task, Messages messages) {
        String images = task.request().references().allImages().stream().map(TaskText::image)
                .collect(Collectors.joining("; "));
        if (task.imagesRemovedAt() != null) {
            return messages.text("cli.task.images_removed", "images", images, "time", TIME.format(task.imagesRemovedAt()));
        }
        return images;
    }

    static String videoText(VideoTask task, Messages messages) {
        if (task.video() != null && task.video().removedAt() != null) {
            return messages.text("cli.task.video_removed", "time", TIME.format(task.video().removedAt()));
        }
        if (task.video() != null) {
            return messages.text("cli.task.video_stored", "size", size(task.video().sizeBytes()),
                    "sha256", task.video().sha256().substring(0, 12), "id", task.id());
        }
        if (task.videoProblem() != null) {
            return messages.text("cli.task.video_not_stored", "problem", task.videoProblem());
        }
        return messages.text(task.status() == TaskStatus.SUCCESS ? "cli.task.video_copying" : "cli.task.video_none");
    }

    /** One task for scripts ({@code status --json}, {@code wait --json}): as a line of {@code list --json}. */
    static Map<String, Object> json(VideoTask task) {
        return json(task.summary());
    }

    /** One line of {@code list --json}, and one task for scripts. */
    static Map<String, Object> json(TaskSummary task) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("task_id", task.id().value());
        json.put("status", task.status().displayName());
        json.put("provider_status", task.status().providerView().displayName());
        json.put("model", task.model());
        json.put("duration", task.duration());
        json.put("resolution", task.resolution().wire());
        json.put("aspect_ratio", task.aspectRatio().wire());
        json.put("prompt", task.prompt());
        json.put("accepted_at", task.acceptedAt().toString());
        json.put("provider_task_id", task.providerTaskId());
        json.put("error_message", task.errorMessage());
        java.util.Optional<FailureCode> failure = FailureCode.of(task.status(), task.errorMessage());
        if (failure.isPresent()) {
            FailureCode code = failure.get();
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", code.code());
            error.put("category", code.category().wire());
            error.put("retryable", code.retryable());
            error.put("message", task.errorMessage());
            json.put("error", error);
        }
        Map<String, Object> video = new LinkedHashMap<>();
        video.put("stored", task.video() != null && task.video().removedAt() == null);
        if (task.video() != null && task.video().removedAt() != null) {
            video.put("removed_at", task.video().removedAt().toString());
        }
        if (task.video() != null) {
            video.put("size", task.video().sizeBytes());
            video.put("sha256", task.video().sha256());
        }
        video.put("problem", task.videoProblem());
        json.put("video", video);
        json.put("images", task.images().stream().map(TaskText::image).toList());
        json.put("images_removed_at", task.imagesRemovedAt() == null ? null : task.imagesRemovedAt().toString());
        json.put("history", task.history().stream().map(TaskText::changeJson).toList());
        return json;
    }

    private static Map<String, Object> changeJson(StatusChange change) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", change.status().displayName());
        json.put("at", change.at().toString());
        return json;
    }

    static String clock(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        return seconds >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%02d:%02d", seconds / 60, seconds % 60);
    }

    /** A URL as it is; inline data by its data URI header and what it holds (never megabytes of base64). */
    /** One reference image as the REST API and {@code --json} show it: a URL, or what inline data holds. */
    static String image(com.vidugateway.domain.image.ReferenceImage image) {
        return com.vidugateway.wire.WireRequests.preview(image);
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    static String oneLine(String text, int max) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
    }

    /**
     * {@code text} padded with spaces to {@code columns} terminal columns: a Chinese character takes two, so that
     * labels and table cells line up in either language ({@code String.format("%-10s")} counts characters).
     */
    static String pad(String text, int columns) {
        int width = width(text);
        return width >= columns ? text : text + " ".repeat(columns - width);
    }

    /** The columns a terminal gives {@code text}: two for each wide (East Asian) character, one for the rest. */
    static int width(String text) {
        return text.codePoints().map(c -> isWide(c) ? 2 : 1).sum();
    }

    private static boolean isWide(int c) {
        return c >= 0x1100 && (c <= 0x115F || c >= 0x2E80 && c <= 0xA4CF && c != 0x303F
                || c >= 0xAC00 && c <= 0xD7A3 || c >= 0xF900 && c <= 0xFAFF || c >= 0xFE30 && c <= 0xFE4F
                || c >= 0xFF00 && c <= 0xFF60 || c >= 0xFFE0 && c <= 0xFFE6 || c >= 0x20000 && c <= 0x3FFFD);
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }
}
