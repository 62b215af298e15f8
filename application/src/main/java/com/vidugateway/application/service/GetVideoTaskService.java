package com.vidugateway.application.service;

import com.vidugateway.application.port.in.GetVideoTask;
import com.vidugateway.application.port.out.VideoTasks;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatusView;
import com.vidugateway.domain.task.VideoTask;
import java.util.Optional;

public final class GetVideoTaskService implements GetVideoTask {

    private final VideoTasks tasks;
    private final TaskWorker worker;

    GetVideoTaskService(VideoTasks tasks, TaskWorker worker) {
        this.tasks = tasks;
        this.worker = worker;
    }

    @Override
    public Optional<VideoTask> get(String owner, TaskId id, boolean refresh) {
        Optional<VideoTask> found = tasks.findOwned(owner, id);
        if (found.isEmpty() || !refresh || found.get().isTerminal()) {
            return found;
        }
        try {
            int attempts = tasks.checkOf(id).map(VideoTasks.Check::attempts).orElse(0);
            return Optional.of(worker.refresh(found.get(), attempts));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return found;
        }
    }

    @Override
    public Optional<TaskStatusView> status(String owner, TaskId id) {
        return tasks.statusOf(owner, id);
    }
}
