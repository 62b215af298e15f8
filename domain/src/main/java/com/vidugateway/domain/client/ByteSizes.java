package com.vidugateway.domain.client;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one reader of byte sizes in settings and client quotas ({@code 512MB}, {@code 512MiB}, {@code 1g}, {@code 1048576}); the units are
 * binary (a megabyte is 1024 × 1024 bytes), as for Micronaut's {@code max-request-size}.
 */
public final class ByteSizes {

    private static final Pattern FORM = Pattern.compile("\\s*(\\d+)\\s*([kmgt]?)(i?b?)\\s*", Pattern.CASE_INSENSITIVE);

    private ByteSizes() {}

    /**
     * @param setting how the message names the setting
     * @throws IllegalArgumentException not a size, or none at all; the message names {@code setting}
     */
    public static long parse(String setting, String value) {
        Matcher m = value == null ? null : FORM.matcher(value);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException(setting + " must be a size such as 512MB or 536870912, not '" + value + "'");
        }
        long number;
        try {
            number = Long.parseLong(m.group(1));
        } catch (NumberFormatException tooManyDigits) {
            throw new IllegalArgumentException(setting + " is too large: " + value);
        }
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        if (number > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException(setting + " is too large: " + value);
        }
        long bytes = number << shift;
        if (bytes < 1) {
            throw new IllegalArgumentException(setting + " must be at least 1 byte, not '" + value + "'");
        }
        return bytes;
    }

    /** A size as people read it: bytes up to 1 KiB, then KiB, MiB, GiB with one decimal. */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
