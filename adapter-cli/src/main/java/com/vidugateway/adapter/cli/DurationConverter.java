package com.vidugateway.adapter.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine;

/** {@code 90}, {@code 90s}, {@code 10m}, {@code 1h30m} or ISO-8601 {@code PT10M}. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        String text = value.trim().toUpperCase(Locale.ROOT);
        try {
            if (text.matches("\\d+")) {
                return Duration.ofSeconds(Long.parseLong(text));
            }
            Duration parsed = Duration.parse(text.startsWith("P") ? text : "PT" + text);
            if (parsed.isNegative()) {
                throw new CommandLine.TypeConversionException("'" + value + "' is negative");
            }
            return parsed;
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration; write e.g. 90s, 10m or 1h");
        }
    }
}
