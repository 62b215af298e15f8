package com.vidugateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.adapter.rest.CallbackUrls;
import com.vidugateway.adapter.rest.RequestBodySettings;
import com.vidugateway.adapter.rest.RestApiSettings;
import com.vidugateway.adapter.rest.WebhookSecrets;
import com.vidugateway.adapter.http.HttpVideoDownload;
import com.vidugateway.adapter.modelverse.ModelverseSettings;
import com.vidugateway.application.port.out.VideoDownload;
import com.vidugateway.application.service.RetentionSettings;
import com.vidugateway.application.service.SyncSettings;
import com.vidugateway.application.service.WebhookSettings;
import com.vidugateway.application.support.DestinationPolicy;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.EnvironmentPropertySource;
import io.micronaut.context.env.MapPropertySource;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.inject.qualifiers.Qualifiers;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every setting the README documents, given as its environment variable, takes effect: it reaches the typed settings
 * {@code vidu serve} runs on (a bean context whose environment holds the variables, as a process environment does:
 * Micronaut's own naming of environment variables and application.yml's placeholders both apply) and, where a CLI
 * command reads it, the very same typed value through the CLI's hand wiring ({@link LazyGateway.Settings}, from the same
 * variables). Each case also proves the variable matters: without it (the others still set), the value is another.
 *
 * <p>The list of settings is the README's (its tables, and every {@code VIDU_*} name it mentions): a documented setting
 * without a case below, or a case for a setting no longer documented, fails {@link #every_documented_setting_is_proven}.
 */
class EverySettingTest {

    private static final String SERVER_SECRET = "whsec_" + Base64.getEncoder().encodeToString(
            "every-setting-test-server-secret".getBytes(StandardCharsets.UTF_8));
    private static final String KEY_A_SECRET = "whsec_" + Base64.getEncoder().encodeToString(
            "every-setting-test-secret-of-key-a".getBytes(StandardCharsets.UTF_8));

    /**
     * How one setting is proven.
     *
     * @param value    what the variable is set to
     * @param expected what the typed setting must then be
     * @param server   where {@code vidu serve} has it: a bean of the context
     * @param cli      where a CLI command has it, from {@link LazyGateway.Settings}; null when no CLI command reads it
     */
    private record Case(String value, Object expected, Function<ApplicationContext, Object> server,
                        Function<LazyGateway.Settings, Object> cli) {}

    private static final Map<String, Case> CASES = Map.ofEntries(
            // The REST API (README, "REST API")
            Map.entry("VIDU_API_KEYS", new Case("key-a, key-b", List.of("key-a", "key-b"),
                    c -> c.getBean(RestApiSettings.class).apiKeys(), null)),
            Map.entry("VIDU_HOST", new Case("0.0.0.0", "0.0.0.0",
                    c -> c.getBean(HttpServerConfiguration.class).getHost().orElse(null), null)),
            Map.entry("VIDU_PORT", new Case("9123", 9123,
                    c -> c.getBean(HttpServerConfiguration.class).getPort().orElse(null), null)),
            Map.entry("VIDU_PUBLIC_URL", new Case("https://videos.example.com/", URI.create("https://videos.example.com"),
                    c -> c.getBean(RestApiSettings.class).publicUrl(), null)),
            Map.entry("VIDU_MAX_REQUEST_SIZE", new Case("64MiB", 64L << 20,
                    c -> c.getBean(HttpServerConfiguration.class).getMaxRequestSize(), null)),
            Map.entry("VIDU_BODY_DEADLINE", new Case("90s", Duration.ofSeconds(90),
                    c -> c.getBean(RequestBodySettings.class).deadline(), null)),
            Map.entry("VIDU_BODY_MIN_RATE", new Case("32KiB/s", 32L * 1024,
                    c -> c.getBean(RequestBodySettings.class).minBytesPerSecond(), null)),
            Map.entry("VIDU_KEEP_IMAGES", new Case("12h", Duration.ofHours(12),
                    c -> c.getBean(RetentionSettings.class).keepImages(), s -> s.vidu().retention().keepImages())),
            Map.entry("VIDU_KEEP_VIDEOS", new Case("30d", Duration.ofDays(30),
                    c -> c.getBean(RetentionSettings.class).keepVideos(), s -> s.vidu().retention().keepVideos())),
            // Clients (README, "Clients, budgets and usage")
            Map.entry("VIDU_ADMIN_KEY", new Case("operator-key-every-setting", "operator-key-every-setting",
                    c -> c.getBean(RestApiSettings.class).adminKey(), null)),
            Map.entry("VIDU_CLIENT_BUDGET", new Case("12.5", new java.math.BigDecimal("12.5"),
                    c -> c.getBean(com.vidugateway.domain.client.ClientQuota.class).defaults().monthlyBudgetCny(),
                    s -> s.clients().quota().defaults().monthlyBudgetCny())),
            Map.entry("VIDU_CLIENT_CONCURRENCY", new Case("3", 3,
                    c -> c.getBean(com.vidugateway.domain.client.ClientQuota.class).defaults().concurrentTasks(),
                    s -> s.clients().quota().defaults().concurrentTasks())),
            Map.entry("VIDU_CLIENT_STORAGE", new Case("500MiB", 500L << 20,
                    c -> c.getBean(com.vidugateway.domain.client.ClientQuota.class).defaults().storedBytes(),
                    s -> s.clients().quota().defaults().storedBytes())),
            // Webhooks
            Map.entry("VIDU_WEBHOOK_SECRET", new Case(SERVER_SECRET, true,
                    c -> c.getBean(WebhookSecrets.class).secretFor("local").isPresent(), null)),
            Map.entry("VIDU_WEBHOOK_SECRETS", new Case("key-a=" + KEY_A_SECRET, KEY_A_SECRET,
                    c -> c.getBean(WebhookSecrets.class).secretFor(owner("key-a")).orElse(null), null)),
            Map.entry("VIDU_WEBHOOK_RETRY_FOR", new Case("36h", Duration.ofHours(36),
                    c -> c.getBean(WebhookSettings.class).retryFor(), null)),
            Map.entry("VIDU_WEBHOOK_ALLOW_PRIVATE", new Case("true", true,
                    c -> callbackPolicy(c).allowsPrivateAddresses(), null)),
            Map.entry("VIDU_WEBHOOK_ALLOWED_PORTS", new Case("8080,8443", Set.of(80, 443, 8080, 8443),
                    c -> callbackPolicy(c).allowedPorts(), null)),
            Map.entry("VIDU_DOWNLOAD_ALLOW_PRIVATE", new Case("true", true,
                    c -> downloadPolicy(c).allowsPrivateAddresses(), s -> s.downloads().policy().allowsPrivateAddresses())),
            Map.entry("VIDU_DOWNLOAD_ALLOWED_PORTS", new Case("9000", Set.of(80, 443, 9000),
                    c -> downloadPolicy(c).allowedPorts(), s -> s.downloads().policy().allowedPorts())),
            // Several instances
            Map.entry("VIDU_STORAGE", new Case("s3://media/prod", "s3://media/prod",
                    c -> c.getBean(ViduProperties.class).storageSetting(), s -> s.vidu().storageSetting())),
            Map.entry("VIDU_PROVIDER_CALLS_PER_SECOND", new Case("0.5", 0.5,
                    c -> c.getBean(SyncSettings.class).providerCallsPerSecond(),
                    s -> s.sync().settings().providerCallsPerSecond())),
            Map.entry("VIDU_SUBMIT_GRACE", new Case("10m", Duration.ofMinutes(10),
                    c -> c.getBean(SyncSettings.class).submitGrace(), s -> s.sync().settings().submitGrace())),
            // Providers
            Map.entry("VIDU_PROVIDER", new Case("fake", ProviderChoice.FAKE,
                    c -> c.getBean(ProviderChoice.class), s -> s.vidu().providerChoice(s.modelverse()))),
            Map.entry("MODELVERSE_API_KEY", new Case("sk-every-setting", "sk-every-setting",
                    c -> c.getBean(ModelverseSettings.class).apiKey(), s -> s.modelverse().settings().apiKey())),
            Map.entry("MODELVERSE_BASE_URL", new Case("https://proxy.example.com/modelverse",
                    URI.create("https://proxy.example.com/modelverse"),
                    c -> c.getBean(ModelverseSettings.class).baseUrl(), s -> s.modelverse().settings().baseUrl())),
            Map.entry("VIDU_FAKE_SPEED", new Case("10", 10.0,
                    c -> c.getBean(FakeProperties.class).pace(), s -> s.fake().pace())),
            Map.entry("VIDU_DATA_DIR", new Case("/srv/vidu-every-setting", java.nio.file.Path.of("/srv/vidu-every-setting"),
                    c -> c.getBean(ViduProperties.class).dataDirectory(), s -> s.vidu().dataDirectory())),
            Map.entry("VIDU_MODELS", new Case("viduq2", List.of("viduq2"),
                    c -> c.getBean(ModelCatalogue.class).names(), s -> s.vidu().catalogue().names())),
            Map.entry("DATASOURCES_DEFAULT_URL", new Case("jdbc:postgresql://db.internal:5432/vidu",
                    "jdbc:postgresql://db.internal:5432/vidu",
                    c -> c.getBean(DatasourceProperties.class).url(), s -> s.database().url())),
            Map.entry("DATASOURCES_DEFAULT_USERNAME", new Case("vidu", "vidu",
                    c -> c.getBean(DatasourceProperties.class).username(), s -> s.database().username())),
            Map.entry("DATASOURCES_DEFAULT_PASSWORD", new Case("every-setting-password", "every-setting-password",
                    c -> c.getBean(DatasourceProperties.class).password(), s -> s.database().password())));

    /** Documented, but consumed outside the settings records: by what, and where that is proven. */
    private static final Map<String, String> ELSEWHERE = Map.ofEntries(
            Map.entry("VIDU_LOG_LEVEL", "Vidu.logLevel, before anything else (logging comes first): the_log_level_…"),
            Map.entry("VIDU_JAVA_OPTS", "the launcher ./vidu: options of the JVM it starts"),
            Map.entry("AWS_ENDPOINT_URL", "the AWS SDK, which reads its own settings (StorageSettingIT)"),
            Map.entry("AWS_ACCESS_KEY_ID", "the AWS SDK, which reads its own settings (StorageSettingIT)"),
            Map.entry("AWS_SECRET_ACCESS_KEY", "the AWS SDK, which reads its own settings (StorageSettingIT)"),
            Map.entry("AWS_REGION", "the AWS SDK, which reads its own settings (StorageSettingIT)"),
            Map.entry("VIDU_IMAGE", "deploy/compose.yaml: the image to run"),
            Map.entry("VIDU_IMAGE_TAG", "deploy/build-image: the tag it builds"),
            Map.entry("VIDU_BASE_IMAGE", "deploy/build-image: the Java runtime it builds on"),
            Map.entry("VIDU_DEBIAN_MIRROR", "deploy/build-image: where a Debian base comes from"),
            Map.entry("VIDU_DEBIAN_SECURITY_MIRROR", "deploy/build-image: where a Debian base's fixes come from"));

    /** Settings that cannot be given without another: left out with it (a secret for a key that is no key stops serve). */
    private static final Map<String, String> NEEDS = Map.of("VIDU_WEBHOOK_SECRETS", "VIDU_API_KEYS");

    /** Every case's variable at once, as a deployment sets them. */
    private static final Map<String, String> ENVIRONMENT = environment(null);

    private static ApplicationContext server;

    @BeforeAll
    static void startTheServersBeanContext() {
        server = context(ENVIRONMENT);
    }

    @AfterAll
    static void close() {
        server.close();
    }

    @Test
    void every_documented_setting_is_proven() throws IOException {
        Set<String> documented = new TreeSet<>(ReadmeSettings.inTables());
        documented.addAll(ReadmeSettings.viduNames());
        Set<String> proven = new TreeSet<>(CASES.keySet());
        proven.addAll(ELSEWHERE.keySet());

        assertThat(CASES.keySet()).doesNotContainAnyElementsOf(ELSEWHERE.keySet());
        assertThat(proven).as("a case for each setting the README documents, and none for another")
                .isEqualTo(documented);
    }

    static Stream<Arguments> cases() {
        return CASES.keySet().stream().sorted().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void the_server_reads_it(String name) {
        Case proof = CASES.get(name);

        assertThat(valueOf(proof.server(), server)).as(name + "=" + proof.value()).isEqualTo(proof.expected());
        try (ApplicationContext without = context(environment(name))) {
            assertThat(valueOf(proof.server(), without)).as("without " + name).isNotEqualTo(proof.expected());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void a_cli_command_reads_it_the_same_where_it_reads_it(String name) {
        Case proof = CASES.get(name);
        if (proof.cli() == null) {
            return;
        }

        assertThat(valueOf(proof.cli(), LazyGateway.Settings.of(ENVIRONMENT))).as(name + "=" + proof.value())
                .isEqualTo(proof.expected());
        assertThat(valueOf(proof.cli(), LazyGateway.Settings.of(environment(name)))).as("without " + name)
                .isNotEqualTo(proof.expected());
    }

    @Test
    void the_log_level_is_read_from_its_variable_before_anything_else() {
        assertThat(Vidu.logLevel(Map.of("VIDU_LOG_LEVEL", "DEBUG"))).isEqualTo("debug");
        assertThat(Vidu.logLevel(Map.of("VIDU_LOG_LEVEL", " "))).isEqualTo(Vidu.DEFAULT_LOG_LEVEL).isEqualTo("warn");
        assertThat(Vidu.logLevel(Map.of())).isEqualTo("warn");
    }

    @Test
    void the_server_and_the_cli_read_the_same_records_from_the_same_variables() {
        LazyGateway.Settings cli = LazyGateway.Settings.of(ENVIRONMENT);

        assertThat(server.getBean(ViduProperties.class)).isEqualTo(cli.vidu());
        assertThat(server.getBean(ModelverseProperties.class)).isEqualTo(cli.modelverse());
        assertThat(server.getBean(SyncProperties.class)).isEqualTo(cli.sync());
        assertThat(server.getBean(FakeProperties.class)).isEqualTo(cli.fake());
        assertThat(server.getBean(DownloadProperties.class)).isEqualTo(cli.downloads());
        assertThat(server.getBean(DatasourceProperties.class)).isEqualTo(cli.database());
    }

    @Test
    void unset_the_server_and_the_cli_have_the_same_defaults() {
        LazyGateway.Settings cli = LazyGateway.Settings.of(Map.of());
        try (ApplicationContext nothing = context(Map.of())) {
            assertThat(nothing.getBean(ViduProperties.class)).isEqualTo(cli.vidu());
            assertThat(nothing.getBean(RetentionSettings.class)).isEqualTo(cli.vidu().retention());
            assertThat(nothing.getBean(SyncSettings.class)).isEqualTo(cli.sync().settings());
            assertThat(nothing.getBean(FakeProperties.class).pace()).isEqualTo(cli.fake().pace()).isEqualTo(1.0);
            assertThat(nothing.getBean(DownloadProperties.class).policy().allowedPorts())
                    .isEqualTo(cli.downloads().policy().allowedPorts());
            assertThat(nothing.getBean(DatasourceProperties.class)).isEqualTo(cli.database());
            assertThat(nothing.getBean(ProviderChoice.class)).isEqualTo(cli.vidu().providerChoice(cli.modelverse()));
        }
    }

    /** The cases' variables, all but {@code leftOut} and those that need it (null: all). */
    private static Map<String, String> environment(String leftOut) {
        Map<String, String> environment = new HashMap<>();
        CASES.forEach((name, proof) -> environment.put(name, proof.value()));
        environment.remove(leftOut);
        NEEDS.forEach((name, needed) -> {
            if (needed.equals(leftOut)) {
                environment.remove(name);
            }
        });
        return Map.copyOf(environment);
    }

    /**
     * A bean context as {@code vidu serve} builds it (ServeCommand), whose environment variables are {@code environment}
     * and nothing of this process's own: Micronaut maps them to properties as it does a process's, and
     * {@code application.yml}'s placeholders read them.
     */
    private static ApplicationContext context(Map<String, String> environment) {
        MapPropertySource variables = new MapPropertySource("test-environment", Map.copyOf(environment)) {
            @Override
            public PropertyConvention getConvention() {
                return PropertyConvention.ENVIRONMENT_VARIABLE;
            }

            @Override
            public int getOrder() {
                return EnvironmentPropertySource.POSITION;
            }
        };
        return ApplicationContext.builder().deduceEnvironment(false).environmentPropertySource(false)
                .propertySources(variables).start();
    }

    /** What a setting is, or the kind of failure that reading it met (a missing key refuses Modelverse's settings). */
    private static <T> Object valueOf(Function<T, Object> where, T from) {
        try {
            return where.apply(from);
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }

    private static DestinationPolicy callbackPolicy(ApplicationContext context) {
        return context.getBean(DestinationPolicy.class, Qualifiers.byName(CallbackUrls.POLICY));
    }

    private static DestinationPolicy downloadPolicy(ApplicationContext context) {
        return ((HttpVideoDownload) context.getBean(VideoDownload.class)).policy();
    }

    /** The owner id a client key stands for (the REST adapter's {@code ClientKeys}). */
    private static String owner(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "key:" + HexFormat.of().formatHex(hash).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
