package com.vidugateway.application.service;

import com.vidugateway.application.port.in.ReadTaskVideo;
import com.vidugateway.application.port.out.VideoArchive;
import com.vidugateway.application.port.out.VideoTasks;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import java.util.Optional;

public final class ReadTaskVideoService implements ReadTaskVideo {

    private final VideoTasks tasks;
    private final VideoArchive archive;

    public ReadTaskVideoService(VideoTasks tasks, VideoArchive archive) {
        this.tasks = tasks;
        this.archive = archive;
    }

    @Override
    public Result read(String owner, TaskId id) {
        Optional<VideoTask> found = tasks.findOwned(owner, id);
        if (found.isEmpty()) {
            return new NotFound(id);
        }
        VideoTask task = found.get();
        if (task.status() == TaskStatus.FAILURE) {
            return new NotReady(task, "the task failed, so it has no video: " + task.errorMessage());
        }
        if (task.status() != TaskStatus.SUCCESS) {
            return new NotReady(task, "the task is " + task.status() + "; its video is not ready yet");
        }
        if (task.video() == null) {
            return new NotReady(task, task.videoProblem() != null ? task.videoProblem()
                    : "the video is being copied from the provider; try again in a moment");
        }
        if (task.video().removedAt() != null) {
            return new NotReady(task, "the gateway's copy of the video was removed on " + task.video().removedAt()
                    + ", as the video retention (VIDU_KEEP_VIDEOS) says");
        }
        return archive.read(task.video())
                .<Result>map(content -> new Found(task, content))
                .orElseGet(() -> new NotReady(task, "the stored copy of the video is missing from the archive"));
    }
}
