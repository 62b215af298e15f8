package com.vidugateway.domain.request;

import com.vidugateway.domain.catalogue.PriceLatencyTable;
import com.vidugateway.domain.text.Messages;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a request will cost and how long the provider typically takes, from the published table. Both are
 * absent for models whose prices the provider does not publish: unknown is said, never guessed.
 *
 * @param costCny               price of the clip in CNY, audio included; null when unknown
 * @param typicalGenerationTime the provider's typical generation time; null when unknown
 * @param basisKey              the message catalogue's key of the sentence on where the figures come from, or why
 *                              they are unknown ({@link #basis()})
 * @param basisArguments        that sentence's placeholders' values
 */
public record Estimate(BigDecimal costCny, Duration typicalGenerationTime, String basisKey,
                       Map<String, String> basisArguments) {

    public Estimate {
        Objects.requireNonNull(basisKey, "basisKey");
        basisArguments = basisArguments == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(basisArguments));
    }

    public static Estimate of(VideoRequest request, PriceLatencyTable table) {
        Optional<PriceLatencyTable.Entry> entry =
                table.lookup(request.modelName(), request.duration(), request.resolution());
        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put("model", request.modelName());
        arguments.put("seconds", String.valueOf(request.duration()));
        arguments.put("resolution", String.valueOf(request.resolution()));
        if (entry.isEmpty()) {
            return new Estimate(null, null, "rule.estimate.unknown", arguments);
        }
        BigDecimal cost = entry.get().priceCny();
        String key = "rule.estimate.price_list";
        if (request.audio()) {
            cost = cost.add(PriceLatencyTable.AUDIO_SURCHARGE_CNY);
            key = "rule.estimate.price_list_with_audio";
            arguments.put("surcharge", String.valueOf(PriceLatencyTable.AUDIO_SURCHARGE_CNY));
        }
        return new Estimate(cost, entry.get().typicalGenerationTime(), key, arguments);
    }

    /** One sentence, in English, on where the figures come from, or why they are unknown. */
    public String basis() {
        return basis(Messages.english());
    }

    /** {@link #basis()} in the language of {@code messages}. */
    public String basis(Messages messages) {
        return messages.text(basisKey, basisArguments);
    }

    public boolean isKnown() {
        return costCny != null;
    }
}
