package com.vidugateway.bootstrap;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one reader of durations in settings, for the server's settings records and the CLI's alike: a number and a unit
 * ({@code 500ms}, {@code 90s}, {@code 10m} or {@code 10min}, {@code 24h}, {@code 7d}; any letter case, blanks between
 * number and unit allowed) or ISO-8601 ({@code PT10M}, {@code P30D}). Each setting says itself what it makes of a value
 * that is none, naming itself and its rule (decision 16).
 *
 * <p>Not Micronaut's converter: the CLI has no bean context, and asking for {@code ConversionService.SHARED} costs about
 * 0.35 s on a cold JVM, more than a whole {@code vidu list}; nor does it take the forms above beyond the lower-case
 * {@code <n><unit>} and ISO-8601 ones, which would refuse values the gateway always took.
 */
final class Durations {

    private static final Pattern NUMBER_AND_UNIT = Pattern.compile("(\\d{1,9})\\s*(ms|s|min|m|h|d)");

    private Durations() {}

    /** The duration {@code value} writes; empty when it writes none (null, blank, {@code keep}, not a duration). */
    static Optional<Duration> parse(String value) {
        String text = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        Matcher simple = NUMBER_AND_UNIT.matcher(text);
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            return Optional.of(switch (simple.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m", "min" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
        }
        if (!text.startsWith("p")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.parse(text.toUpperCase(Locale.ROOT)));
        } catch (DateTimeParseException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code value} says "for good": {@code keep} or {@code forever}, any letter case. */
    static boolean forGood(String value) {
        String text = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return text.equals("keep") || text.equals("forever");
    }

    /**
     * A retention: how long something is kept, or for good ({@code keep}).
     *
     * @return the duration; null for {@code keep} (or nothing): kept for good
     * @throws IllegalArgumentException {@code setting: 'value' is not a retention…}
     */
    static Duration retention(String setting, String value) {
        if (value == null || value.isBlank() || forGood(value)) {
            return null;
        }
        return parse(value).orElseThrow(() -> new IllegalArgumentException(setting + ": '" + value + "' is not a"
                + " retention; give a duration such as 7d, 12h or 90m, or 'keep'"));
    }

    /**
     * A setting that must be a positive duration, unset taking {@code otherwise}.
     *
     * @throws IllegalArgumentException {@code setting: 'value' is not a duration…}, naming the setting
     */
    static Duration positive(String setting, String value, Duration otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        return parse(value).filter(d -> !d.isNegative() && !d.isZero()).orElseThrow(() -> new IllegalArgumentException(
                setting + ": '" + value.strip() + "' is not a duration longer than 0; give one such as 90s, 10m, 24h"
                        + " or PT10M"));
    }
}
