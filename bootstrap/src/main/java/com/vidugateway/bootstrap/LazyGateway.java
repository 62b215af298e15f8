package com.vidugateway.bootstrap;

import com.vidugateway.adapter.cli.TaskServices;
import com.vidugateway.application.port.in.AwaitVideoTask;
import com.vidugateway.application.port.in.GetVideoTask;
import com.vidugateway.application.port.in.ListVideoTasks;
import com.vidugateway.application.port.in.PruneStorage;
import com.vidugateway.application.port.in.ReadTaskVideo;
import com.vidugateway.application.port.in.SubmitVideoTask;
import io.micronaut.context.ApplicationContext;
import java.io.PrintStream;

/**
 * The use cases for CLI commands, behind a bean context that starts on first use: {@code vidu --help},
 * {@code models} and {@code validate} never open the store. Says once, on stderr, when the provider is fake.
 */
final class LazyGateway implements TaskServices, AutoCloseable {

    /** The owner of tasks submitted from this machine's CLI, and of a key-less server's loopback clients. */
    static final String LOCAL_OWNER = "local";

    private final PrintStream err;
    private ApplicationContext context;

    LazyGateway(PrintStream err) {
        this.err = err;
    }

    private synchronized ApplicationContext context() {
        if (context == null) {
            context = ApplicationContext.builder().deduceEnvironment(false).start();
            if (context.getBean(ProviderChoice.class) == ProviderChoice.FAKE) {
                err.println(ProviderChoice.FAKE_NOTICE);
            }
        }
        return context;
    }

    @Override
    public SubmitVideoTask submit() {
        return context().getBean(SubmitVideoTask.class);
    }

    @Override
    public GetVideoTask get() {
        return context().getBean(GetVideoTask.class);
    }

    @Override
    public ListVideoTasks list() {
        return context().getBean(ListVideoTasks.class);
    }

    @Override
    public AwaitVideoTask await() {
        return context().getBean(AwaitVideoTask.class);
    }

    @Override
    public ReadTaskVideo video() {
        return context().getBean(ReadTaskVideo.class);
    }

    @Override
    public PruneStorage prune() {
        return context().getBean(PruneStorage.class);
    }

    @Override
    public String owner() {
        return LOCAL_OWNER;
    }

    @Override
    public synchronized void close() {
        if (context != null) {
            context.close();
            context = null;
        }
    }
}
