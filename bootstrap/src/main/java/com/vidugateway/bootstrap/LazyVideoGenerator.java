package com.vidugateway.bootstrap;

import com.vidugateway.adapter.fake.FakeVideoGenerator;
import com.vidugateway.application.port.out.ProviderFailure;
import com.vidugateway.application.port.out.ProviderTask;
import com.vidugateway.application.port.out.VideoGenerator;
import com.vidugateway.domain.request.VideoRequest;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The provider, built on its first call: {@code vidu list} and {@code vidu status} never start an HTTP
 * client or the fake's video server they do not use.
 */
final class LazyVideoGenerator implements VideoGenerator {

    private final String name;
    private final double pace;
    private final Supplier<VideoGenerator> factory;
    private VideoGenerator generator;

    LazyVideoGenerator(String name, double pace, Supplier<VideoGenerator> factory) {
        this.name = name;
        this.pace = pace;
        this.factory = factory;
    }

    /**
     * Builds the provider now: a server does so at start, so that its first provider calls are not slowed by building
     * HTTP clients — a call that reaches the provider late bunches with the next ones and overruns the call cap.
     */
    void start() {
        generator();
    }

    private synchronized VideoGenerator generator() {
        if (generator == null) {
            generator = factory.get();
        }
        return generator;
    }

    /**
     * Where the fake provider serves its videos (127.0.0.1 and its port), when this is the fake and it has started:
     * the one loopback origin video downloads trust without {@code VIDU_DOWNLOAD_ALLOW_PRIVATE}.
     */
    synchronized Optional<InetSocketAddress> fakeVideoServer() {
        return generator instanceof FakeVideoGenerator fake ? Optional.of(fake.videoServerAddress()) : Optional.empty();
    }

    @Override
    public Submission submit(VideoRequest request) throws ProviderFailure {
        return generator().submit(request);
    }

    @Override
    public ProviderTask status(String providerTaskId) throws ProviderFailure {
        return generator().status(providerTaskId);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double pace() {
        return pace;
    }

    @Override
    public synchronized void close() {
        if (generator != null) {
            generator.close();
        }
    }

    @Override
    public String toString() {
        return "LazyVideoGenerator[" + name + (generator == null ? ", not started]" : ", " + generator + "]");
    }
}
