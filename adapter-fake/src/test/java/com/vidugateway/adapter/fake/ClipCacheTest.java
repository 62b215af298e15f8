package com.vidugateway.adapter.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vidugateway.domain.catalogue.AspectRatio;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A clip is encoded once, appears whole or not at all, and an interrupted encoding leaves no clip behind. */
class ClipCacheTest {

    private static final ClipSpec CLIP = new ClipSpec(1, AspectRatio.RATIO_16_9);

    @TempDir
    Path videos;

    /** Counts encodings, and can be made to fail half way like a killed process. */
    private static final class CountingEncoder extends ClipEncoder {
        final AtomicInteger encodings = new AtomicInteger();
        volatile boolean failHalfWay;

        @Override
        void encode(ClipSpec clip, Path target) throws IOException {
            encodings.incrementAndGet();
            if (failHalfWay) {
                Files.write(target, new byte[] {0, 0, 0, 1});
                throw new IOException("disk full");
            }
            super.encode(clip, target);
        }
    }

    @Test
    void concurrent_requests_for_a_new_clip_encode_it_once_and_all_get_the_whole_file() throws Exception {
        CountingEncoder encoder = new CountingEncoder();
        ClipCache cache = new ClipCache(videos, encoder);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Path>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(threads.submit((Callable<Path>) () -> cache.clip(CLIP)));
            }
            for (Future<Path> result : results) {
                assertThat(result.get()).isEqualTo(videos.resolve("clip-v1-1s-16x9.mp4"));
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(encoder.encodings).hasValue(1);
        assertThat(filesIn(videos)).containsExactly("clip-v1-1s-16x9.mp4");
        assertThat(Files.size(videos.resolve("clip-v1-1s-16x9.mp4"))).isGreaterThan(1_000);
    }

    @Test
    void an_encoding_that_fails_half_way_leaves_no_file_and_the_next_request_tries_again() throws Exception {
        CountingEncoder encoder = new CountingEncoder();
        ClipCache cache = new ClipCache(videos, encoder);
        encoder.failHalfWay = true;

        assertThatThrownBy(() -> cache.clip(CLIP)).hasMessage("disk full");
        assertThat(filesIn(videos)).isEmpty();

        encoder.failHalfWay = false;
        assertThat(cache.clip(CLIP)).exists();
        assertThat(encoder.encodings).hasValue(2);
    }

    @Test
    void a_temporary_file_abandoned_by_a_killed_process_is_removed_at_the_next_start_but_a_fresh_one_is_kept()
            throws IOException {
        Path abandoned = Files.write(videos.resolve("clip-v1-1s-16x9.mp4.123.part"), new byte[] {1});
        Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        Path inProgressElsewhere = Files.write(videos.resolve("clip-v1-2s-16x9.mp4.456.part"), new byte[] {1});

        new ClipCache(videos, new ClipEncoder());

        assertThat(filesIn(videos)).containsExactly("clip-v1-2s-16x9.mp4.456.part");
        assertThat(inProgressElsewhere).exists();
    }

    @Test
    void a_cached_clip_is_not_encoded_again_by_a_new_instance() throws IOException {
        new ClipCache(videos, new ClipEncoder()).clip(CLIP);
        CountingEncoder encoder = new CountingEncoder();

        new ClipCache(videos, encoder).clip(CLIP);

        assertThat(encoder.encodings).hasValue(0);
    }

    @Test
    void the_video_directory_is_created_when_missing() throws IOException {
        Path nested = videos.resolve("a/b/videos");

        new ClipCache(nested, new ClipEncoder()).clip(CLIP);

        assertThat(nested.resolve("clip-v1-1s-16x9.mp4")).isRegularFile();
    }

    private static List<String> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
