package com.vidugateway.adapter.rest;

import com.vidugateway.wire.WireRequests;

/** Byte sizes as people read them ({@code 512 MiB}); the settings that hold sizes are read by bootstrap. */
final class Sizes {

    private Sizes() {}

    static String human(long bytes) {
        return WireRequests.bytes(bytes);
    }
}
