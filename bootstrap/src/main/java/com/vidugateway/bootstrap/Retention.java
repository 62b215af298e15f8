package com.vidugateway.bootstrap;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a retention setting: a duration such as {@code 7d}, {@code 12h}, {@code 90m} or {@code P7D}, or "keep". */
final class Retention {

    private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})\\s*(d|h|m|s)");

    private Retention() {}

    /** The duration; null for "keep" (or nothing): kept for good. */
    static Duration parse(String setting, String value) {
        String text = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (text.isEmpty() || text.equals("keep") || text.equals("forever")) {
            return null;
        }
        Matcher simple = SIMPLE.matcher(text);
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            return switch (simple.group(2)) {
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            };
        }
        try {
            return Duration.parse(value.strip().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(setting + ": '" + value + "' is not a retention; give a duration such"
                    + " as 7d, 12h or 90m, or 'keep'");
        }
    }
}
