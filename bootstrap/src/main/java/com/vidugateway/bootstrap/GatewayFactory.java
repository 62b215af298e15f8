package com.vidugateway.bootstrap;

import com.vidugateway.adapter.persistence.DatabaseMigrations;
import com.vidugateway.adapter.persistence.JdbcGatewayInstances;
import com.vidugateway.adapter.persistence.JdbcTaskChanges;
import com.vidugateway.adapter.persistence.JdbcImageBlobMarks;
import com.vidugateway.adapter.persistence.JdbcProviderCallSlots;
import com.vidugateway.adapter.persistence.JdbcClients;
import com.vidugateway.adapter.persistence.JdbcUsageReports;
import com.vidugateway.adapter.persistence.JdbcVideoTasks;
import com.vidugateway.application.port.in.CancelVideoTask;
import com.vidugateway.application.port.in.IdentifyClient;
import com.vidugateway.application.port.in.WatchTaskEvents;
import com.vidugateway.application.service.TaskEventsService;
import com.vidugateway.application.port.in.ManageClients;
import com.vidugateway.application.port.in.ReportUsage;
import com.vidugateway.application.port.out.Clients;
import com.vidugateway.application.service.ClientKeyDirectory;
import com.vidugateway.application.service.ManageClientsService;
import com.vidugateway.application.service.ReportUsageService;
import com.vidugateway.domain.client.ClientQuota;
import com.vidugateway.adapter.persistence.JdbcWebhookOutbox;
import com.vidugateway.adapter.rest.CallbackUrls;
import com.vidugateway.adapter.webhook.WebhookDelivery;
import com.vidugateway.adapter.webhook.WebhookSender;
import com.vidugateway.application.port.in.ReadTaskWebhooks;
import com.vidugateway.application.port.out.WebhookSigningSecrets;
import com.vidugateway.application.port.out.WebhookTransport;
import com.vidugateway.application.support.DestinationPolicy;
import com.vidugateway.application.port.in.AwaitVideoTask;
import com.vidugateway.application.port.in.GetVideoTask;
import com.vidugateway.application.port.in.ListModels;
import com.vidugateway.application.port.in.ListVideoTasks;
import com.vidugateway.application.port.in.ObserveGateway;
import com.vidugateway.application.port.in.PruneStorage;
import com.vidugateway.application.port.in.ReadTaskVideo;
import com.vidugateway.application.port.in.ReceiveImage;
import com.vidugateway.application.port.in.SubmitVideoTask;
import com.vidugateway.application.port.in.SyncVideoTasks;
import com.vidugateway.application.port.in.TakePartInCluster;
import com.vidugateway.application.port.in.ValidateVideoRequest;
import com.vidugateway.application.port.out.ImageBlobMarks;
import com.vidugateway.application.port.out.ImageBlobs;
import com.vidugateway.application.port.out.Sleeper;
import com.vidugateway.application.port.out.VideoArchive;
import com.vidugateway.application.port.out.VideoGenerator;
import com.vidugateway.application.port.out.VideoTasks;
import com.vidugateway.application.service.ListModelsService;
import com.vidugateway.application.service.Membership;
import com.vidugateway.application.service.RetentionSettings;
import com.vidugateway.application.service.SyncSettings;
import com.vidugateway.application.service.ValidateVideoRequestService;
import com.vidugateway.application.service.WebhookSettings;
import com.vidugateway.application.service.VideoTaskServices;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.catalogue.PriceLatencyTable;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.h2.jdbcx.JdbcConnectionPool;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

/** The task store, the video archive and the use cases, wired explicitly. */
@Factory
class GatewayFactory {

    /** The models a deployment offers ({@code VIDU_MODELS}). */
    @Singleton
    ModelCatalogue catalogue(ViduProperties settings) {
        return settings.catalogue();
    }

    /**
     * H2 in a file under the data directory by default (AUTO_SERVER: a CLI and a running server share it);
     * any JDBC database with {@code DATASOURCES_DEFAULT_URL} and friends.
     */
    @Singleton
    @Bean(preDestroy = "close")
    HikariDataSource dataSource(ViduProperties settings, DatasourceProperties database) throws Exception {
        return openDatabase(settings.dataDirectory(), database);
    }

    /**
     * The embedded database opened by this process alone, for a command that only reads for a moment ({@code list},
     * {@code status}, {@code download}): without AUTO_SERVER, whose start (a TCP server it then connects to, a lock
     * file it sleeps on) took more than a third of such a command's time, and without compacting the file on the way
     * out. Empty when another process has the file open (a server, a CLI that waits): the command then goes through
     * that process like any other ({@link #openDatabase}). A process that tries to open the file meanwhile waits and
     * retries, as when a server hands the file over ({@code initializationFailTimeout}); decision 10.
     */
    static Optional<JdbcConnectionPool> openExclusively(Path dataDir) throws IOException {
        PrivateDirectories.create(dataDir);
        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("vidu")
                + ";WRITE_DELAY=0;MAX_COMPACT_TIME=0", "sa", "");
        try (Connection first = pool.getConnection()) {
            return Optional.of(pool);
        } catch (SQLException inUse) {
            pool.dispose();
            return Optional.empty();
        }
    }

    /** The pool on the task database: the server's bean, and what a CLI task command opens by hand. */
    static HikariDataSource openDatabase(Path dataDir, DatasourceProperties database) throws IOException {
        return openDatabase(dataDir, database.url(), database.username(), database.password(), database.poolSize());
    }

    static HikariDataSource openDatabase(Path dataDir, String url, String username, String password, int poolSize)
            throws IOException {
        HikariConfig config = new HikariConfig();
        if (url == null || url.isBlank()) {
            PrivateDirectories.create(dataDir);
            // WRITE_DELAY=0: every commit is written to the file before it returns. H2 keeps no log: by default it writes
            // commits out half a second later, so a process killed in that half second lost a task it had accepted
            // (and maybe already sent). Measured: 0.15 → ~0.5 ms per committed insert.
            // AUTO_SERVER: the first process to open the file serves it to the others (a CLI beside a server);
            // AUTO_RECONNECT: when that process ends, the others reconnect and one of them takes over.
            // LOCK_TIMEOUT=10000: a write that waits for a row another holds (the change feed's, the provider-call
            // timetable's) queues for up to 10 s, not H2's default of 1 s: a burst of 48 submits at once, each commit
            // written to disk, queued longer than that and failed.
            config.setJdbcUrl("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("vidu")
                    + ";AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE;WRITE_DELAY=0;LOCK_TIMEOUT=10000");
            config.setUsername("sa");
            config.setPassword("");
            // A database that closed itself after a fatal error is opened again by the next connection, not left
            // closed under the pool (the store retries work that met a dead connection on another one).
            config.setExceptionOverrideClassName(EvictClosedDatabase.class.getName());
        } else {
            config.setJdbcUrl(url);
            config.setUsername(username);
            config.setPassword(password);
        }
        config.setMaximumPoolSize(poolSize);
        // While another process hands the H2 file over (it just exited), opening fails for a moment: keep trying.
        config.setInitializationFailTimeout(Duration.ofSeconds(20).toMillis());
        // A request waits at most this long for a connection: while the database is down it is answered 503 with
        // Retry-After in seconds, not after Hikari's default half minute.
        config.setConnectionTimeout(Duration.ofSeconds(5).toMillis());
        config.setMinimumIdle(1);
        config.setPoolName("vidu");
        if (url != null && !url.isBlank()) {
            return new HikariDataSource(config);
        }
        return openHandedOver(config);
    }

    /**
     * The pool on the embedded file, tried again while the process that serves the file (AUTO_SERVER) is leaving: a
     * first connection made through it can die while the pool sets it up ("Database is already closed"), which Hikari
     * takes for a broken setting and does not retry. Seen when a server started just as a short CLI command ended.
     */
    private static HikariDataSource openHandedOver(HikariConfig config) {
        long deadline = System.nanoTime() + Duration.ofMillis(config.getInitializationFailTimeout()).toNanos();
        while (true) {
            try {
                return new HikariDataSource(config);
            } catch (HikariPool.PoolInitializationException e) {
                if (System.nanoTime() > deadline || !(e.getCause() instanceof SQLException)) {
                    throw e;
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @Singleton
    VideoTasks videoTasks(DataSource dataSource, ImageBlobs images) throws InterruptedException {
        migrate(dataSource, images);
        return new JdbcVideoTasks(dataSource, ThisProcess.ID);
    }

    /**
     * This process among the gateway instances on the database ({@code vidu.instance.kind}: server or cli), their
     * list and the provider-call timetable they share; the store is migrated first (it holds both).
     */
    @Singleton
    Membership membership(DataSource dataSource, VideoTasks migratedFirst, Clock clock, InstanceProperties instance) {
        return membership(dataSource, clock, instance.kind());
    }

    static Membership membership(DataSource dataSource, Clock clock, String kind) {
        return new Membership(ThisProcess.instance(kind, clock.instant()), new JdbcGatewayInstances(dataSource),
                new JdbcProviderCallSlots(dataSource), new ThisProcess());
    }

    /** Retried: a local process that owned the H2 file may be handing it over at this very moment. */
    static void migrate(DataSource dataSource, ImageBlobs images) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                DatabaseMigrations.migrateIfNeeded(dataSource, images);
                return;
            } catch (RuntimeException e) {
                if (attempt >= 5) {
                    throw e;
                }
                Thread.sleep(500L * attempt);
            }
        }
    }

    /** When each image blob was last kept, in the task database (migrated first: it holds the table). */
    @Singleton
    ImageBlobMarks imageBlobMarks(DataSource dataSource, VideoTasks migratedFirst) {
        return new JdbcImageBlobMarks(dataSource);
    }

    @Singleton
    SyncSettings syncSettings(SyncProperties properties) {
        return properties.settings();
    }

    @Singleton
    VideoTaskServices videoTaskServices(ModelCatalogue catalogue, VideoTasks tasks, VideoGenerator generator,
                                        VideoArchive archive, ImageBlobs images, ImageBlobMarks marks, Clock clock,
                                        SyncSettings settings, Membership membership) {
        return new VideoTaskServices(catalogue, PriceLatencyTable.STANDARD, tasks, generator, archive, images, marks,
                clock, Sleeper.REAL, settings, membership);
    }

    @Singleton
    WebhookSettings webhookSettings(WebhookProperties properties) {
        return properties.settings();
    }

    /** The webhook outbox: events written by the task store with each change, delivered by any live server. */
    @Singleton
    VideoTaskServices.Webhooks webhooks(VideoTaskServices services, DataSource dataSource, WebhookTransport transport,
                                        WebhookSettings settings) {
        return services.webhooks(new JdbcWebhookOutbox(dataSource, ThisProcess.ID), transport, settings);
    }

    /** Where callback URLs may point: checked at submit (the REST adapter) and again at every delivery. */
    @Singleton
    @Named(CallbackUrls.POLICY)
    DestinationPolicy callbackPolicy(WebhookProperties properties) {
        return properties.destinations();
    }

    /**
     * One webhook attempt: the status body in the provider's shape, signed with the owner's secret (the REST adapter
     * keeps the clients' credentials), POSTed with OkHttp to a checked address. Video URLs in it use
     * {@code VIDU_PUBLIC_URL}, or this server's port on localhost (as Micronaut's server configuration has it).
     */
    @Singleton
    WebhookTransport webhookTransport(@Named(CallbackUrls.POLICY) DestinationPolicy policy,
                                      WebhookSigningSecrets secrets, ObjectMapper json, ViduProperties settings,
                                      HttpServerConfiguration server) {
        URI publicUrl = settings.publicAddress();
        String base = publicUrl == null ? "http://localhost:" + server.getPort().orElse(8080) : publicUrl.toString();
        return new WebhookDelivery(new WebhookSender(policy), secrets, json, base);
    }

    @Singleton
    ReadTaskWebhooks readTaskWebhooks(VideoTaskServices.Webhooks webhooks) {
        return webhooks.read();
    }

    /** Four delivery threads; a stop waits for an attempt in flight as long as one may take, and its record. */
    @Singleton
    @Bean(preDestroy = "close")
    WebhookLoop webhookLoop(VideoTaskServices.Webhooks webhooks) {
        return new WebhookLoop(webhooks.deliver(), 4, WebhookSender.ATTEMPT_TIMEOUT.plusSeconds(5));
    }

    /** This process as one of the instances on the database: joins, beats, stops working, leaves. */
    @Singleton
    TakePartInCluster takePartInCluster(VideoTaskServices services) {
        return services.cluster();
    }

    @Singleton
    @Bean(preDestroy = "close")
    InstanceHeartbeat instanceHeartbeat(VideoTaskServices services, SyncSettings settings) {
        return new InstanceHeartbeat(services.cluster(), settings.instanceHeartbeat());
    }

    @Singleton
    RetentionSettings retentionSettings(ViduProperties settings) {
        return settings.retention();
    }

    @Singleton
    PruneStorage pruneStorage(VideoTaskServices services, RetentionSettings retention) {
        return services.prune(retention);
    }

    @Singleton
    ReceiveImage receiveImage(VideoTaskServices services) {
        return services.receiveImage();
    }

    /** Task events for live streams, status answers from the server's memory (followed statuses). */
    @Singleton
    WatchTaskEvents watchTaskEvents(DataSource dataSource, GetVideoTask statuses, Clock clock) {
        return new TaskEventsService(new JdbcTaskChanges(dataSource), statuses, PriceLatencyTable.STANDARD, clock);
    }

    @Singleton
    CancelVideoTask cancelVideoTask(VideoTaskServices services) {
        return services.cancel();
    }

    /** The deployment's default limits of every client ({@code VIDU_CLIENT_*}). */
    @Singleton
    ClientQuota clientQuota(ClientProperties properties) {
        return properties.quota();
    }

    @Singleton
    SubmitVideoTask submitVideoTask(VideoTaskServices services, ClientQuota quota) {
        return services.submit(quota);
    }

    /** Clients and their keys, in the task database (after its migrations). */
    @Singleton
    Clients clients(DataSource dataSource, VideoTasks migratedFirst) {
        return new JdbcClients(dataSource);
    }

    @Singleton
    ManageClients manageClients(Clients clients, ClientQuota quota, Clock clock) {
        return new ManageClientsService(clients, quota, clock);
    }

    @Singleton
    IdentifyClient identifyClient(Clients clients, Clock clock) {
        return new ClientKeyDirectory(clients, clock);
    }

    @Singleton
    ReportUsage reportUsage(DataSource dataSource, VideoTasks migratedFirst) {
        return new ReportUsageService(new JdbcUsageReports(dataSource));
    }

    /** Status answers held in memory, kept current by following the store's change feed ({@link FollowLoop}). */
    @Singleton
    VideoTaskServices.FollowedStatuses followedStatuses(VideoTaskServices services, DataSource dataSource,
                                                        VideoTasks migratedFirst) {
        return services.followedStatuses(new JdbcTaskChanges(dataSource));
    }

    @Singleton
    GetVideoTask getVideoTask(VideoTaskServices.FollowedStatuses followed) {
        return followed.get();
    }

    @Singleton
    @Bean(preDestroy = "close")
    FollowLoop followLoop(VideoTaskServices.FollowedStatuses followed) {
        return new FollowLoop(followed.follow());
    }

    @Singleton
    ListVideoTasks listVideoTasks(VideoTaskServices services) {
        return services.list();
    }

    @Singleton
    AwaitVideoTask awaitVideoTask(VideoTaskServices services) {
        return services.await();
    }

    @Singleton
    ReadTaskVideo readTaskVideo(VideoTaskServices services) {
        return services.video();
    }

    @Singleton
    SyncVideoTasks syncVideoTasks(VideoTaskServices services) {
        return services.sync();
    }

    @Singleton
    ObserveGateway observeGateway(VideoTaskServices services) {
        return services.observe();
    }

    @Singleton
    @Bean(preDestroy = "close")
    SyncLoop syncLoop(SyncVideoTasks sync, SyncSettings settings, PruneStorage prune, RetentionSettings retention,
                      InstanceHeartbeat heartbeat) {
        return new SyncLoop(sync, settings.batchSize(), prune, retention.every(), heartbeat);
    }

    @Singleton
    ValidateVideoRequest validateVideoRequest(ModelCatalogue catalogue) {
        return new ValidateVideoRequestService(catalogue, PriceLatencyTable.STANDARD);
    }

    @Singleton
    ListModels listModels(ModelCatalogue catalogue) {
        return new ListModelsService(catalogue);
    }

    /** A task's reference images as the gateway keeps them ({@code GET /v1/tasks/{id}/images/{n}}). */
    @Singleton
    com.vidugateway.application.port.in.ReadTaskImage readTaskImage(VideoTaskServices services) {
        return services.image();
    }
}
