package com.vidugateway.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.application.port.out.VideoTasks;
import com.vidugateway.application.testing.InMemoryImageBlobMarks;
import com.vidugateway.application.testing.InMemoryImageBlobs;
import com.vidugateway.application.testing.MutableClock;
import com.vidugateway.application.testing.RecordingArchive;
import com.vidugateway.application.testing.ScriptedGenerator;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.catalogue.PriceLatencyTable;
import com.vidugateway.domain.request.VideoRequestDraft;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.function.Supplier;

/** The core wired over test doubles: a store, a scripted provider, a recording archive and a hand-moved clock. */
final class Gateway {

    static final Instant START = Instant.parse("2026-05-01T08:00:00Z");
    /** viduq2 5 s 720p: the provider's typical time is 28.7 s. */
    static final Duration TYPICAL = Duration.ofMillis(28_700);

    final MutableClock clock;
    final VideoTasks store;
    final ScriptedGenerator provider;
    final RecordingArchive archive;
    final VideoTaskServices services;
    final InMemoryImageBlobs images;
    final InMemoryImageBlobMarks marks;

    Gateway(VideoTasks store, MutableClock clock, ScriptedGenerator provider, RecordingArchive archive) {
        this(store, clock, provider, archive, new InMemoryImageBlobs(),
                new InMemoryImageBlobMarks(clock, store::refersToImage));
    }

    Gateway(VideoTasks store, MutableClock clock, ScriptedGenerator provider, RecordingArchive archive,
            InMemoryImageBlobs images, InMemoryImageBlobMarks marks) {
        this.clock = clock;
        this.store = store;
        this.provider = provider;
        this.archive = archive;
        this.images = images;
        this.marks = marks;
        this.services = new VideoTaskServices(ModelCatalogue.STANDARD, PriceLatencyTable.STANDARD, store, provider,
                archive, images, marks, clock, clock, SyncSettings.defaults());
    }

    static Gateway over(VideoTasks store) {
        MutableClock clock = new MutableClock(START);
        return new Gateway(store, clock, new ScriptedGenerator(clock, TYPICAL), new RecordingArchive(clock));
    }

    /** The same store and provider after a restart: new services, nothing carried over in memory. */
    Gateway restarted() {
        return new Gateway(store, clock, provider, archive, images, marks);
    }

    static VideoRequestDraft draft(String prompt) {
        return VideoRequestDraft.builder().model("viduq2").images("https://example.com/cat.jpg").prompt(prompt).build();
    }

    /**
     * Runs the sync until a second before {@code retryAfter} has passed, then two seconds more: the provider's
     * {@code calls} (of one kind) grow by nothing before it and by one just after it.
     */
    void assertCalledAgainOnlyAfter(Duration retryAfter, Supplier<? extends Collection<?>> calls) {
        int before = calls.get().size();
        syncFor(retryAfter.minusSeconds(1));
        assertThat(calls.get()).as("calls before the retry-after").hasSize(before);
        syncFor(Duration.ofSeconds(2));
        assertThat(calls.get()).as("calls just after the retry-after").hasSize(before + 1);
    }

    /** Runs the sync as a background loop would, second by second, for at most {@code limit}. */
    void syncFor(Duration limit) {
        Instant end = clock.instant().plus(limit);
        while (clock.instant().isBefore(end)) {
            services.sync().syncDue();
            clock.advance(Duration.ofSeconds(1));
        }
    }
}
