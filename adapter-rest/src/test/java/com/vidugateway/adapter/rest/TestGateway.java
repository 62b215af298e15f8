package com.vidugateway.adapter.rest;

import com.vidugateway.application.port.in.CancelVideoTask;
import com.vidugateway.application.port.in.IdentifyClient;
import com.vidugateway.application.port.in.WatchTaskEvents;
import com.vidugateway.application.service.TaskEventsService;
import com.vidugateway.application.port.in.ManageClients;
import com.vidugateway.application.port.in.ReportUsage;
import com.vidugateway.application.service.ClientKeyDirectory;
import com.vidugateway.application.service.ManageClientsService;
import com.vidugateway.application.service.ReportUsageService;
import com.vidugateway.application.testing.InMemoryClients;
import com.vidugateway.domain.client.ClientQuota;

import com.vidugateway.application.port.in.FollowTaskChanges;
import com.vidugateway.application.port.in.GetVideoTask;
import com.vidugateway.application.port.in.ListModels;
import com.vidugateway.application.port.in.ListVideoTasks;
import com.vidugateway.application.port.in.ObserveGateway;
import com.vidugateway.application.port.out.GatewayInstances.Instance;
import com.vidugateway.application.port.in.ReadTaskVideo;
import com.vidugateway.application.port.in.ReceiveImage;
import com.vidugateway.application.port.in.TakePartInCluster;
import com.vidugateway.application.port.in.SubmitVideoTask;
import com.vidugateway.application.port.in.ValidateVideoRequest;
import com.vidugateway.application.port.out.ImageBlobs;
import com.vidugateway.application.port.out.Storage;
import com.vidugateway.application.port.out.VideoArchive;
import com.vidugateway.application.port.out.VideoGenerator;
import com.vidugateway.application.port.out.VideoTasks;
import com.vidugateway.application.service.ListModelsService;
import com.vidugateway.application.service.SyncSettings;
import com.vidugateway.application.service.ValidateVideoRequestService;
import com.vidugateway.application.service.VideoTaskServices;
import com.vidugateway.application.service.WebhookSettings;
import com.vidugateway.application.port.in.ReadTaskWebhooks;
import com.vidugateway.application.testing.ForwardingImageBlobs;
import com.vidugateway.application.testing.InMemoryImageBlobMarks;
import com.vidugateway.application.testing.InMemoryImageBlobs;
import com.vidugateway.application.testing.InMemoryVideoTasks;
import com.vidugateway.application.testing.MutableClock;
import com.vidugateway.application.testing.ScriptedGenerator;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.catalogue.PriceLatencyTable;
import com.vidugateway.domain.task.StoredVideo;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import com.vidugateway.application.port.out.WebhookTransport;
import com.vidugateway.application.support.DestinationPolicy;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The application's real services over the application's test doubles — an in-memory store, a scripted
 * provider, a hand-moved clock — and an archive whose videos are a known byte pattern; what bootstrap wires
 * with H2 and a real provider.
 */
@Factory
class TestGateway {

    static final Instant START = Instant.parse("2026-05-01T08:00:00Z");
    /** The provider takes this long for every task. */
    static final Duration GENERATION = Duration.ofSeconds(30);

    @Singleton
    MutableClock clock() {
        return new MutableClock(START);
    }

    @Singleton
    InMemoryVideoTasks rows() {
        return new InMemoryVideoTasks();
    }

    @Singleton
    BreakableTasks tasks(InMemoryVideoTasks rows) {
        return new BreakableTasks(rows);
    }

    /** The outbox the in-memory store writes; the REST adapter's tests read it and never deliver (adapter-webhook does). */
    @Singleton
    VideoTaskServices.Webhooks webhooks(VideoTaskServices services, InMemoryVideoTasks rows) {
        WebhookTransport none = (event, task) -> {
            throw new AssertionError("the REST adapter's tests deliver no webhook");
        };
        return services.webhooks(rows.outbox(), none, WebhookSettings.defaults());
    }

    /** Callback URLs follow the default rules: ports 80 and 443, public addresses only. */
    @Singleton
    @Named(CallbackUrls.POLICY)
    DestinationPolicy callbackPolicy() {
        return new DestinationPolicy(false, Set.of());
    }

    @Singleton
    ReadTaskWebhooks readTaskWebhooks(VideoTaskServices.Webhooks webhooks) {
        return webhooks.read();
    }

    @Singleton
    @Bean(typed = {ScriptedGenerator.class, VideoGenerator.class})
    ScriptedGenerator provider(MutableClock clock) {
        return new ScriptedGenerator(clock, GENERATION);
    }

    @Singleton
    PatternArchive archive(MutableClock clock) {
        return new PatternArchive(clock);
    }

    /** The blob store in memory: tests read kept images back and see uploads left open. */
    @Singleton
    InMemoryImageBlobs blobs() {
        return new InMemoryImageBlobs();
    }

    @Singleton
    BreakableBlobs breakableBlobs(InMemoryImageBlobs blobs) {
        return new BreakableBlobs(blobs);
    }

    @Singleton
    VideoTaskServices services(BreakableTasks tasks, ScriptedGenerator provider, PatternArchive archive,
                               BreakableBlobs blobs, MutableClock clock) {
        // No webhook delivery here: a callback URL a test submits (a public address) is never called from a test.
        return new VideoTaskServices(ModelCatalogue.STANDARD, PriceLatencyTable.STANDARD, tasks.store(), provider,
                archive, blobs, new InMemoryImageBlobMarks(clock, tasks.store()::refersToImage), clock, clock,
                SyncSettings.defaults());
    }

    @Singleton
    TakePartInCluster cluster(VideoTaskServices services) {
        return services.cluster();
    }

    @Singleton
    ReceiveImage receiveImage(VideoTaskServices services) {
        return services.receiveImage();
    }

    /** Clients and usage over the same in-memory tasks; adds are checked against the clients' own limits. */
    @Singleton
    InMemoryClients clients(InMemoryVideoTasks rows) {
        return new InMemoryClients(rows);
    }

    @Singleton
    ManageClients manageClients(InMemoryClients clients, MutableClock clock) {
        return new ManageClientsService(clients, ClientQuota.NONE, clock);
    }

    @Singleton
    IdentifyClient identifyClient(InMemoryClients clients, MutableClock clock) {
        return new ClientKeyDirectory(clients, clock);
    }

    @Singleton
    ReportUsage reportUsage(InMemoryClients clients) {
        return new ReportUsageService(clients);
    }

    @Singleton
    WatchTaskEvents watchTaskEvents(InMemoryVideoTasks rows, GetVideoTask statuses, MutableClock clock) {
        return new TaskEventsService(rows.changes(), statuses, PriceLatencyTable.STANDARD, clock);
    }

    @Singleton
    CancelVideoTask cancel(VideoTaskServices services) {
        return services.cancel();
    }

    @Singleton
    SubmitVideoTask submit(VideoTaskServices services) {
        return services.submit(ClientQuota.NONE);
    }

    /** As a server has it: status answers held in memory, given from there only once a test follows the changes. */
    @Singleton
    VideoTaskServices.FollowedStatuses followedStatuses(VideoTaskServices services, InMemoryVideoTasks rows) {
        return services.followedStatuses(rows.changes());
    }

    @Singleton
    GetVideoTask get(VideoTaskServices.FollowedStatuses followed) {
        return followed.get();
    }

    @Singleton
    FollowTaskChanges follow(VideoTaskServices.FollowedStatuses followed) {
        return followed.follow();
    }

    @Singleton
    ListVideoTasks list(VideoTaskServices services) {
        return services.list();
    }

    @Singleton
    ReadTaskVideo video(VideoTaskServices services) {
        return services.video();
    }

    @Singleton
    ScriptedCluster observe(VideoTaskServices services) {
        return new ScriptedCluster(services.observe());
    }

    @Singleton
    ValidateVideoRequest validate() {
        return new ValidateVideoRequestService(ModelCatalogue.STANDARD, PriceLatencyTable.STANDARD);
    }

    @Singleton
    ListModels models() {
        return new ListModelsService(ModelCatalogue.STANDARD);
    }

    /** Moves time on and runs the status sync until the task has ended (and its video is kept), or 10 minutes pass. */
    static VideoTask runUntilDone(VideoTaskServices services, BreakableTasks tasks, MutableClock clock, String id) {
        for (int i = 0; i < 600; i++) {
            VideoTask task = tasks.find(new TaskId(id)).orElseThrow();
            if (task.isTerminal() && (task.status() != TaskStatus.SUCCESS || task.video() != null)) {
                return task;
            }
            clock.advance(Duration.ofSeconds(1));
            services.sync().syncDue();
        }
        return tasks.find(new TaskId(id)).orElseThrow();
    }

    /**
     * The in-memory store, which a test can make fail: the database is down (a plain failure), cannot be used now
     * ({@link VideoTasks.Unavailable}), or the heap runs short. The store the services use is a proxy of the port
     * ({@link #store()}), so that every method the port has, today's and tomorrow's, fails alike.
     */
    static final class BreakableTasks {
        private final VideoTasks delegate;
        private final VideoTasks store;
        private volatile boolean broken;
        private volatile boolean unavailable;
        private volatile boolean outOfMemory;
        private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

        BreakableTasks(VideoTasks delegate) {
            this.delegate = delegate;
            this.store = (VideoTasks) Proxy.newProxyInstance(VideoTasks.class.getClassLoader(),
                    new Class<?>[] {VideoTasks.class}, (proxy, method, args) -> {
                        if (method.getDeclaringClass() == Object.class) {
                            return switch (method.getName()) {
                                case "equals" -> proxy == args[0];
                                case "hashCode" -> System.identityHashCode(proxy);
                                default -> "BreakableTasks(" + delegate + ")";
                            };
                        }
                        calls.computeIfAbsent(method.getName(), name -> new AtomicInteger()).incrementAndGet();
                        check();
                        try {
                            return method.invoke(delegate, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        /** How often the port's method {@code name} was called so far. */
        int calls(String name) {
            AtomicInteger count = calls.get(name);
            return count == null ? 0 : count.get();
        }

        /** What the services are given. */
        VideoTasks store() {
            return store;
        }

        void broken(boolean value) {
            broken = value;
        }

        /** Every store call fails as the persistence adapter fails while the database cannot be reached. */
        void unavailable(boolean value) {
            unavailable = value;
        }

        /** Every store call fails as when the heap runs short. */
        void outOfMemory(boolean value) {
            outOfMemory = value;
        }

        Optional<VideoTask> find(TaskId id) {
            return store.find(id);
        }

        boolean replace(VideoTask updated) {
            return store.replace(updated);
        }

        private void check() {
            if (outOfMemory) {
                throw new OutOfMemoryError("Java heap space");
            }
            if (unavailable) {
                throw new VideoTasks.Unavailable("the task database cannot be reached",
                        new java.sql.SQLTransientConnectionException("Connection refused: jdbc:postgresql://db-secret-host/vidu?password=hunter2"));
            }
            if (broken) {
                throw new IllegalStateException("the database is down (jdbc:h2:secret-url;password=hunter2)");
            }
        }
    }

    /**
     * What {@link ObserveGateway} tells, with the instances a test sets: by default this one ({@value #SELF}) and two
     * more, as a gateway behind a load balancer sees them.
     */
    static final class ScriptedCluster implements ObserveGateway {
        static final String SELF = "gw-test-a";
        static final Cluster THREE = new Cluster(SELF, List.of(
                new Instance(SELF, "server", "host-a", 101, null, null, START, START.plusSeconds(5)),
                new Instance("gw-test-b", "server", "host-b", 202, null, null, START.plusSeconds(1), START.plusSeconds(4)),
                new Instance("gw-test-c", "cli", "host-a", 303, null, null, START.plusSeconds(2), START.plusSeconds(3))));

        private final ObserveGateway delegate;
        private volatile Supplier<Cluster> cluster = () -> THREE;

        ScriptedCluster(ObserveGateway delegate) {
            this.delegate = delegate;
        }

        /** From now on {@link #cluster()} answers this (or throws what it throws). */
        void answer(Supplier<Cluster> next) {
            cluster = next;
        }

        void reset() {
            cluster = () -> THREE;
        }

        @Override
        public Observation observe() {
            return delegate.observe();
        }

        @Override
        public ProviderReachability provider() {
            return delegate.provider();
        }

        @Override
        public Cluster cluster() {
            return cluster.get();
        }
    }

    /**
     * The in-memory blob store, which a test can make fail as a store that cannot be used now: every new upload, or
     * every keep of an upload (a submit keeping its staged images).
     */
    static final class BreakableBlobs extends ForwardingImageBlobs {
        private volatile boolean uploadsFail;
        private volatile boolean keepsFail;

        BreakableBlobs(ImageBlobs delegate) {
            super(delegate);
        }

        void uploadsFail(boolean value) {
            uploadsFail = value;
        }

        void keepsFail(boolean value) {
            keepsFail = value;
        }

        @Override
        public Upload upload() throws IOException {
            if (uploadsFail) {
                throw new Storage.Unavailable("the image storage did not answer",
                        new java.net.ConnectException("Connection refused"));
            }
            return new ForwardingUpload(blobs.upload()) {
                @Override
                public void keep(String sha256) throws IOException {
                    if (keepsFail) {
                        throw new Storage.Unavailable("the image storage failed",
                                new java.net.SocketTimeoutException("blob-secret-host:9000 did not answer"));
                    }
                    upload.keep(sha256);
                }
            };
        }
    }

    /** Keeps every video as the same {@link #SIZE} bytes of a known pattern, so ranges can be checked. */
    static final class PatternArchive implements VideoArchive {
        static final int SIZE = 10_000;
        static final byte[] BYTES = new byte[SIZE];

        static {
            for (int i = 0; i < SIZE; i++) {
                BYTES[i] = (byte) (i * 31 % 251);
            }
        }

        private final MutableClock clock;

        PatternArchive(MutableClock clock) {
            this.clock = clock;
        }

        @Override
        public StoredVideo keep(TaskId task, URI source) {
            try {
                String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(BYTES));
                return new StoredVideo(task.value() + ".mp4", SIZE, sha, clock.instant());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** Videos removed by retention: a removed one reads as gone, as the real archive's would. */
        private final java.util.Set<String> deleted = java.util.concurrent.ConcurrentHashMap.newKeySet();

        @Override
        public void delete(StoredVideo video) {
            deleted.add(video.location());
            posters.remove(VideoArchive.posterLocation(video.location()));
        }

        /** Posters kept, by location. */
        private final Map<String, byte[]> posters = new ConcurrentHashMap<>();

        @Override
        public void keepPoster(StoredVideo video, byte[] jpeg) {
            posters.put(VideoArchive.posterLocation(video.location()), jpeg.clone());
        }

        @Override
        public Optional<byte[]> poster(StoredVideo video) {
            if (unreadable) {
                throw new UncheckedIOException(new Storage.Unavailable("the video storage did not answer",
                        new IOException("archive-secret-bucket: connection reset")));
            }
            return Optional.ofNullable(posters.get(VideoArchive.posterLocation(video.location())));
        }

        private volatile boolean unreadable;
        private volatile boolean unopenable;

        /** Reads fail as an archive whose disk or bucket does not answer. */
        void unreadable(boolean value) {
            unreadable = value;
        }

        /** A video is found, but its bytes cannot be fetched (the bucket went away in between). */
        void unopenable(boolean value) {
            unopenable = value;
        }

        @Override
        public Optional<VideoContent> read(StoredVideo video) {
            if (unreadable) {
                throw new UncheckedIOException(new Storage.Unavailable("the video storage did not answer",
                        new IOException("archive-secret-bucket: connection reset")));
            }
            if (deleted.contains(video.location())) {
                return Optional.empty();
            }
            return Optional.of(new VideoContent() {
                @Override
                public long size() {
                    return SIZE;
                }

                @Override
                public InputStream open(long offset, long length) throws IOException {
                    if (unopenable) {
                        throw new Storage.Unavailable("the video storage did not answer",
                                new IOException("archive-secret-bucket: connection reset"));
                    }
                    return new ByteArrayInputStream(BYTES, (int) offset, (int) length);
                }
            });
        }
    }
}
