package com.vidugateway.application.service;

import com.vidugateway.application.port.in.GetVideoTask;
import com.vidugateway.application.port.out.VideoTasks;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatusView;
import com.vidugateway.domain.task.VideoTask;
import java.util.Optional;

/** @param memory null where no change feed is followed (CLI commands): every status is read from the store */
record GetVideoTaskService(VideoTasks tasks, TaskWorker worker, StatusMemory memory) implements GetVideoTask {

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
        return memory == null ? tasks.statusOf(owner, id) : memory.statusOf(owner, id);
    }

    @Override
    public Optional<TaskStatusView> rememberedStatus(String owner, TaskId id) {
        return memory == null ? Optional.empty() : memory.remembered(owner, id);
    }
}
