package com.vidugateway.domain.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's one message catalogue: every sentence the CLI, the REST API's errors and the web console show, in
 * English and Simplified Chinese.
 *
 * <p>The text is in {@code .properties} files beside this class, UTF-8, one pair per part of the product:
 * {@code rules} (the request rules' violations), {@code tasks} (what the use cases say about a task), {@code api} (REST
 * errors), {@code cli} (commands, help, errors) and
 * {@code console} (the web page, which reads its part as JSON); {@code <part>.properties} is English and
 * {@code <part>_zh.properties} Chinese, with the same keys. A placeholder is a name in braces, {@code {max}}, the
 * same in Java and in the console's script; a key missing in Chinese falls back to English (a test finds any).
 */
public final class Messages {

    /** The parts of the catalogue, one file pair each. */
    public static final List<String> PARTS = List.of("rules", "tasks", "api", "cli", "console");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)\\}");
    private static final Map<Language, Messages> LOADED = new EnumMap<>(Language.class);

    private final Language language;
    /** The parts read so far: each is read on first use (a CLI command reads only {@code cli}, maybe {@code rules}). */
    private final Map<String, Map<String, String>> parts = new java.util.concurrent.ConcurrentHashMap<>();
    /** {@link #part} as asked for, with English filled in: each command's help reads {@code cli} once more. */
    private final Map<String, Map<String, String>> merged = new java.util.concurrent.ConcurrentHashMap<>();
    private final Messages fallback;

    private Messages(Language language, Messages fallback) {
        this.language = language;
        this.fallback = fallback;
    }

    /** The catalogue in one language (read once per process). */
    public static synchronized Messages in(Language language) {
        return LOADED.computeIfAbsent(language, Messages::load);
    }

    public static Messages english() {
        return in(Language.ENGLISH);
    }

    public Language language() {
        return language;
    }

    /**
     * The text of {@code key} with its placeholders filled: {@code text("prompt.too_long", "length", 2001, "max",
     * 2000)}. A placeholder without a value stays as written, so a missing argument shows rather than vanishes.
     *
     * @throws IllegalArgumentException no part of the catalogue has {@code key}, or the arguments are not name/value
     *                                  pairs
     */
    public String text(String key, Object... namesAndValues) {
        return fill(pattern(key), arguments(key, namesAndValues));
    }

    /**
     * {@code "max", 2000, "length", 2001} as a map from placeholder names to values, in order.
     *
     * @throws IllegalArgumentException the arguments are not name/value pairs
     */
    public static Map<String, Object> arguments(String key, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("arguments of '" + key + "' must be name/value pairs");
        }
        Map<String, Object> arguments = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            arguments.put(String.valueOf(namesAndValues[i]), namesAndValues[i + 1]);
        }
        return arguments;
    }

    /** Like {@link #text(String, Object...)}, the arguments by name. */
    public String text(String key, Map<String, ?> arguments) {
        return fill(pattern(key), arguments);
    }

    /** Whether the catalogue has {@code key} (in English, which has every key). */
    public boolean has(String key) {
        return own(key) != null || fallback != null && fallback.has(key);
    }

    /** The unfilled text of {@code key}, English when this language lacks it. */
    public String pattern(String key) {
        String text = own(key);
        if (text != null) {
            return text;
        }
        if (fallback != null) {
            return fallback.pattern(key);
        }
        throw new IllegalArgumentException("the message catalogue has no '" + key + "'");
    }

    /** Every key of one part with its unfilled text in this language (English where it has none), sorted by key. */
    public Map<String, String> part(String part) {
        return merged.computeIfAbsent(part, name -> {
            Map<String, String> found = new TreeMap<>();
            if (fallback != null) {
                found.putAll(fallback.part(name));
            }
            found.putAll(texts(name));
            return Collections.unmodifiableMap(found);
        });
    }

    /**
     * The part a key belongs to, by its first word: {@code rule.…} → rules, {@code use.…} → tasks, {@code api.…},
     * {@code cli.…}; every other
     * key is the console's (a test holds each part to this).
     */
    static String partOf(String key) {
        int dot = key.indexOf('.');
        String first = dot < 0 ? key : key.substring(0, dot);
        return switch (first) {
            case "rule" -> "rules";
            case "use" -> "tasks";
            case "api", "cli" -> first;
            default -> "console";
        };
    }

    private String own(String key) {
        return texts(partOf(key)).get(key);
    }

    private Map<String, String> texts(String part) {
        return parts.computeIfAbsent(part, name -> Map.copyOf(read(name, language)));
    }

    /** The names of the placeholders in a text, in order of appearance. */
    public static List<String> placeholders(String text) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        List<String> names = new java.util.ArrayList<>();
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static String fill(String pattern, Map<String, ?> arguments) {
        if (arguments.isEmpty()) {
            return pattern;
        }
        Matcher matcher = PLACEHOLDER.matcher(pattern);
        StringBuilder filled = new StringBuilder(pattern.length() + 32);
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = arguments.containsKey(name) ? String.valueOf(arguments.get(name)) : matcher.group();
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }

    private static Messages load(Language language) {
        return new Messages(language, language == Language.ENGLISH ? null : in(Language.ENGLISH));
    }

    /** One file of the catalogue, as UTF-8 whatever the platform's charset; empty when it does not exist. */
    static Map<String, String> read(String part, Language language) {
        String name = language == Language.ENGLISH ? part + ".properties" : part + "_" + language.tag() + ".properties";
        Properties properties = new Properties();
        try (InputStream in = Messages.class.getResourceAsStream(name)) {
            if (in != null) {
                properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the message catalogue's " + name + " cannot be read", e);
        }
        Map<String, String> texts = new TreeMap<>();
        properties.forEach((key, value) -> texts.put((String) key, (String) value));
        return texts;
    }
}
