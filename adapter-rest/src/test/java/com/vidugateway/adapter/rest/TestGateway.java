package com.vidugateway.adapter.rest;

import com.vidugateway.application.port.in.GetVideoTask;
import com.vidugateway.application.port.in.ListModels;
import com.vidugateway.application.port.in.ListVideoTasks;
import com.vidugateway.application.port.in.ObserveGateway;
import com.vidugateway.application.port.in.ReadTaskVideo;
import com.vidugateway.application.port.in.ReceiveImage;
import com.vidugateway.application.port.in.SubmitVideoTask;
import com.vidugateway.application.port.in.ValidateVideoRequest;
import com.vidugateway.application.port.out.VideoArchive;
import com.vidugateway.application.port.out.VideoGenerator;
import com.vidugateway.application.port.out.VideoTasks;
import com.vidugateway.application.service.ListModelsService;
import com.vidugateway.application.service.SyncSettings;
import com.vidugateway.application.service.ValidateVideoRequestService;
import com.vidugateway.application.service.VideoTaskServices;
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
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

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
    BreakableTasks tasks() {
        return new BreakableTasks(new InMemoryVideoTasks());
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
    VideoTaskServices services(BreakableTasks tasks, ScriptedGenerator provider, PatternArchive archive,
                               InMemoryImageBlobs blobs, MutableClock clock, WebhookNotifier webhooks) {
        return new VideoTaskServices(ModelCatalogue.STANDARD, PriceLatencyTable.STANDARD, tasks, provider, archive,
                blobs, clock, clock, SyncSettings.defaults(), webhooks);
    }

    @Singleton
    ReceiveImage receiveImage(VideoTaskServices services) {
        return services.receiveImage();
    }

    @Singleton
    SubmitVideoTask submit(VideoTaskServices services) {
        return services.submit();
    }

    @Singleton
    GetVideoTask get(VideoTaskServices services) {
        return services.get();
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
    ObserveGateway observe(VideoTaskServices services) {
        return services.observe();
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

    /** The in-memory store, which a test can make fail (the database is down). */
    static final class BreakableTasks implements VideoTasks {
        private final VideoTasks delegate;
        private volatile boolean broken;
        private volatile boolean outOfMemory;

        BreakableTasks(VideoTasks delegate) {
            this.delegate = delegate;
        }

        void broken(boolean value) {
            broken = value;
        }

        /** Every store call fails as when the heap runs short. */
        void outOfMemory(boolean value) {
            outOfMemory = value;
        }

        private void check() {
            if (outOfMemory) {
                throw new OutOfMemoryError("Java heap space");
            }
            if (broken) {
                throw new IllegalStateException("the database is down (jdbc:h2:secret-url;password=hunter2)");
            }
        }

        @Override
        public void add(VideoTask task, Idempotency idempotency, Instant firstCheckAt) {
            check();
            delegate.add(task, idempotency, firstCheckAt);
        }

        @Override
        public Optional<VideoTask> find(TaskId id) {
            check();
            return delegate.find(id);
        }

        @Override
        public Optional<IdempotentSubmit> findByIdempotencyKey(String owner, String key) {
            check();
            return delegate.findByIdempotencyKey(owner, key);
        }

        @Override
        public java.util.Map<TaskStatus, Long> countByStatus() {
            check();
            return delegate.countByStatus();
        }

        @Override
        public void recordRefusal(TaskId id, Refusal refusal) {
            check();
            delegate.recordRefusal(id, refusal);
        }

        @Override
        public List<VideoTask> list(String owner, TaskStatus status, PageCursor after, int limit) {
            check();
            return delegate.list(owner, status, after, limit);
        }

        @Override
        public boolean replace(VideoTask updated) {
            check();
            return delegate.replace(updated);
        }

        @Override
        public List<Check> due(Instant now, int limit) {
            check();
            return delegate.due(now, limit);
        }

        @Override
        public Optional<Check> checkOf(TaskId id) {
            check();
            return delegate.checkOf(id);
        }

        @Override
        public boolean claim(Check check, Instant until) {
            check();
            return delegate.claim(check, until);
        }

        @Override
        public void schedule(TaskId id, Instant at, int attempts) {
            check();
            delegate.schedule(id, at, attempts);
        }

        @Override
        public boolean refersToImage(String sha256) {
            check();
            return delegate.refersToImage(sha256);
        }

        @Override
        public List<VideoTask> keepingImagesEndedBefore(Instant before, int limit) {
            check();
            return delegate.keepingImagesEndedBefore(before, limit);
        }

        @Override
        public List<VideoTask> keepingVideosStoredBefore(Instant before, int limit) {
            check();
            return delegate.keepingVideosStoredBefore(before, limit);
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
        }

        @Override
        public Optional<VideoContent> read(StoredVideo video) {
            if (deleted.contains(video.location())) {
                return Optional.empty();
            }
            return Optional.of(new VideoContent() {
                @Override
                public long size() {
                    return SIZE;
                }

                @Override
                public InputStream open(long offset, long length) {
                    return new ByteArrayInputStream(BYTES, (int) offset, (int) length);
                }
            });
        }
    }
}
