package com.vidugateway.adapter.modelverse;

import com.vidugateway.application.port.out.VideoGenerator;
import com.vidugateway.application.port.out.VideoGeneratorContract;
import com.vidugateway.application.testing.InMemoryImageBlobs;
import io.micronaut.serde.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The Modelverse client against the stub Modelverse passes the same contract as the fake provider. */
class ModelverseContractTest extends VideoGeneratorContract {

    private StubModelverse stub;
    private ModelverseVideoGenerator generator;

    @BeforeEach
    void start() {
        stub = new StubModelverse();
        generator = new ModelverseVideoGenerator(new ModelverseSettings(stub.baseUrl(), "sk-contract-key",
                Duration.ofSeconds(2), Duration.ofSeconds(2)), ObjectMapper.getDefault(), new InMemoryImageBlobs());
    }

    @AfterEach
    void stop() {
        generator.close();
        stub.close();
    }

    @Override
    protected VideoGenerator generator() {
        return generator;
    }

    @Override
    protected void letTimePass() {
        // The stub moves a task on by one state per status read.
    }
}
