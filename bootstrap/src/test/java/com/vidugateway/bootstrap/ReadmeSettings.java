package com.vidugateway.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The settings the README documents, as users read them there; the tests that hold the code to it read them here. */
final class ReadmeSettings {

    private static final Path README = Path.of("..", "README.md");

    private ReadmeSettings() {}

    /** Every {@code VIDU_*} name the README mentions, in its tables or its text. */
    static Set<String> viduNames() throws IOException {
        String readme = Files.readString(README);
        Set<String> documented = new TreeSet<>();
        Matcher names = Pattern.compile("VIDU_[A-Z0-9_]*[A-Z0-9]").matcher(readme);
        while (names.find()) {
            documented.add(names.group());
        }
        return documented;
    }

    /**
     * The names in the first column of the README's "| setting | meaning |" tables, in their order;
     * {@code …_USERNAME} after {@code DATASOURCES_DEFAULT_URL} is {@code DATASOURCES_DEFAULT_USERNAME}.
     */
    static List<String> inTables() throws IOException {
        List<String> names = new ArrayList<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(README)) {
            if (line.startsWith("| setting |")) {
                inTable = true;
                continue;
            }
            if (!line.startsWith("|")) {
                inTable = false;
            }
            if (!inTable || line.startsWith("|---")) {
                continue;
            }
            String first = line.substring(1, line.indexOf('|', 1));
            Matcher found = Pattern.compile("`(…)?(_?[A-Z][A-Z0-9_]*)`").matcher(first);
            String previous = null;
            while (found.find()) {
                String name = found.group(1) == null ? found.group(2)
                        : previous.substring(0, previous.lastIndexOf('_')) + found.group(2);
                names.add(name);
                previous = name;
            }
        }
        return names;
    }
}
