package com.vidugateway.adapter.http.testing;

import com.vidugateway.adapter.http.HttpVideoDownload;
import com.vidugateway.application.support.DestinationPolicy;
import com.vidugateway.application.port.out.VideoDownload;
import java.time.Duration;
import java.util.Set;

/** Downloads as the gateway makes them, from the tests' own provider on loopback, which they trust (any port). */
public final class LoopbackDownloads {

    private LoopbackDownloads() {}

    public static VideoDownload trusted() {
        return trusted(VideoDownload.DEFAULT_TIMEOUT, VideoDownload.DEFAULT_MAX_BYTES);
    }

    public static VideoDownload trusted(Duration timeout, long maxBytes) {
        return new HttpVideoDownload(new DestinationPolicy(false, Set.of()),
                (scheme, host, port) -> host.equals("127.0.0.1"), Duration.ofSeconds(5), timeout, maxBytes);
    }
}
