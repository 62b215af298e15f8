package com.vidugateway.bootstrap;

import java.util.Locale;

/** The one reader of yes-or-no settings: {@code true} or {@code false} (any letter case); not set is false. */
final class Flags {

    private Flags() {}

    /** @throws IllegalArgumentException neither true nor false; the message names {@code setting} */
    static boolean of(String setting, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        String flag = value.strip().toLowerCase(Locale.ROOT);
        if (flag.equals("true") || flag.equals("false")) {
            return flag.equals("true");
        }
        throw new IllegalArgumentException(setting + ": '" + value.strip() + "' is neither true nor false");
    }
}
