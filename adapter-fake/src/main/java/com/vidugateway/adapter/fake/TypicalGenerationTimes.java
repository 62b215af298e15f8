package com.vidugateway.adapter.fake;

import com.vidugateway.domain.catalogue.PriceLatencyTable;
import com.vidugateway.domain.request.VideoRequest;
import java.time.Duration;

/**
 * How long the provider typically takes for a request: {@link PriceLatencyTable#expectedGenerationTime}, the
 * published time for the request's model, duration and resolution.
 *
 * <p>The provider publishes times for viduq2 only. For a model without a published time (viduq1, vidu2.0,
 * vidu1.5) the table gives the <em>nearest viduq2 entry</em>: the same duration if viduq2 has it, else the
 * closest one, and among those the resolution with the closest short side (vidu2.0 4 s 360p takes as long
 * as viduq2 4 s 540p, 11.0 s; vidu1.5 8 s 720p as viduq2 8 s 720p, 49.5 s; viduq1 5 s 1080p as viduq2
 * 5 s 1080p, 35.3 s). A guess is acceptable here, unlike in a cost estimate, because a simulation must
 * take some time, and a time of the same order as the real one keeps polling and timeouts honest.
 */
final class TypicalGenerationTimes {

    private final PriceLatencyTable table;

    TypicalGenerationTimes(PriceLatencyTable table) {
        this.table = table;
    }

    Duration of(VideoRequest request) {
        return table.expectedGenerationTime(request.modelName(), request.duration(), request.resolution());
    }
}
