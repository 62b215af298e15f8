package com.vidugateway.bootstrap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.vidugateway.adapter.cli.ExitCode;
import com.vidugateway.adapter.modelverse.ModelverseSettings;
import com.vidugateway.adapter.rest.RequestBodySettings;
import com.vidugateway.adapter.rest.RestApiSettings;
import com.vidugateway.application.service.RetentionSettings;
import com.vidugateway.application.service.SyncSettings;
import com.vidugateway.application.service.WebhookSettings;
import com.vidugateway.domain.text.Language;
import com.vidugateway.domain.text.Messages;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vidu config}: every setting the gateway reads, its effective value and where that came from: the environment,
 * or the default ({@code application.yml}'s placeholder, or what the code decides when the placeholder is empty);
 * unknown {@code VIDU_*} variables last, with the setting each was probably meant to be ({@link EnvironmentSettings}).
 * A secret (a name holding KEY, SECRET, PASSWORD or TOKEN) shows only whether it is set and how long it is; its value
 * is never kept here, so nothing can print it. Like {@code vidu models}, it starts nothing and opens no database.
 *
 * <p>Every setting is an environment variable (README); the gateway has no settings file of its own. A variable set
 * to nothing (or blanks) counts as not set, as the code that reads it treats it.
 */
@Command(name = "config")
final class ConfigCommand implements Callable<Integer> {

    /** Where a setting's effective value came from; its name in {@code --json}. */
    enum Source {
        ENVIRONMENT, DEFAULT, UNKNOWN;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * How a secret is shown: whether it is set and how much it holds ({@code count} of {@code unit}: characters, keys
     * or pairs), never any character of it.
     */
    record Masked(boolean set, int count, String unit) {}

    /**
     * One line of the listing.
     *
     * @param value   the effective value, null where there is none (not set, no default) and for every secret
     * @param masked  null unless the setting is a secret
     * @param closest for an unknown variable, the known setting it was probably meant to be, or null
     */
    record Setting(String name, String value, Source source, Masked masked, String closest) {
        boolean secret() {
            return masked != null;
        }
    }

    /** Read under their own names by what they configure: the JDBC pool (PostgreSQL), and the AWS SDK (S3 storage). */
    static final List<String> LIBRARY_SETTINGS = List.of(
            "DATASOURCES_DEFAULT_URL", "DATASOURCES_DEFAULT_USERNAME", "DATASOURCES_DEFAULT_PASSWORD",
            "AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION");

    /** A name that says its value is a secret. */
    private static final Pattern SECRET_NAME = Pattern.compile("KEY|SECRET|PASSWORD|TOKEN");

    /** Credentials inside a value that is not a secret by name: a URL's {@code user:password@}, {@code password=…}. */
    private static final Pattern URL_PASSWORD = Pattern.compile("(://[^/?#@:\\s]*:)[^/?#@\\s]*@");
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile(
            "(?i)((?:password|passwd|pwd|secret|token|key)=)[^&;,\\s]*");

    /**
     * The defaults the code decides where the placeholder is empty (each where that code says it): a value, or null
     * where the default is "none" ({@code cli.config.none.<NAME>} says what that means).
     */
    private static final Map<String, Function<Map<String, String>, String>> DECIDED_BY_CODE = Map.ofEntries(
            // Through the settings records, as the gateway decides them (the default may follow another setting).
            Map.entry("VIDU_PROVIDER", environment -> ViduProperties.fromEnvironment(environment)
                    .providerChoice(ModelverseProperties.fromEnvironment(environment)).name().toLowerCase(Locale.ROOT)),
            Map.entry("VIDU_HOST", environment -> ViduProperties.fromEnvironment(environment).bindHost().orElse(null)),
            Map.entry(DataDirectory.SETTING, environment -> DataDirectory.of(null).toString()),
            Map.entry("VIDU_MODELS", environment -> String.join(",", ViduProperties.fromEnvironment(Map.of())
                    .catalogue().names())),
            Map.entry(StorageFactory.SETTING, environment -> ViduProperties.DEFAULT_STORAGE),
            Map.entry("VIDU_MAX_REQUEST_SIZE", environment -> RestApiSettings.DEFAULT_MAX_REQUEST_SIZE_TEXT),
            Map.entry("VIDU_FAKE_SPEED", environment -> FakeProperties.DEFAULT_SPEED),
            Map.entry("VIDU_WEBHOOK_ALLOW_PRIVATE", environment -> "false"),
            Map.entry(DownloadProperties.ALLOW_PRIVATE, environment -> "false"),
            Map.entry("MODELVERSE_BASE_URL", environment -> ModelverseSettings.DEFAULT_BASE_URL.toString()),
            Map.entry("VIDU_KEEP_IMAGES", environment -> duration(RetentionSettings.defaults().keepImages())),
            Map.entry("VIDU_KEEP_VIDEOS", environment -> duration(RetentionSettings.defaults().keepVideos())),
            Map.entry("VIDU_WEBHOOK_RETRY_FOR", environment -> duration(WebhookSettings.defaults().retryFor())),
            Map.entry("VIDU_SUBMIT_GRACE", environment -> duration(SyncSettings.defaults().submitGrace())),
            Map.entry("VIDU_PROVIDER_CALLS_PER_SECOND", environment -> BigDecimal.valueOf(
                    SyncSettings.defaults().providerCallsPerSecond()).stripTrailingZeros().toPlainString()),
            Map.entry("VIDU_BODY_DEADLINE", environment -> RequestBodySettings.DEFAULT_DEADLINE_TEXT),
            Map.entry("VIDU_BODY_MIN_RATE", environment -> RequestBodySettings.DEFAULT_MIN_RATE_TEXT),
            Map.entry("VIDU_LOG_LEVEL", environment -> Vidu.DEFAULT_LOG_LEVEL));

    /**
     * Not a setting of the gateway, but Micronaut reads the files it names (as it does {@code -Dmicronaut.config.files})
     * when {@code vidu serve} starts, and a property there wins over the {@code VIDU_*} placeholder it replaces
     * ({@code micronaut.server.port} over {@code VIDU_PORT}); the CLI commands never read them. Said, not listed.
     */
    static final String MICRONAUT_CONFIG_FILES = "MICRONAUT_CONFIG_FILES";
    private static final String MICRONAUT_CONFIG_FILES_PROPERTY = "micronaut.config.files";

    @Option(names = "--json")
    boolean json;

    @Spec
    CommandSpec spec;

    private final Language language;
    private final Map<String, String> environment;

    /**
     * @param environment the process's environment ({@code System.getenv()}), or a test's
     */
    ConfigCommand(Language language, Map<String, String> environment) {
        this.language = language;
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Setting> settings = settings(environment);
        if (json) {
            out.println(json(settings));
        } else {
            print(out, settings, Messages.in(language), spec.commandLine().getColorScheme().ansi());
        }
        out.flush();
        return ExitCode.SUCCESS;
    }

    /** Every setting the gateway knows ({@link #names}), then the unknown {@code VIDU_*} variables, by name. */
    static List<Setting> settings(Map<String, String> environment) {
        List<Setting> settings = new ArrayList<>();
        for (String name : names()) {
            String set = environment.get(name);
            if (set != null && !set.isBlank()) {
                settings.add(new Setting(name, secret(name) ? null : redacted(set), Source.ENVIRONMENT,
                        masked(name, set), null));
            } else {
                settings.add(new Setting(name, secret(name) ? null : defaultOf(name, environment), Source.DEFAULT,
                        masked(name, null), null));
            }
        }
        for (String name : EnvironmentSettings.unknown(environment)) {
            String value = environment.get(name);
            settings.add(new Setting(name, secret(name) ? null : redacted(value), Source.UNKNOWN, masked(name, value),
                    EnvironmentSettings.closest(name)));
        }
        return settings;
    }

    /**
     * The known settings: {@code application.yml}'s {@code VIDU_*} placeholders in the file's order, the other ones read
     * at run time, the Modelverse client's, then the libraries'.
     */
    static List<String> names() {
        List<String> names = new ArrayList<>();
        Map<String, String> placeholders = EnvironmentSettings.placeholders();
        placeholders.keySet().stream().filter(name -> name.startsWith("VIDU_")).forEach(names::add);
        EnvironmentSettings.OUTSIDE_THE_SERVER_AT_RUN_TIME.stream().filter(name -> !names.contains(name))
                .forEach(names::add);
        placeholders.keySet().stream().filter(name -> !name.startsWith("VIDU_")).forEach(names::add);
        LIBRARY_SETTINGS.stream().filter(name -> !names.contains(name)).forEach(names::add);
        return names;
    }

    static boolean secret(String name) {
        return SECRET_NAME.matcher(name).find();
    }

    private static String defaultOf(String name, Map<String, String> environment) {
        Function<Map<String, String>, String> decided = DECIDED_BY_CODE.get(name);
        if (decided != null) {
            return decided.apply(environment);
        }
        String placeholder = EnvironmentSettings.placeholders().get(name);
        return placeholder == null || placeholder.isEmpty() ? null : placeholder;
    }

    private static Masked masked(String name, String value) {
        if (!secret(name)) {
            return null;
        }
        if (value == null || value.isBlank()) {
            return new Masked(false, 0, "characters");
        }
        if (name.endsWith("_KEYS") || name.endsWith("_SECRETS")) {
            int count = (int) Arrays.stream(value.split(",")).filter(item -> !item.isBlank()).count();
            return new Masked(true, count, name.endsWith("_KEYS") ? "keys" : "pairs");
        }
        return new Masked(true, value.codePointCount(0, value.length()), "characters");
    }

    /** {@code value} without the credentials a URL or an option list may carry. */
    static String redacted(String value) {
        return PASSWORD_PARAMETER.matcher(URL_PASSWORD.matcher(value).replaceAll("$1***@")).replaceAll("$1***");
    }

    /** 7d, 24h, 5m, 90s, as the README writes them: days from two on, else the largest exact unit; "keep" for none. */
    static String duration(Duration duration) {
        if (duration == null) {
            return "keep";
        }
        long seconds = duration.toSeconds();
        if (seconds >= 2 * 86_400 && seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds != 0 && seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds != 0 && seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    /** A secret as the listing shows it, in the language of {@code messages}. */
    private static String mask(Masked masked, Messages messages) {
        if (!masked.set()) {
            return messages.text("cli.config.not_set");
        }
        return messages.text("cli.config.secret." + masked.unit() + (masked.count() == 1 ? "_one" : ""),
                "count", masked.count());
    }

    private String shown(Setting setting, Messages messages) {
        if (setting.secret()) {
            return mask(setting.masked(), messages);
        }
        if (setting.value() != null) {
            return setting.value();
        }
        String none = "cli.config.none." + setting.name();
        return messages.has(none) ? messages.text(none, "dir", DataDirectory.of(environment.get(DataDirectory.SETTING)))
                : messages.text("cli.config.not_set");
    }

    private void print(PrintWriter out, List<Setting> settings, Messages messages, Ansi ansi) {
        List<String[]> rows = new ArrayList<>();
        for (Setting setting : settings) {
            String value = shown(setting, messages);
            if (setting.source() == Source.UNKNOWN && setting.closest() != null) {
                value += "  " + messages.text("cli.config.unknown.closest", "closest", setting.closest());
            }
            rows.add(new String[] {setting.name(), messages.text("cli.config.source." + setting.source().wire()), value});
        }
        String[] header = {messages.text("cli.config.column.name"), messages.text("cli.config.column.source"),
            messages.text("cli.config.column.value")};
        int[] widths = {width(header[0]), width(header[1])};
        for (String[] row : rows) {
            widths[0] = Math.max(widths[0], width(row[0]));
            widths[1] = Math.max(widths[1], width(row[1]));
        }
        out.println(ansi.string("@|bold " + line(header, widths) + "|@"));
        boolean unknownHeading = false;
        for (int i = 0; i < rows.size(); i++) {
            if (settings.get(i).source() == Source.UNKNOWN && !unknownHeading) {
                out.println();
                out.println(messages.text("cli.config.unknown.heading"));
                unknownHeading = true;
            }
            out.println(line(rows.get(i), widths));
        }
        String files = environment.get(MICRONAUT_CONFIG_FILES);
        String name = MICRONAUT_CONFIG_FILES;
        if (files == null || files.isBlank()) {
            files = System.getProperty(MICRONAUT_CONFIG_FILES_PROPERTY);
            name = "-D" + MICRONAUT_CONFIG_FILES_PROPERTY;
        }
        if (files != null && !files.isBlank()) {
            out.println();
            out.println(messages.text("cli.config.micronaut_files", "name", name, "files", files));
        }
    }

    private static String line(String[] row, int[] widths) {
        return (pad(row[0], widths[0] + 2) + pad(row[1], widths[1] + 2) + row[2]).stripTrailing();
    }

    /** {@code --json}: the same in every language (a secret's value in English words, or null when not set). */
    static String json(List<Setting> settings) {
        Messages english = Messages.english();
        StringWriter text = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
            json.writeStartArray();
            for (Setting setting : settings) {
                json.writeStartObject();
                json.writeStringField("name", setting.name());
                if (setting.secret()) {
                    json.writeStringField("value", setting.masked().set() ? mask(setting.masked(), english) : null);
                } else {
                    json.writeStringField("value", setting.value());
                }
                json.writeStringField("source", setting.source().wire());
                json.writeBooleanField("secret", setting.secret());
                if (setting.source() == Source.UNKNOWN) {
                    json.writeStringField("closest", setting.closest());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** {@code text} padded to {@code columns} terminal columns, a Chinese character taking two (as adapter-cli's tables). */
    private static String pad(String text, int columns) {
        int width = width(text);
        return width >= columns ? text : text + " ".repeat(columns - width);
    }

    private static int width(String text) {
        return text.codePoints().map(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
                || c >= 0x3000 && c <= 0x303F || c >= 0xFF00 && c <= 0xFF60 ? 2 : 1).sum();
    }
}
