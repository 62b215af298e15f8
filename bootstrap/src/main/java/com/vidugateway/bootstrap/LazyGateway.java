package com.vidugateway.bootstrap;

import com.vidugateway.adapter.cli.TaskServices;
import com.vidugateway.application.port.in.AwaitVideoTask;
import com.vidugateway.application.port.in.GetVideoTask;
import com.vidugateway.application.port.in.ListVideoTasks;
import com.vidugateway.application.port.in.PruneStorage;
import com.vidugateway.application.port.in.ReadTaskVideo;
import com.vidugateway.application.port.in.SubmitVideoTask;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
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
            context = ApplicationContext.builder().deduceEnvironment(false)
                    // No metrics in a CLI process: nothing scrapes it, and the registry and its binders cost start-up.
                    .properties(java.util.Map.of("vidu.instance.id", ThisProcess.ID, "micronaut.metrics.enabled", false))
                    .start();
            if (context.getBean(ProviderChoice.class) == ProviderChoice.FAKE) {
                err.println(ProviderChoice.FAKE_NOTICE);
            }
            // A CLI task command is an instance too while it runs: what it sends is known to be its own, and a task
            // it leaves Submitting when killed is settled by the next instance that looks.
            bean(InstanceHeartbeat.class).start();
        }
        return context;
    }

    /**
     * A bean, with a bad setting reported as its own one-line message ("VIDU_KEEP_IMAGES: 'x' is not…") rather than
     * inside the framework's account of how the bean was being built.
     */
    private <T> T bean(Class<T> type) {
        try {
            return context().getBean(type);
        } catch (BeanInstantiationException e) {
            IllegalArgumentException setting = badSetting(e).orElseThrow(() -> e);
            if (setting instanceof StorageFactory.Unreachable outage) {
                // An outage, not a wrong setting: the CLI's storage exit code (3), still one line.
                throw new java.io.UncheckedIOException(outage.getMessage(), new java.io.IOException(outage.getMessage()));
            }
            throw setting;
        }
    }

    /** The setting a bean could not be built from, when that is why (its message names the setting). */
    static java.util.Optional<IllegalArgumentException> badSetting(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IllegalArgumentException setting) {
                return java.util.Optional.of(setting);
            }
        }
        return java.util.Optional.empty();
    }

    @Override
    public SubmitVideoTask submit() {
        return bean(SubmitVideoTask.class);
    }

    @Override
    public GetVideoTask get() {
        return bean(GetVideoTask.class);
    }

    @Override
    public ListVideoTasks list() {
        return bean(ListVideoTasks.class);
    }

    @Override
    public AwaitVideoTask await() {
        return bean(AwaitVideoTask.class);
    }

    @Override
    public ReadTaskVideo video() {
        return bean(ReadTaskVideo.class);
    }

    @Override
    public PruneStorage prune() {
        return bean(PruneStorage.class);
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
