package com.vidugateway.bootstrap;

import com.vidugateway.domain.client.ByteSizes;
import com.vidugateway.adapter.rest.RequestBodySettings;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code vidu.request-body.*}: how fast a request body must arrive and how much heap the bodies being read may hold,
 * for the REST adapter ({@link RequestBodySettings}, where the defaults are written):
 * <ul>
 *   <li>{@code deadline} ({@code VIDU_BODY_DEADLINE}): the whole body within this time (default 10m);</li>
 *   <li>{@code min-rate} ({@code VIDU_BODY_MIN_RATE}): after the grace time, at least this average rate, a size a
 *       second ({@code 16KiB} or {@code 16KiB/s}; default 16KiB);</li>
 *   <li>{@code grace}: how long a body may start slowly (default 10s);</li>
 *   <li>{@code memory}: the heap all bodies being read may hold (default a quarter of the heap).</li>
 * </ul>
 * Only the server reads them: CLI commands take no request bodies.
 */
@ConfigurationProperties("vidu.request-body")
record RequestBodyProperties(@Nullable String deadline, @Nullable String minRate, @Nullable String grace,
                             @Nullable String memory) {

    static final String DEADLINE = "VIDU_BODY_DEADLINE (vidu.request-body.deadline)";
    static final String MIN_RATE = "VIDU_BODY_MIN_RATE (vidu.request-body.min-rate)";

    /** Checked and typed; unset takes {@link RequestBodySettings}'s defaults. */
    RequestBodySettings settings() {
        RequestBodySettings defaults = RequestBodySettings.defaults();
        return new RequestBodySettings(
                duration(DEADLINE, deadline, defaults.deadline()),
                blank(minRate) ? defaults.minBytesPerSecond() : ByteSizes.parse(MIN_RATE, perSecond(minRate)),
                duration("vidu.request-body.grace", grace, defaults.grace()),
                blank(memory) ? defaults.memory() : ByteSizes.parse("vidu.request-body.memory", memory));
    }

    private static Duration duration(String setting, String value, Duration otherwise) {
        if (blank(value)) {
            return otherwise;
        }
        Duration duration = Durations.parse(value).orElseThrow(() -> new IllegalArgumentException(setting
                + " must be a duration such as 10m, 90s or PT10M, not '" + abbreviated(value.strip()) + "'"));
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(setting + " must be longer than 0, not '" + value + "'");
        }
        return duration;
    }

    /** A rate is a size a second: {@code 16KiB/s} is {@code 16KiB}. */
    private static String perSecond(String value) {
        String text = value.strip();
        return text.toLowerCase(Locale.ROOT).endsWith("/s") ? text.substring(0, text.length() - 2) : text;
    }

    /** A value quoted back in a message, cut to 40 characters. */
    private static String abbreviated(String text) {
        if (text.length() <= 40) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(36)) ? 36 : 37;
        return text.substring(0, end) + "…";
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
