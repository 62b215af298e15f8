package com.vidugateway.adapter.cli;

import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.task.StatusChange;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** How a task reads: for people (lines, table rows) and for scripts (JSON). */
final class TaskText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private TaskText() {}

    static String shape(VideoRequest request) {
        return request.modelName() + " · " + request.duration() + " s · " + request.resolution().wire() + " · "
                + request.aspectRatio().wire();
    }

    static List<String> describe(VideoTask task) {
        List<String> lines = new java.util.ArrayList<>();
        lines.add("Task " + task.id() + "  " + task.status());
        lines.add(String.format("  %-10s %s", "request", shape(task.request())));
        lines.add(String.format("  %-10s %s", "prompt", oneLine(task.request().prompt(), 100)));
        lines.add(String.format("  %-10s %s", "accepted", TIME.format(task.acceptedAt())));
        if (task.providerTaskId() != null) {
            lines.add(String.format("  %-10s %s", "provider", task.providerTaskId()));
        }
        lines.add(String.format("  %-10s %s", "history", task.history().stream()
                .map(change -> change.status() + " " + CLOCK.format(change.at())).collect(Collectors.joining(" → "))));
        if (task.errorMessage() != null) {
            lines.add(String.format("  %-10s %s", "error", task.errorMessage()));
        }
        lines.add(String.format("  %-10s %s", "images", imagesText(task)));
        if (task.status() == TaskStatus.SUCCESS) {
            lines.add(String.format("  %-10s %s", "video", videoText(task)));
        }
        return lines;
    }

    static String imagesText(VideoTask task) {
        String images = task.request().references().allImages().stream().map(TaskText::image)
                .collect(Collectors.joining("; "));
        if (task.imagesRemovedAt() != null) {
            return images + " — inline image data removed " + TIME.format(task.imagesRemovedAt())
                    + " (image retention, VIDU_KEEP_IMAGES)";
        }
        return images;
    }

    static String videoText(VideoTask task) {
        if (task.video() != null && task.video().removedAt() != null) {
            return "removed " + TIME.format(task.video().removedAt()) + " (video retention, VIDU_KEEP_VIDEOS)";
        }
        if (task.video() != null) {
            return "stored (" + size(task.video().sizeBytes()) + ", sha256 " + task.video().sha256().substring(0, 12)
                    + "…); save it with: vidu download " + task.id();
        }
        if (task.videoProblem() != null) {
            return "not stored: " + task.videoProblem();
        }
        return task.status() == TaskStatus.SUCCESS ? "being copied from the provider" : "none";
    }

    static Map<String, Object> json(VideoTask task) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("task_id", task.id().value());
        json.put("status", task.status().displayName());
        json.put("provider_status", task.status().providerView().displayName());
        json.put("model", task.request().modelName());
        json.put("duration", task.request().duration());
        json.put("resolution", task.request().resolution().wire());
        json.put("aspect_ratio", task.request().aspectRatio().wire());
        json.put("prompt", task.request().prompt());
        json.put("accepted_at", task.acceptedAt().toString());
        json.put("provider_task_id", task.providerTaskId());
        json.put("error_message", task.errorMessage());
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
        json.put("images", task.request().references().allImages().stream().map(TaskText::image).toList());
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
    static String image(com.vidugateway.domain.image.ReferenceImage image) {
        if (image instanceof com.vidugateway.domain.image.ReferenceImage.InlineImage inline) {
            String form = inline.dataUriPrefix() == null ? "(bare base64) " : inline.dataUriPrefix();
            return form + "<" + size(inline.decodedBytes()) + " " + inline.format().displayName() + " "
                    + inline.width() + "×" + inline.height() + ">";
        }
        return ((com.vidugateway.domain.image.ReferenceImage.RemoteImage) image).url().toString();
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

    static String time(Instant instant) {
        return TIME.format(instant);
    }
}
