package com.vidugateway.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.application.testing.InMemoryImageBlobs;
import java.io.IOException;

class InMemoryImageBlobsContractTest extends ImageBlobsContract {

    private final InMemoryImageBlobs blobs = new InMemoryImageBlobs();

    @Override
    protected ImageBlobs blobs() {
        return blobs;
    }

    @Override
    protected void assertNothingLeftBehind() throws IOException {
        super.assertNothingLeftBehind();
        assertThat(blobs.openUploads()).isZero();
    }
}
