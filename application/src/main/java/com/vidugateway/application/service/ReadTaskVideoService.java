package com.vidugateway.application.service;

import com.vidugateway.application.port.in.ReadTaskVideo;
import com.vidugateway.application.port.out.VideoArchive;
import com.vidugateway.application.port.out.TaskStore;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import com.vidugateway.domain.text.Sentence;
import java.util.Optional;

public record ReadTaskVideoService(TaskStore tasks, VideoArchive archive) implements ReadTaskVideo {

    @Override
    public Result read(String owner, TaskId id) {
        Optional<VideoTask> found = tasks.findOwned(owner, id);
        if (found.isEmpty()) {
            return new NotFound(id);
        }
        VideoTask task = found.get();
        if (task.status() == TaskStatus.FAILURE) {
            return new NotReady(task, Sentence.of("use.video.failed", "error", task.errorMessage()));
        }
        if (task.status() != TaskStatus.SUCCESS) {
            return new NotReady(task, Sentence.of("use.video.not_ready", "status", task.status()));
        }
        if (task.video() == null) {
            return new NotReady(task, task.videoProblem() != null ? Sentence.verbatim(task.videoProblem())
                    : Sentence.of("use.video.copying"));
        }
        if (task.video().removedAt() != null) {
            return new NotReady(task, Sentence.of("use.video.removed", "at", task.video().removedAt()));
        }
        return archive.read(task.video())
                .<Result>map(content -> new Found(task, content))
                .orElseGet(() -> new NotReady(task, Sentence.of("use.video.missing")));
    }
}
