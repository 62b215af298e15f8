package com.vidugateway.bootstrap;

import com.vidugateway.adapter.fake.FakeVideoGenerator;
import com.vidugateway.adapter.modelverse.ModelverseSettings;
import com.vidugateway.adapter.modelverse.ModelverseVideoGenerator;
import com.vidugateway.application.port.out.ImageBlobs;
import com.vidugateway.application.port.out.VideoGenerator;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.BeanProvider;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
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
    ProviderChoice providerChoice(ViduProperties settings, ModelverseProperties modelverse) {
        return settings.providerChoice(modelverse);
    }

    @Singleton
    ModelverseSettings modelverseSettings(ModelverseProperties modelverse) {
        return modelverse.settings();
    }

    @Singleton
    @Bean(preDestroy = "close")
    VideoGenerator videoGenerator(ProviderChoice choice, Clock clock, BeanProvider<ObjectMapper> json, ImageBlobs images,
                                  BeanProvider<ModelverseSettings> modelverse, ViduProperties settings,
                                  FakeProperties fake) {
        return generator(choice, clock, images, modelverse::get, json::get, settings.dataDirectory(), fake.pace(),
                fake.videoPort());
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
