package com.vidugateway.adapter.rest;

import java.util.Locale;

/**
 * One HTTP {@code Range} request against a resource of known size (RFC 9110 §14): a single byte range is
 * served as 206; an unsatisfiable one is 416; anything else — no header, another unit, several ranges, a
 * malformed value — is served whole, as the RFC allows a server to ignore a Range it does not support.
 */
sealed interface VideoRange {

    /** The whole resource. */
    record Whole() implements VideoRange {}

    /** Bytes {@code first} to {@code last}, inclusive. */
    record Part(long first, long last) implements VideoRange {
        long length() {
            return last - first + 1;
        }
    }

    /** No byte of the resource matches. */
    record Unsatisfiable() implements VideoRange {}

    static VideoRange of(String header, long size) {
        if (header == null) {
            return new Whole();
        }
        String value = header.strip();
        int equals = value.indexOf('=');
        if (equals < 0 || !value.substring(0, equals).strip().toLowerCase(Locale.ROOT).equals("bytes")) {
            return new Whole();
        }
        String spec = value.substring(equals + 1).strip();
        if (spec.contains(",")) {
            return new Whole();
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Whole();
        }
        String from = spec.substring(0, dash).strip();
        String to = spec.substring(dash + 1).strip();
        if (!digits(from) && !from.isEmpty() || !digits(to) && !to.isEmpty() || from.isEmpty() && to.isEmpty()) {
            return new Whole();
        }
        if (from.isEmpty()) {
            // A suffix: the last N bytes.
            long n = number(to);
            if (n == 0 || size == 0) {
                return new Unsatisfiable();
            }
            return new Part(Math.max(0, size - n), size - 1);
        }
        long first = number(from);
        long last = to.isEmpty() ? Long.MAX_VALUE : number(to);
        if (last < first) {
            return new Whole();
        }
        if (first >= size) {
            return new Unsatisfiable();
        }
        return new Part(first, Math.min(last, size - 1));
    }

    private static boolean digits(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** A decimal position; beyond a long it is beyond any resource. */
    private static long number(String digits) {
        String trimmed = digits.replaceFirst("^0+(?=.)", "");
        return trimmed.length() > 18 ? Long.MAX_VALUE : Long.parseLong(trimmed);
    }
}
