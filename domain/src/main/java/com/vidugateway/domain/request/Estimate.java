package com.vidugateway.domain.request;

import com.vidugateway.domain.catalogue.PriceLatencyTable;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/**
 * What a request will cost and how long the provider typically takes, from the published table. Both are
 * absent for models whose prices the provider does not publish: unknown is said, never guessed.
 *
 * @param costCny               price of the clip in CNY, audio included; null when unknown
 * @param typicalGenerationTime the provider's typical generation time; null when unknown
 * @param basis                 one sentence on where the figures come from, or why they are unknown
 */
public record Estimate(BigDecimal costCny, Duration typicalGenerationTime, String basis) {

    public static Estimate of(VideoRequest request, PriceLatencyTable table) {
        Optional<PriceLatencyTable.Entry> entry =
                table.lookup(request.modelName(), request.duration(), request.resolution());
        if (entry.isEmpty()) {
            return new Estimate(null, null, "the provider publishes no price or generation time for "
                    + request.modelName() + " at " + request.duration() + " s " + request.resolution());
        }
        BigDecimal cost = entry.get().priceCny();
        String basis = "provider price list: " + request.modelName() + " " + request.duration() + " s "
                + request.resolution();
        if (request.audio()) {
            cost = cost.add(PriceLatencyTable.AUDIO_SURCHARGE_CNY);
            basis += ", plus " + PriceLatencyTable.AUDIO_SURCHARGE_CNY + " CNY for audio";
        }
        return new Estimate(cost, entry.get().typicalGenerationTime(), basis);
    }

    public boolean isKnown() {
        return costCny != null;
    }
}
