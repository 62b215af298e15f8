package com.vidugateway.adapter.persistence;

import com.vidugateway.application.port.out.ImageBlobs;
import com.vidugateway.application.testing.InMemoryImageBlobs;

/** What the store needs around it in tests. */
final class Fixtures {

    private Fixtures() {}

    /** A blob store for migrating a new database: it has no old rows, so nothing is ever put in it. */
    static ImageBlobs blobs() {
        return new InMemoryImageBlobs();
    }
}
