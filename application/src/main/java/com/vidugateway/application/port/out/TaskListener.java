package com.vidugateway.application.port.out;

import com.vidugateway.domain.task.VideoTask;

/**
 * Told every task change once it is stored (webhooks, metrics). Called on the thread that made the change:
 * an implementation hands slow work (network) to its own threads and never throws.
 */
@FunctionalInterface
public interface TaskListener {

    void taskChanged(VideoTask task);

    TaskListener NONE = task -> { };
}
