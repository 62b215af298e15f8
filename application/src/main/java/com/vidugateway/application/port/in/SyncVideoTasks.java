package com.vidugateway.application.port.in;

/** The background status sync: move every task that is due a look one step on. */
public interface SyncVideoTasks {

    /** Looks at the tasks due now (a bounded batch); returns how many were looked at. */
    int syncDue();
}
