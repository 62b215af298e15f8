package com.vidugateway.adapter.cli;

import com.vidugateway.domain.text.Messages;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine;

/** {@code 90}, {@code 90s}, {@code 10m}, {@code 1h30m} or ISO-8601 {@code PT10M}. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    /** Why a value is not a duration, in the command line's language. */
    static final class Invalid extends CommandLine.TypeConversionException {
        Invalid(String message) {
            super(message);
        }
    }

    private final Messages messages;

    /** In English (picocli's default factory). */
    DurationConverter() {
        this(Messages.english());
    }

    DurationConverter(Messages messages) {
        this.messages = messages;
    }

    @Override
    public Duration convert(String value) {
        String text = value.trim().toUpperCase(Locale.ROOT);
        try {
            if (text.matches("\\d+")) {
                return Duration.ofSeconds(Long.parseLong(text));
            }
            Duration parsed = Duration.parse(text.startsWith("P") ? text : "PT" + text);
            if (parsed.isNegative()) {
                throw new Invalid(messages.text("cli.duration.negative", "value", value));
            }
            return parsed;
        } catch (DateTimeParseException e) {
            throw new Invalid(messages.text("cli.duration.invalid", "value", value));
        }
    }
}
