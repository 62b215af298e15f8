package com.vidugateway.adapter.fake;

import com.vidugateway.domain.catalogue.PriceLatencyTable;
import com.vidugateway.domain.catalogue.Resolution;
import com.vidugateway.domain.request.VideoRequest;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * How long the provider typically takes for a request: its published time ({@link PriceLatencyTable}) for
 * the request's model, duration and resolution.
 *
 * <p>The provider publishes times for viduq2 only. For a model without a published time (viduq1, vidu2.0,
 * vidu1.5) the fake uses the <em>nearest viduq2 entry</em>: the same duration if viduq2 has it, else the
 * closest one, and among those the resolution with the closest short side (vidu2.0 4 s 360p takes as long
 * as viduq2 4 s 540p, 11.0 s; vidu1.5 8 s 720p as viduq2 8 s 720p, 49.5 s; viduq1 5 s 1080p as viduq2
 * 5 s 1080p, 35.3 s). A guess is acceptable here, unlike in a cost estimate, because a simulation must
 * take some time, and a time of the same order as the real one keeps polling and timeouts honest.
 */
final class TypicalGenerationTimes {

    /** The only model the provider publishes generation times for. */
    static final String PUBLISHED_MODEL = "viduq2";

    private final PriceLatencyTable table;

    TypicalGenerationTimes(PriceLatencyTable table) {
        this.table = table;
    }

    Duration of(VideoRequest request) {
        return table.lookup(request.modelName(), request.duration(), request.resolution())
                .or(() -> nearestPublished(request.duration(), request.resolution()))
                .map(PriceLatencyTable.Entry::typicalGenerationTime)
                .orElseThrow(() -> new IllegalStateException(
                        "the price/latency table has no " + PUBLISHED_MODEL + " entry to stand in for "
                                + request.modelName()));
    }

    private Optional<PriceLatencyTable.Entry> nearestPublished(int seconds, Resolution resolution) {
        record Candidate(int seconds, Resolution resolution, PriceLatencyTable.Entry entry) {}
        // The table answers lookups only, so ask it for every duration a clip may have and every resolution.
        return IntStream.rangeClosed(1, ClipSpec.MAX_SECONDS).boxed()
                .flatMap(s -> Stream.of(Resolution.values())
                        .flatMap(r -> table.lookup(PUBLISHED_MODEL, s, r).map(e -> new Candidate(s, r, e)).stream()))
                .min(Comparator.<Candidate>comparingInt(c -> Math.abs(c.seconds() - seconds))
                        .thenComparingInt(c -> Math.abs(c.resolution().shortSide() - resolution.shortSide())))
                .map(Candidate::entry);
    }
}
