package com.vidugateway.adapter.fake;

import com.vidugateway.application.port.out.VideoGenerator;
import com.vidugateway.application.port.out.VideoGeneratorContract;
import com.vidugateway.application.testing.InMemoryImageBlobs;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fake passes the contract every generator passes. At ten times the provider's speed and one second
 * per read, a 4–5 s clip takes three or four reads, so the contract sees Pending and Running before the end.
 */
class FakeVideoGeneratorContractTest extends VideoGeneratorContract {

    private final TestClock clock = new TestClock();
    private FakeVideoGenerator generator;

    @BeforeEach
    void start(@TempDir Path videos) {
        generator = new FakeVideoGenerator(clock, 10, videos, FakeVideoGenerator.ANY_FREE_PORT, new InMemoryImageBlobs());
    }

    @AfterEach
    void stop() {
        generator.close();
    }

    @Override
    protected VideoGenerator generator() {
        return generator;
    }

    @Override
    protected void letTimePass() {
        clock.advance(Duration.ofSeconds(1));
    }
}
