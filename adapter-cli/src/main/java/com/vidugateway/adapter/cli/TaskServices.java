package com.vidugateway.adapter.cli;

import com.vidugateway.application.port.in.AwaitVideoTask;
import com.vidugateway.application.port.in.CancelVideoTask;
import com.vidugateway.application.port.in.GetVideoTask;
import com.vidugateway.application.port.in.ListVideoTasks;
import com.vidugateway.application.port.in.ManageClients;
import com.vidugateway.application.port.in.PruneStorage;
import com.vidugateway.application.port.in.ReadTaskVideo;
import com.vidugateway.application.port.in.ReportUsage;
import com.vidugateway.application.port.in.SubmitVideoTask;

/**
 * The use cases the task commands drive, in-process (never through HTTP to ourselves). Bootstrap supplies
 * them lazily: only a command that needs the store pays for opening it.
 */
public interface TaskServices {

    SubmitVideoTask submit();

    GetVideoTask get();

    CancelVideoTask cancel();

    ListVideoTasks list();

    AwaitVideoTask await();

    ReadTaskVideo video();

    /** Housekeeping under the configured retention. */
    PruneStorage prune();

    /** The operator's work on clients and keys ({@code vidu clients}), in the task database. */
    ManageClients clients();

    /** What clients spent and made ({@code vidu usage}). */
    ReportUsage usage();

    /** Whose tasks a local CLI user sees: the same owner as a server without client keys. */
    String owner();
}
