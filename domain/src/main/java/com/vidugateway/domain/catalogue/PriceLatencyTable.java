package com.vidugateway.domain.catalogue;

import static com.vidugateway.domain.catalogue.Resolution.P1080;
import static com.vidugateway.domain.catalogue.Resolution.P540;
import static com.vidugateway.domain.catalogue.Resolution.P720;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The provider's published price and typical generation time per clip ({@code rules.md}, "Price and
 * typical generation time"). Only viduq2 is published; other models have no entry, and callers say so.
 */
public final class PriceLatencyTable {

    /** What {@code parameters.audio = true} adds to a task, in CNY. */
    public static final BigDecimal AUDIO_SURCHARGE_CNY = new BigDecimal("0.46875");

    /** Price in CNY and typical generation time of one clip. */
    public record Entry(BigDecimal priceCny, Duration typicalGenerationTime) {}

    private record Key(String model, int seconds, Resolution resolution) {}

    public static final PriceLatencyTable STANDARD = new PriceLatencyTable();

    private final Map<Key, Entry> entries = new HashMap<>();

    private PriceLatencyTable() {
        //        seconds  540p ¥   time   720p ¥   time   1080p ¥  time
        viduq2(1, "0.47", 5.0, "0.78", 8.1, "2.34", 9.9);
        viduq2(2, "0.63", 6.6, "0.94", 12.4, "2.66", 15.7);
        viduq2(3, "0.78", 8.4, "1.09", 16.3, "2.97", 20.4);
        viduq2(4, "0.94", 11.0, "1.25", 22.3, "3.28", 27.1);
        viduq2(5, "1.09", 14.7, "1.41", 28.7, "3.59", 35.3);
        viduq2(6, "1.25", 16.5, "1.56", 34.9, "3.91", 44.1);
        viduq2(7, "1.41", 18.7, "1.72", 41.2, "4.22", 53.0);
        viduq2(8, "1.56", 22.1, "1.88", 49.5, "4.53", 62.9);
        viduq2(9, "2.19", 37.0, "2.50", 75.0, "5.16", 90.0);
        viduq2(10, "2.81", 43.0, "3.13", 89.0, "5.78", 106.0);
    }

    public Optional<Entry> lookup(String model, int seconds, Resolution resolution) {
        return Optional.ofNullable(entries.get(new Key(model, seconds, resolution)));
    }

    /**
     * How long a clip typically takes, for scheduling (polls, timeouts, the fake provider's pace) — never for
     * prices. The published time where there is one; otherwise the nearest published viduq2 entry: the same
     * duration if it exists, else the closest, and among those the closest resolution (vidu2.0 4 s 360p is
     * taken as viduq2 4 s 540p, 11.0 s). A guess is acceptable here because something must be waited for,
     * and a time of the right order keeps polling and timeouts honest.
     */
    public Duration expectedGenerationTime(String model, int seconds, Resolution resolution) {
        return lookup(model, seconds, resolution)
                .or(() -> entries.entrySet().stream()
                        .min(Comparator.<Map.Entry<Key, Entry>>comparingInt(e -> Math.abs(e.getKey().seconds() - seconds))
                                .thenComparingInt(e -> Math.abs(e.getKey().resolution().shortSide() - resolution.shortSide())))
                        .map(Map.Entry::getValue))
                .map(Entry::typicalGenerationTime)
                .orElseThrow();
    }

    private void viduq2(int seconds, String p540, double t540, String p720, double t720, String p1080, double t1080) {
        put("viduq2", seconds, P540, p540, t540);
        put("viduq2", seconds, P720, p720, t720);
        put("viduq2", seconds, P1080, p1080, t1080);
    }

    private void put(String model, int seconds, Resolution resolution, String price, double time) {
        entries.put(new Key(model, seconds, resolution),
                new Entry(new BigDecimal(price), Duration.ofMillis(Math.round(time * 1000))));
    }
}
