package com.vidugateway.application.port.out;

import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatusView;
import java.util.Optional;

/**
 * Tasks' status answers, read without their requests: the path clients poll while tasks run, so a store answers it
 * from the few columns it needs.
 */
public interface TaskStatuses {

    /** The owner's task as its status answer shows it; another owner's task is not found, as if it did not exist. */
    Optional<TaskStatusView> statusOf(String owner, TaskId id);
}
