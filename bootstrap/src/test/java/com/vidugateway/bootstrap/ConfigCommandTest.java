package com.vidugateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.adapter.cli.ViduCli;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.text.Language;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code vidu config}, in-process, on an environment the test gives: values, sources, masked secrets, unknown names. */
class ConfigCommandTest {

    /** Every secret's value starts with this; the output must not hold it, nor any prefix of a value. */
    private static final String SECRET_PREFIX = "Qz7";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs {@code vidu config args…} on {@code environment} (nothing else of this process's own environment is read). */
    private int run(Map<String, String> environment, Language language, String... args) {
        Map<String, String> withDataDir = new HashMap<>(environment);
        withDataDir.putIfAbsent("VIDU_DATA_DIR", dir.resolve("data").toString());
        ViduCli cli = new ViduCli(language, ModelCatalogue.STANDARD.models(), new ConfigCommand(language, withDataDir));
        cli.commandLine().setOut(new PrintWriter(out, true));
        cli.commandLine().setErr(new PrintWriter(err, true));
        String[] line = new String[args.length + 1];
        line[0] = "config";
        System.arraycopy(args, 0, line, 1, args.length);
        return cli.run(line);
    }

    private String text(Map<String, String> environment) {
        assertThat(run(environment, Language.ENGLISH)).isZero();
        return out.toString();
    }

    /** The text line of one setting: name, source and value, columns apart. */
    private static Pattern row(String name, String source, String value) {
        return Pattern.compile("(?m)^" + name + " +" + source + " +" + Pattern.quote(value) + "$");
    }

    @Test
    void a_set_variable_shows_its_value_and_comes_from_the_environment() {
        String text = text(Map.of("VIDU_WEBHOOK_RETRY_FOR", "36h", "VIDU_PORT", "9090", "VIDU_STORAGE", "s3://media/p"));

        assertThat(text).containsPattern(row("VIDU_WEBHOOK_RETRY_FOR", "environment", "36h"))
                .containsPattern(row("VIDU_PORT", "environment", "9090"))
                .containsPattern(row("VIDU_STORAGE", "environment", "s3://media/p"));
        assertThat(err.toString()).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # application.yml's ${VIDU_X:default}, the backquotes of MODELVERSE_BASE_URL's removed
            VIDU_PORT                      | 8080
            VIDU_STORAGE                   | file
            VIDU_MAX_REQUEST_SIZE          | 512MiB
            VIDU_WEBHOOK_ALLOW_PRIVATE     | false
            MODELVERSE_BASE_URL            | https://api.modelverse.cn
            # decided by the code where the placeholder is empty, as the README says
            VIDU_PROVIDER                  | fake
            VIDU_HOST                      | 127.0.0.1
            VIDU_KEEP_IMAGES               | 7d
            VIDU_KEEP_VIDEOS               | keep
            VIDU_WEBHOOK_RETRY_FOR         | 24h
            VIDU_SUBMIT_GRACE              | 5m
            VIDU_PROVIDER_CALLS_PER_SECOND | 5
            VIDU_BODY_DEADLINE             | 10m
            VIDU_PUBLIC_URL                | (none: the request's Host)
            AWS_REGION                     | (not set)
            """)
    void an_unset_variable_shows_the_default_of_application_yml_or_of_the_code(String name, String value) {
        assertThat(text(Map.of())).containsPattern(row(name, "default", value));
    }

    @Test
    void unset_vidu_models_shows_every_model_of_the_catalogue() {
        assertThat(text(Map.of())).containsPattern(row("VIDU_MODELS", "default",
                String.join(",", ModelCatalogue.STANDARD.names())));
    }

    @Test
    void a_default_that_depends_on_another_setting_follows_it() {
        String text = text(Map.of("MODELVERSE_API_KEY", SECRET_PREFIX + "abc", "VIDU_API_KEYS", SECRET_PREFIX + "k"));

        assertThat(text).containsPattern(row("VIDU_PROVIDER", "default", "modelverse"))
                .containsPattern(row("VIDU_HOST", "default", "(all interfaces, as VIDU_API_KEYS is set)"));
    }

    @Test
    void a_variable_set_to_nothing_counts_as_not_set_as_the_code_reads_it() {
        assertThat(text(Map.of("VIDU_PROVIDER", " ", "VIDU_KEEP_IMAGES", "")))
                .containsPattern(row("VIDU_PROVIDER", "default", "fake"))
                .containsPattern(row("VIDU_KEEP_IMAGES", "default", "7d"));
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void every_secret_is_masked_and_no_character_of_it_is_printed(Language language) {
        Map<String, String> environment = new HashMap<>();
        List<String> secrets = new ArrayList<>();
        for (String name : ConfigCommand.names()) {
            if (ConfigCommand.secret(name)) {
                secrets.add(name);
                environment.put(name, SECRET_PREFIX + "-" + name.toLowerCase() + "-value");
            }
        }
        environment.put("VIDU_API_KEYS", SECRET_PREFIX + "one," + SECRET_PREFIX + "two, " + SECRET_PREFIX + "three");
        environment.put("VIDU_WEBHOOK_SECRETS", SECRET_PREFIX + "one=whsec_" + SECRET_PREFIX + "A,"
                + SECRET_PREFIX + "two=whsec_" + SECRET_PREFIX + "B");
        environment.put("MODELVERSE_API_KEY", SECRET_PREFIX + "-0123456789");
        environment.put("VIDU_API_TOKEN", SECRET_PREFIX + "tok");   // unknown, and a secret by its name
        // credentials inside values that are not secrets by name
        environment.put("DATASOURCES_DEFAULT_URL", "jdbc:postgresql://vidu:" + SECRET_PREFIX + "pw@db:5432/vidu?ssl=true&password="
                + SECRET_PREFIX + "pw2");
        environment.put("VIDU_JAVA_OPTS", "-Xmx512m -Djavax.net.ssl.trustStorePassword=" + SECRET_PREFIX + "store");

        assertThat(secrets).contains("VIDU_API_KEYS", "VIDU_WEBHOOK_SECRET", "VIDU_WEBHOOK_SECRETS", "MODELVERSE_API_KEY",
                "DATASOURCES_DEFAULT_PASSWORD", "AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID");
        assertThat(run(environment, language)).isZero();
        assertThat(run(environment, language, "--json")).isZero();

        String all = out.toString() + err;
        assertThat(all).doesNotContain(SECRET_PREFIX).doesNotContain("Qz").doesNotContain("whsec_")
                .contains("-Xmx512m").contains("jdbc:postgresql://vidu:***@db:5432/vidu?ssl=true&password=***");
        if (language == Language.ENGLISH) {
            assertThat(all).containsPattern(row("VIDU_API_KEYS", "environment", "(set, 3 keys)"))
                    .containsPattern(row("VIDU_WEBHOOK_SECRETS", "environment", "(set, 2 pairs)"))
                    .containsPattern(row("MODELVERSE_API_KEY", "environment", "(set, 14 characters)"))
                    .containsPattern("(?m)^VIDU_API_TOKEN +unknown +\\(set, 6 characters\\)");
        }
        String json = all.substring(all.indexOf("[{"));
        for (String name : secrets) {
            assertThat(json).contains("{\"name\":\"" + name + "\",\"value\":\"(set, ");
            assertThat(json).containsPattern("\"name\":\"" + name + "\",[^}]*\"secret\":true");
        }
        assertThat(json).contains("{\"name\":\"VIDU_API_KEYS\",\"value\":\"(set, 3 keys)\",\"source\":\"environment\","
                + "\"secret\":true}");
    }

    @Test
    void a_secret_not_set_says_so() {
        String text = text(Map.of());

        assertThat(text).containsPattern(row("MODELVERSE_API_KEY", "default", "(not set)"))
                .containsPattern(row("DATASOURCES_DEFAULT_PASSWORD", "default", "(not set)"));
        out.getBuffer().setLength(0);
        assertThat(run(Map.of(), Language.ENGLISH, "--json")).isZero();
        assertThat(out.toString()).contains("{\"name\":\"MODELVERSE_API_KEY\",\"value\":null,\"source\":\"default\","
                + "\"secret\":true}");
    }

    @Test
    void an_unknown_vidu_variable_is_listed_last_with_the_setting_it_was_meant_to_be() {
        String text = text(Map.of("VIDU_WEBHOOK_RETRY", "1h", "VIDU_COMPLETELY_UNRELATED_THING", "x", "HOME", "/root"));

        assertThat(text).containsPattern(row("VIDU_WEBHOOK_RETRY", "unknown",
                        "1h  (did you mean VIDU_WEBHOOK_RETRY_FOR?)"))
                .containsPattern(row("VIDU_COMPLETELY_UNRELATED_THING", "unknown", "x"))
                .doesNotContain("HOME");
        assertThat(text.indexOf("Not settings of the gateway (ignored):")).isGreaterThan(text.indexOf("AWS_REGION"))
                .isLessThan(text.indexOf("VIDU_WEBHOOK_RETRY "));

        out.getBuffer().setLength(0);
        assertThat(run(Map.of("VIDU_WEBHOOK_RETRY", "1h"), Language.ENGLISH, "--json")).isZero();
        assertThat(out.toString().strip()).endsWith("{\"name\":\"VIDU_WEBHOOK_RETRY\",\"value\":\"1h\",\"source\":"
                + "\"unknown\",\"secret\":false,\"closest\":\"VIDU_WEBHOOK_RETRY_FOR\"}]");
    }

    /** The settings tables of the README are what users read: each name there is listed. */
    @Test
    void every_setting_the_readmes_tables_name_is_listed() throws IOException {
        List<String> documented = ReadmeSettings.inTables();
        String text = text(Map.of());
        out.getBuffer().setLength(0);
        assertThat(run(Map.of(), Language.ENGLISH, "--json")).isZero();
        String json = out.toString();

        assertThat(documented).contains("VIDU_API_KEYS", "VIDU_HOST", "VIDU_JAVA_OPTS", "DATASOURCES_DEFAULT_USERNAME",
                "AWS_REGION", "MODELVERSE_BASE_URL").hasSizeGreaterThan(25);
        for (String name : documented) {
            assertThat(text).as(name).containsPattern("(?m)^" + name + " ");
            assertThat(json).as(name).contains("{\"name\":\"" + name + "\"");
        }
    }

    @Test
    void the_json_is_one_object_per_setting_in_the_order_of_the_text() {
        String text = text(Map.of("VIDU_PORT", "9090"));
        out.getBuffer().setLength(0);
        assertThat(run(Map.of("VIDU_PORT", "9090"), Language.ENGLISH, "--json")).isZero();
        String json = out.toString().strip();

        List<String> textNames = new ArrayList<>();
        text.lines().skip(1).map(line -> line.split(" ")[0]).filter(n -> n.matches("[A-Z][A-Z0-9_]+"))
                .forEach(textNames::add);
        List<String> jsonNames = new ArrayList<>();
        Matcher names = Pattern.compile("\\{\"name\":\"([A-Z0-9_]+)\",\"value\":(?:null|\"[^\"]*\"),\"source\":"
                + "\"(?:environment|default|unknown)\",\"secret\":(?:true|false)}").matcher(json);
        while (names.find()) {
            jsonNames.add(names.group(1));
        }
        assertThat(json).startsWith("[{").endsWith("}]");
        assertThat(jsonNames).isEqualTo(textNames).hasSize(ConfigCommand.names().size());
        assertThat(json).contains("{\"name\":\"VIDU_PORT\",\"value\":\"9090\",\"source\":\"environment\",\"secret\":false}");
    }

    @Test
    void it_opens_no_database_and_creates_nothing() {
        Path data = dir.resolve("never-made");

        text(Map.of("VIDU_DATA_DIR", data.toString()));

        assertThat(data).doesNotExist();
        assertThat(out.toString()).containsPattern(row("VIDU_DATA_DIR", "environment", data.toString()))
                .containsPattern(row("DATASOURCES_DEFAULT_URL", "default", "(none: the embedded H2 database in "
                        + data + ")"));
    }

    @Test
    void a_micronaut_config_file_is_pointed_out_since_serve_would_read_it() {
        assertThat(text(Map.of("MICRONAUT_CONFIG_FILES", "/etc/vidu.yml")))
                .contains("Also set: MICRONAUT_CONFIG_FILES=/etc/vidu.yml. `vidu serve` reads Micronaut properties");
    }

    @Test
    void it_speaks_the_users_language() {
        assertThat(run(Map.of("VIDU_PORT", "9090", "VIDU_PORTT", "1"), Language.CHINESE)).isZero();

        assertThat(out.toString()).contains("设置项").containsPattern("(?m)^VIDU_PORT +环境变量 +9090$")
                .containsPattern("(?m)^VIDU_STORAGE +默认值 +file$")
                .containsPattern("(?m)^MODELVERSE_API_KEY +默认值 +（未设置）$")
                .contains("不是网关的设置项（已忽略）：").containsPattern("(?m)^VIDU_PORTT +未知 +1  （您是想设置 VIDU_PORT 吗？）$");
    }

    @Test
    void its_help_comes_from_the_catalogue() {
        assertThat(run(Map.of(), Language.ENGLISH, "--help")).isZero();

        assertThat(out.toString()).contains("Usage: vidu config").contains("--json")
                .contains("The settings the gateway uses here");
    }
}
