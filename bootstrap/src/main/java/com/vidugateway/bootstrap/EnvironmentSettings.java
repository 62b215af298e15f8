package com.vidugateway.bootstrap;

import com.vidugateway.domain.text.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * The {@code VIDU_*} environment variables the gateway knows, so that one it does not know is pointed out instead of
 * being ignored in silence: a misspelt setting ({@code VIDU_WEBHOOK_RETRY}) would otherwise leave the default in force
 * with nothing to say so. The gateway's settings are the placeholders of {@code application.yml} (the server's and the
 * CLI's settings records read the same variables, decision 16); the one read before anything else ({@code
 * VIDU_LOG_LEVEL}), and those of the launcher and of {@code deploy/build-image}, are listed here.
 */
final class EnvironmentSettings {

    /** Read by the launcher ({@code ./vidu}), or by {@link Vidu} before anything else: settings of a run. */
    static final List<String> OUTSIDE_THE_SERVER_AT_RUN_TIME = List.of("VIDU_LOG_LEVEL", "VIDU_JAVA_OPTS");

    /** Read by the launcher ({@code ./vidu}), by {@link Vidu} before anything else, or by deploy scripts. */
    private static final Set<String> OUTSIDE_THE_SERVER_SETTINGS = Set.of(
            "VIDU_JAVA_OPTS", "VIDU_LOG_LEVEL",
            "VIDU_IMAGE", "VIDU_IMAGE_TAG", "VIDU_BASE_IMAGE", "VIDU_DEBIAN_MIRROR", "VIDU_DEBIAN_SECURITY_MIRROR");

    /**
     * An environment variable's placeholder, {@code ${VIDU_PORT:8080}}: its name and, after the colon, its default
     * ({@code `…`} quotes one that holds a colon, as Micronaut reads it).
     */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");

    /** Read from {@code application.yml} the first time a command meets a variable outside the fixed list. */
    private static final class Known {
        static final Map<String, String> PLACEHOLDERS = read();
        static final Set<String> NAMES = names(PLACEHOLDERS);
    }

    private static final LevenshteinDistance LEVENSHTEIN = LevenshteinDistance.getDefaultInstance();

    private EnvironmentSettings() {}

    /**
     * One warning per {@code VIDU_*} variable that is set and not known, naming the closest known one where any is
     * close, in the language of {@code messages}.
     */
    static List<String> warnings(Map<String, String> environment, Messages messages) {
        List<String> warnings = new ArrayList<>();
        for (String name : unknown(environment)) {
            String closest = closest(name);
            warnings.add(closest == null ? messages.text("cli.notice.unknown_setting_far", "name", name)
                    : messages.text("cli.notice.unknown_setting", "name", name, "closest", closest));
        }
        return warnings;
    }

    /** The {@code VIDU_*} variables of {@code environment} that are no setting of the gateway, by name. */
    static List<String> unknown(Map<String, String> environment) {
        List<String> unknown = new ArrayList<>();
        for (String name : new TreeSet<>(environment.keySet())) {
            if (name.startsWith("VIDU_") && !OUTSIDE_THE_SERVER_SETTINGS.contains(name) && !known().contains(name)) {
                unknown.add(name);
            }
        }
        return unknown;
    }

    /** The known name fewest edits away, when it is near enough to be a slip of the keyboard or a word left out. */
    static String closest(String unknown) {
        String best = known().stream()
                .min(Comparator.comparingInt((String known) -> LEVENSHTEIN.apply(unknown, known)).thenComparing(known -> known))
                .orElseThrow();
        int edits = LEVENSHTEIN.apply(unknown, best);
        boolean near = edits <= Math.max(2, unknown.length() / 4) || best.startsWith(unknown) || unknown.startsWith(best);
        return near ? best : null;
    }

    /** Every {@code VIDU_*} name the gateway reads. */
    static Set<String> known() {
        return Known.NAMES;
    }

    /**
     * Every environment variable {@code application.yml} maps to a property ({@code VIDU_*}, {@code MODELVERSE_*}), in
     * the file's order, with its placeholder's default: {@code VIDU_PORT → 8080}; empty where the placeholder has none
     * (the code decides, or nothing is the default).
     */
    static Map<String, String> placeholders() {
        return Known.PLACEHOLDERS;
    }

    private static Map<String, String> read() {
        Map<String, String> placeholders = new LinkedHashMap<>();
        try (InputStream yml = EnvironmentSettings.class.getResourceAsStream("/application.yml")) {
            if (yml == null) {
                throw new IllegalStateException("application.yml is not on the class path");
            }
            Matcher found = PLACEHOLDER.matcher(new String(yml.readAllBytes(), StandardCharsets.UTF_8));
            while (found.find()) {
                String value = found.group(2) == null ? "" : found.group(2).strip();
                boolean quoted = value.length() >= 2 && value.startsWith("`") && value.endsWith("`");
                placeholders.putIfAbsent(found.group(1), quoted ? value.substring(1, value.length() - 1) : value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(placeholders);
    }

    private static Set<String> names(Map<String, String> placeholders) {
        Set<String> names = new TreeSet<>(OUTSIDE_THE_SERVER_SETTINGS);
        placeholders.keySet().stream().filter(name -> name.startsWith("VIDU_")).forEach(names::add);
        return Set.copyOf(names);
    }
}
