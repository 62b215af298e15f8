package com.vidugateway.bootstrap;

import com.vidugateway.adapter.fake.FakeVideoGenerator;
import com.vidugateway.adapter.modelverse.ModelverseSettings;
import com.vidugateway.adapter.modelverse.ModelverseVideoGenerator;
import com.vidugateway.application.port.out.ImageBlobs;
import com.vidugateway.application.port.out.VideoGenerator;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/** Chooses and builds the provider: Modelverse or the fake, per {@link ProviderChoice}. */
@Factory
class ProviderFactory {

    /** Milliseconds: what the store keeps, so a task read back equals the task written. */
    @Singleton
    Clock clock() {
        return millisecondClock();
    }

    static Clock millisecondClock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    }

    @Singleton
    ProviderChoice providerChoice(@Value("${vidu.provider:}") String provider,
                                  @Value("${modelverse.api-key:}") String apiKey) {
        return ProviderChoice.of(provider, apiKey);
    }

    @Singleton
    ModelverseSettings modelverseSettings(
            @Value("${modelverse.base-url:`https://api.modelverse.cn`}") URI baseUrl,
            @Value("${modelverse.api-key:}") String apiKey,
            @Value("${modelverse.connect-timeout:10s}") Duration connectTimeout,
            @Value("${modelverse.read-timeout:60s}") Duration readTimeout) {
        return new ModelverseSettings(baseUrl, apiKey, connectTimeout, readTimeout);
    }

    @Singleton
    @Bean(preDestroy = "close")
    VideoGenerator videoGenerator(ProviderChoice choice, Clock clock, io.micronaut.context.BeanProvider<ObjectMapper> json,
                                  ImageBlobs images, io.micronaut.context.BeanProvider<ModelverseSettings> modelverse,
                                  @Value("${vidu.data-dir:}") String dataDir,
                                  @Value("${vidu.fake.speed:1}") double fakeSpeed,
                                  @Value("${vidu.fake.port:0}") int fakePort) {
        return generator(choice, clock, images, modelverse::get, json::get, DataDirectory.of(dataDir), fakeSpeed, fakePort);
    }

    /**
     * The provider {@code choice} names, built on its first call; Modelverse's settings and JSON mapper are asked for
     * only then (a CLI command that never calls the provider starts no bean context for them).
     */
    static LazyVideoGenerator generator(ProviderChoice choice, Clock clock, ImageBlobs images,
                                        Supplier<ModelverseSettings> modelverse, Supplier<ObjectMapper> json,
                                        Path dataDir, double fakeSpeed, int fakePort) {
        return switch (choice) {
            case MODELVERSE -> new LazyVideoGenerator("modelverse", 1.0,
                    () -> new ModelverseVideoGenerator(modelverse.get(), json.get(), images));
            case FAKE -> new LazyVideoGenerator("fake", fakeSpeed,
                    () -> new FakeVideoGenerator(clock, fakeSpeed, dataDir.resolve("fake-provider"), fakePort, images));
        };
    }
}
