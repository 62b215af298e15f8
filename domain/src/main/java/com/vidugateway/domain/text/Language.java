package com.vidugateway.domain.text;

import java.util.Locale;
import java.util.Map;

/**
 * The languages the gateway speaks: English, and Simplified Chinese for the provider's home market. Chosen from the
 * locale a terminal names, or from a browser's or HTTP client's {@code Accept-Language}.
 */
public enum Language {
    ENGLISH("en"),
    CHINESE("zh");

    private final String tag;

    Language(String tag) {
        this.tag = tag;
    }

    /** The BCP 47 primary tag: {@code en}, {@code zh}. */
    public String tag() {
        return tag;
    }

    /**
     * The language a terminal asks for, as POSIX orders it: {@code LC_ALL}, then {@code LC_MESSAGES}, then
     * {@code LANG}; Chinese for any {@code zh…} locale ({@code zh_CN.UTF-8}, {@code zh_SG}), English otherwise.
     */
    public static Language ofEnvironment(Map<String, String> environment) {
        for (String name : new String[] {"LC_ALL", "LC_MESSAGES", "LANG"}) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                return ofTag(value);
            }
        }
        return ENGLISH;
    }

    /**
     * The language an {@code Accept-Language} header prefers most among the two spoken here (highest {@code q},
     * the first listed on a tie); English when it names neither, or is absent or malformed.
     */
    public static Language ofAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return ENGLISH;
        }
        Language best = ENGLISH;
        double bestWeight = -1;
        for (String range : header.split(",")) {
            String[] parts = range.trim().split(";");
            String tag = parts[0].trim().toLowerCase(Locale.ROOT);
            double weight = 1;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].trim();
                if (parameter.startsWith("q=")) {
                    try {
                        weight = Double.parseDouble(parameter.substring(2));
                    } catch (NumberFormatException malformed) {
                        weight = 0;
                    }
                }
            }
            boolean spoken = tag.startsWith("zh") || tag.startsWith("en");
            if (spoken && weight > 0 && weight > bestWeight) {
                best = ofTag(tag);
                bestWeight = weight;
            }
        }
        return best;
    }

    /** {@code zh}, {@code zh-CN}, {@code zh_CN.UTF-8}… → Chinese; anything else → English. */
    public static Language ofTag(String tag) {
        return tag != null && tag.trim().toLowerCase(Locale.ROOT).startsWith("zh") ? CHINESE : ENGLISH;
    }
}
