package com.vidugateway.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.vidugateway.domain.task.StoredVideo;
import com.vidugateway.domain.task.TaskId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Storage} does, on a local disk or in a bucket: both facets work and do not see each other, its
 * check passes when it can be used and says in one line why not when it cannot. The image facet passes the whole
 * {@link ImageBlobsContract} ({@link Images}); the video facet ({@link Videos}) keeps a video served by a real HTTP
 * server on loopback, large enough to go in several parts of an object store, and reads it back whole and in ranges
 * — every byte streamed and hashed on the way, never a whole video in the test's memory either.
 */
public abstract class StorageContract {

    /** Larger than two parts of 8 MiB (an object store's multipart upload), not a multiple of anything. */
    protected static final long LARGE = 17L * 1024 * 1024 + 4321;
    private static final int BLOCK = 64 * 1024;

    /** An empty storage that can be used, the same one for the whole test. */
    protected abstract Storage storage();

    /** A storage whose check must fail: nothing there to use (no such bucket, a file where the directory goes). */
    protected abstract Storage unusable() throws IOException;

    /** Checks that no upload left anything behind beside the storage's images (no temporary or staging file). */
    protected void assertNoUploadLeftBehind() throws IOException {}

    private HttpServer provider;
    private ExecutorService providerThreads;

    @BeforeEach
    void startProvider() throws IOException {
        provider = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        providerThreads = Executors.newCachedThreadPool();
        provider.setExecutor(providerThreads);
        provider.createContext("/large.mp4", exchange -> serve(exchange, 1, LARGE, true));
        provider.createContext("/small.mp4", exchange -> serve(exchange, 2, 1000, true));
        provider.createContext("/other.mp4", exchange -> serve(exchange, 3, 5000, false));
        provider.createContext("/missing.mp4", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        provider.start();
    }

    @AfterEach
    void stopProvider() {
        provider.stop(0);
        providerThreads.shutdownNow();
    }

    @Test
    void a_usable_storage_passes_its_check_and_says_where_it_is() throws IOException {
        storage().check();

        assertThat(storage().describe()).isNotBlank().doesNotContain("\n");
    }

    @Test
    void an_unusable_storage_fails_its_check_in_one_line() throws IOException {
        try (Storage unusable = unusable()) {
            assertThatThrownBy(unusable::check).isInstanceOf(IOException.class)
                    .satisfies(failure -> assertThat(failure.getMessage()).isNotBlank().doesNotContain("\n"));
        }
    }

    @Test
    void images_and_videos_share_the_storage_without_seeing_each_other() throws Exception {
        byte[] image = ImageBlobsContract.image(2000, 20);
        String sha256 = ImageBlobsContract.sha256(image);
        try (ImageBlobs.Upload upload = storage().images().upload()) {
            upload.write(image, 0, image.length);
            upload.keep(sha256);
        }
        StoredVideo video = storage().videos().keep(new TaskId("task-shared"), url("/small.mp4"));

        assertThat(storage().images().list()).extracting(ImageBlobs.Blob::sha256).containsExactly(sha256);
        storage().images().delete(sha256);
        assertThat(read(storage().videos().read(video).orElseThrow(), 0, 1000)).isEqualTo(bytes(2, 0, 1000));
        storage().videos().delete(video);
        assertThat(storage().images().list()).isEmpty();
        assertNoUploadLeftBehind();
    }

    /** The image facet: the whole {@link ImageBlobsContract}. */
    @Nested
    class Images extends ImageBlobsContract {
        @Override
        protected ImageBlobs blobs() {
            return storage().images();
        }

        @Override
        protected void assertNothingLeftBehind() throws IOException {
            super.assertNothingLeftBehind();
            assertNoUploadLeftBehind();
        }
    }

    /** The video facet. */
    @Nested
    class Videos {

        private final TaskId task = new TaskId("task-1");

        @Test
        void a_large_video_is_kept_with_the_size_and_sha256_of_what_was_served_and_reads_back_whole()
                throws Exception {
            Instant before = Instant.now().minusSeconds(1);

            StoredVideo video = storage().videos().keep(task, url("/large.mp4"));

            assertThat(video.sizeBytes()).isEqualTo(LARGE);
            assertThat(video.sha256()).isEqualTo(sha256(1, LARGE));
            assertThat(video.storedAt()).isAfter(before);
            VideoArchive.VideoContent content = storage().videos().read(video).orElseThrow();
            assertThat(content.size()).isEqualTo(LARGE);
            MessageDigest read = digest();
            long count = 0;
            try (InputStream in = new DigestInputStream(content.open(0, LARGE), read)) {
                byte[] buffer = new byte[BLOCK];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    count += n;
                }
            }
            assertThat(count).isEqualTo(LARGE);
            assertThat(HexFormat.of().formatHex(read.digest())).isEqualTo(video.sha256());
        }

        @Test
        void ranges_of_a_kept_video_are_its_bytes() throws Exception {
            StoredVideo video = storage().videos().keep(task, url("/large.mp4"));
            VideoArchive.VideoContent content = storage().videos().read(video).orElseThrow();
            long part = 8L * 1024 * 1024;

            assertThat(read(content, 0, 1)).isEqualTo(bytes(1, 0, 1));
            assertThat(read(content, 100_000, 70_000)).isEqualTo(bytes(1, 100_000, 70_000));
            assertThat(read(content, part - 5, 10)).as("across a part boundary").isEqualTo(bytes(1, part - 5, 10));
            assertThat(read(content, LARGE - 10, 10)).isEqualTo(bytes(1, LARGE - 10, 10));
            assertThat(read(content, LARGE, 0)).isEmpty();
            assertThatThrownBy(() -> content.open(LARGE - 10, 11)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> content.open(-1, 1)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void a_range_read_in_part_and_closed_leaves_the_video_readable() throws Exception {
            StoredVideo video = storage().videos().keep(task, url("/large.mp4"));
            VideoArchive.VideoContent content = storage().videos().read(video).orElseThrow();

            try (InputStream in = content.open(10, LARGE - 10)) {
                assertThat(in.readNBytes(5)).isEqualTo(bytes(1, 10, 5));
            }
            assertThat(read(content, 20, 5)).isEqualTo(bytes(1, 20, 5));
        }

        @Test
        void a_video_served_without_a_length_is_kept_too() throws Exception {
            StoredVideo video = storage().videos().keep(task, url("/other.mp4"));

            assertThat(video.sizeBytes()).isEqualTo(5000);
            assertThat(read(storage().videos().read(video).orElseThrow(), 0, 5000)).isEqualTo(bytes(3, 0, 5000));
        }

        @Test
        void keeping_again_replaces_the_copy_whole() throws Exception {
            storage().videos().keep(task, url("/small.mp4"));

            StoredVideo again = storage().videos().keep(task, url("/other.mp4"));

            VideoArchive.VideoContent content = storage().videos().read(again).orElseThrow();
            assertThat(content.size()).isEqualTo(5000);
            assertThat(read(content, 0, 5000)).isEqualTo(bytes(3, 0, 5000));
        }

        @Test
        void a_failed_download_keeps_nothing_and_leaves_an_earlier_copy_as_it_was() throws Exception {
            StoredVideo earlier = storage().videos().keep(task, url("/small.mp4"));

            assertThatThrownBy(() -> storage().videos().keep(task, url("/missing.mp4")))
                    .isInstanceOf(VideoArchive.ArchiveFailure.class).hasMessageContaining("404");
            assertThatThrownBy(() -> storage().videos().keep(new TaskId("task-2"), url("/missing.mp4")))
                    .isInstanceOf(VideoArchive.ArchiveFailure.class);

            assertThat(read(storage().videos().read(earlier).orElseThrow(), 0, 1000)).isEqualTo(bytes(2, 0, 1000));
        }

        @Test
        void two_tasks_have_two_videos_and_a_deleted_one_is_gone() throws Exception {
            StoredVideo first = storage().videos().keep(task, url("/small.mp4"));
            StoredVideo second = storage().videos().keep(new TaskId("task-2"), url("/other.mp4"));
            assertThat(first.location()).isNotEqualTo(second.location());

            storage().videos().delete(first);

            assertThat(storage().videos().read(first)).isEmpty();
            assertThat(storage().videos().read(second)).isPresent();
            storage().videos().delete(first);
            storage().videos().delete(first.removed(Instant.now()));
            assertThat(storage().videos().read(second).orElseThrow().size()).isEqualTo(5000);
        }

        @Test
        void a_location_outside_the_storage_is_refused() throws Exception {
            StoredVideo kept = storage().videos().keep(task, url("/small.mp4"));
            for (String location : new String[] {"../" + kept.location(), kept.location() + "/..", "/etc/passwd",
                    ""}) {
                StoredVideo elsewhere = new StoredVideo(location, 10, "ab".repeat(32), Instant.now());

                assertThatThrownBy(() -> storage().videos().read(elsewhere))
                        .as(location).isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> storage().videos().delete(elsewhere))
                        .as(location).isInstanceOf(IllegalArgumentException.class);
            }
            assertThat(storage().videos().read(kept)).isPresent();
        }
    }

    // --- the provider's videos: bytes made block by block from a seed, so any range is known without the whole ---

    /** {@code length} bytes of video {@code seed} from {@code offset}. */
    protected static byte[] bytes(long seed, long offset, int length) {
        byte[] bytes = new byte[length];
        int filled = 0;
        while (filled < length) {
            long at = offset + filled;
            byte[] block = block(seed, at / BLOCK);
            int from = (int) (at % BLOCK);
            int n = Math.min(BLOCK - from, length - filled);
            System.arraycopy(block, from, bytes, filled, n);
            filled += n;
        }
        return bytes;
    }

    private static byte[] block(long seed, long index) {
        byte[] block = new byte[BLOCK];
        new Random(seed * 1_000_003L + index).nextBytes(block);
        return block;
    }

    private static String sha256(long seed, long size) {
        MessageDigest digest = digest();
        for (long at = 0; at < size; at += BLOCK) {
            digest.update(block(seed, at / BLOCK), 0, (int) Math.min(BLOCK, size - at));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Streams video {@code seed} block by block, sized by Content-Length or chunked. */
    private static void serve(HttpExchange exchange, long seed, long size, boolean sized) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "video/mp4");
        exchange.sendResponseHeaders(200, sized ? size : 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (long at = 0; at < size; at += BLOCK) {
                out.write(block(seed, at / BLOCK), 0, (int) Math.min(BLOCK, size - at));
            }
        } catch (IOException clientLeft) {
            // The archive stopped reading (a test of a failure): nothing more to send.
        }
    }

    protected URI url(String path) {
        return URI.create("http://127.0.0.1:" + provider.getAddress().getPort() + path);
    }

    private static byte[] read(VideoArchive.VideoContent content, long offset, long length) throws IOException {
        try (InputStream in = content.open(offset, length)) {
            return in.readAllBytes();
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
