package com.vidugateway.bootstrap;

import com.vidugateway.adapter.cli.TaskServices;
import com.vidugateway.adapter.persistence.JdbcImageBlobMarks;
import com.vidugateway.adapter.persistence.JdbcClients;
import com.vidugateway.adapter.persistence.JdbcUsageReports;
import com.vidugateway.adapter.persistence.JdbcVideoTasks;
import com.vidugateway.application.port.in.CancelVideoTask;
import com.vidugateway.application.port.in.ManageClients;
import com.vidugateway.application.port.in.ReportUsage;
import com.vidugateway.application.service.ManageClientsService;
import com.vidugateway.application.service.ReportUsageService;
import com.vidugateway.domain.client.ClientQuota;
import com.vidugateway.application.port.in.AwaitVideoTask;
import com.vidugateway.application.port.in.GetVideoTask;
import com.vidugateway.application.port.in.ListVideoTasks;
import com.vidugateway.application.port.in.PruneStorage;
import com.vidugateway.application.port.in.ReadTaskVideo;
import com.vidugateway.application.port.in.SubmitVideoTask;
import com.vidugateway.application.port.out.Sleeper;
import com.vidugateway.application.port.out.Storage;
import com.vidugateway.application.port.out.VideoDownload;
import com.vidugateway.application.service.Membership;
import com.vidugateway.application.service.RetentionSettings;
import com.vidugateway.application.service.SyncSettings;
import com.vidugateway.application.service.VideoTaskServices;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.catalogue.PriceLatencyTable;
import com.vidugateway.domain.text.Language;
import com.vidugateway.domain.text.Messages;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The use cases for CLI task commands, wired by hand on first use from the environment: {@code vidu --help},
 * {@code models} and {@code validate} never open the store, and no command starts a bean context, which would cost
 * about half of a short command's time (decision 10). The server ({@code vidu serve}) builds the same parts through
 * the factories' beans; both read their settings through the same records ({@link Settings}) and build through the same
 * static builders ({@link GatewayFactory#openDatabase}, {@link StorageFactory#open}, {@link ProviderFactory#generator}). Says once, on stderr, when the provider is fake.
 */
final class LazyGateway implements TaskServices, AutoCloseable {

    /** The owner of tasks submitted from this machine's CLI, and of a key-less server's loopback clients. */
    static final String LOCAL_OWNER = "local";

    private final PrintStream err;
    private final Map<String, String> environment;
    private final ModelCatalogue catalogue;
    private final Language language;
    private final boolean brief;
    /** What was opened, closed in reverse order: the instance leaves the cluster before the store closes. */
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private VideoTaskServices services;
    private RetentionSettings retention;
    private ClientQuota quota;

    /**
     * @param brief the command only reads, for a moment, without calling the provider ({@code list}, {@code status},
     *              {@code download}): it may open the embedded database alone, and does not join the cluster
     */
    LazyGateway(PrintStream err, Map<String, String> environment, ModelCatalogue catalogue, Language language,
                boolean brief) {
        this.err = err;
        this.brief = brief;
        this.language = language;
        this.environment = environment;
        this.catalogue = catalogue;
    }

    private synchronized VideoTaskServices services() {
        if (services == null) {
            services = opening(this::wire);
        }
        return services;
    }

    /** What opens the store and the rest, failing with an I/O error or an interruption. */
    @FunctionalInterface
    private interface Opening<T> {
        T open() throws IOException, InterruptedException;
    }

    /**
     * {@code opening}'s result; on failure everything opened so far is closed and the failure said in one line: an
     * outage of the storage or an I/O error as the CLI's storage exit code (3), anything else as it is.
     */
    private <T> T opening(Opening<T> opening) {
        try {
            return opening.open();
        } catch (StorageFactory.Unreachable outage) {
            close();
            // An outage, not a wrong setting: the CLI's storage exit code (3), still one line.
            throw new UncheckedIOException(outage.getMessage(), new IOException(outage.getMessage()));
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(DataDirectory.SETTING + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening the task store", e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * The settings a CLI task command reads, from the environment: the records {@code vidu serve} reads from its bean
     * context, made by their {@code fromEnvironment} (decision 16). Each value is checked when it is used.
     */
    record Settings(ViduProperties vidu, ModelverseProperties modelverse, SyncProperties sync, FakeProperties fake,
                    DownloadProperties downloads, DatasourceProperties database, ClientProperties clients) {

        static Settings of(Map<String, String> environment) {
            return new Settings(ViduProperties.fromEnvironment(environment),
                    ModelverseProperties.fromEnvironment(environment), SyncProperties.fromEnvironment(environment),
                    FakeProperties.fromEnvironment(environment), DownloadProperties.fromEnvironment(environment),
                    DatasourceProperties.fromEnvironment(environment), ClientProperties.fromEnvironment(environment));
        }
    }

    private VideoTaskServices wire() throws IOException, InterruptedException {
        Store store = store();
        Settings settings = store.settings();
        ViduProperties vidu = settings.vidu();
        ProviderChoice choice = vidu.providerChoice(settings.modelverse());
        SyncSettings sync = settings.sync().settings();
        if (choice == ProviderChoice.FAKE) {
            err.println(ProviderChoice.fakeNotice(Messages.in(language)));
        }
        Clock clock = store.clock();
        Membership membership = GatewayFactory.membership(store.database(), clock, "cli");
        LazyVideoGenerator generator = open(ProviderFactory.generator(choice, clock, store.storage().images(),
                settings.modelverse()::settings, ObjectMapper::getDefault, vidu.dataDirectory(), settings.fake().pace(),
                settings.fake().videoPort()));
        store.provider().set(generator);
        VideoTaskServices wired = new VideoTaskServices(catalogue, PriceLatencyTable.STANDARD,
                new JdbcVideoTasks(store.database(), ThisProcess.ID), generator,
                store.storage().videos(), store.storage().images(), new JdbcImageBlobMarks(store.database()), clock,
                Sleeper.REAL, sync, membership);
        if (!brief) {
            // A CLI task command is an instance too while it runs: what it sends is known to be its own, and a task it
            // leaves Submitting when killed is settled by the next instance that looks. A brief one sends nothing.
            open(new InstanceHeartbeat(wired.cluster(), sync.instanceHeartbeat())).start();
        }
        return wired;
    }

    /**
     * The task database (migrated) and the storage it refers to, without the provider: all that {@code vidu clients}
     * and {@code vidu usage} need, and the first half of {@link #wire}.
     */
    private record Store(Settings settings, DataSource database, Storage storage, Clock clock,
                         AtomicReference<LazyVideoGenerator> provider) {}

    private Store openedStore;

    private synchronized Store store() throws IOException, InterruptedException {
        if (openedStore != null) {
            return openedStore;
        }
        Settings settings = Settings.of(environment);
        ViduProperties vidu = settings.vidu();
        retention = vidu.retention();
        quota = settings.clients().quota();
        // The fake provider's own video server is trusted once the fake runs (it is built on the storage, in wire).
        AtomicReference<LazyVideoGenerator> provider = new AtomicReference<>();
        VideoDownload download = settings.downloads().download(
                () -> Optional.ofNullable(provider.get()).flatMap(LazyVideoGenerator::fakeVideoServer));
        Path dataDir = vidu.dataDirectory();
        Clock clock = ProviderFactory.millisecondClock();
        DataSource database = brief && settings.database().embedded() ? openAlone(dataDir) : null;
        if (database == null) {
            database = open(GatewayFactory.openDatabase(dataDir, settings.database()));
        }
        Storage storage = open(StorageFactory.open(vidu.storageSetting(), dataDir, clock, download));
        GatewayFactory.migrate(database, storage.images());
        openedStore = new Store(settings, database, storage, clock, provider);
        return openedStore;
    }

    /** {@link #store()}, its failures said as {@link #services()} says them. */
    private synchronized Store storeOnly() {
        return opening(this::store);
    }

    /** The embedded database opened by this process alone, or null when another one has it. */
    private DataSource openAlone(Path dataDir) throws IOException {
        Optional<JdbcConnectionPool> alone = GatewayFactory.openExclusively(dataDir);
        alone.ifPresent(pool -> opened.push(pool::dispose));
        return alone.orElse(null);
    }

    private <T extends AutoCloseable> T open(T resource) {
        opened.push(resource);
        return resource;
    }

    /** The setting a bean could not be built from, when that is why (its message names the setting). */
    static Optional<IllegalArgumentException> badSetting(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IllegalArgumentException setting) {
                return Optional.of(setting);
            }
        }
        return Optional.empty();
    }

    @Override
    public SubmitVideoTask submit() {
        return services().submit(quota);
    }

    @Override
    public ManageClients clients() {
        Store store = storeOnly();
        return new ManageClientsService(new JdbcClients(store.database()), quota, store.clock());
    }

    @Override
    public ReportUsage usage() {
        return new ReportUsageService(new JdbcUsageReports(storeOnly().database()));
    }

    @Override
    public CancelVideoTask cancel() {
        return services().cancel();
    }

    @Override
    public GetVideoTask get() {
        return services().get();
    }

    @Override
    public ListVideoTasks list() {
        return services().list();
    }

    @Override
    public AwaitVideoTask await() {
        return services().await();
    }

    @Override
    public ReadTaskVideo video() {
        return services().video();
    }

    @Override
    public PruneStorage prune() {
        VideoTaskServices wired = services();
        return wired.prune(retention);
    }

    @Override
    public String owner() {
        return LOCAL_OWNER;
    }

    @Override
    public synchronized void close() {
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                // Closing on the way out: the command's own outcome is what the user needs to see.
                err.println("vidu: " + e.getMessage());
            }
        }
        services = null;
        openedStore = null;
    }
}
