package com.vidugateway.application.service;

import static com.vidugateway.application.service.Gateway.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vidugateway.application.port.in.ReadTaskPoster;
import com.vidugateway.application.port.in.SubmitVideoTask;
import com.vidugateway.application.port.in.SubmitVideoTask.Command;
import com.vidugateway.application.port.out.PosterFrames;
import com.vidugateway.application.port.out.Storage;
import com.vidugateway.application.port.out.VideoArchive;
import com.vidugateway.application.testing.InMemoryVideoTasks;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.VideoTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Posters made lazily: once per video, kept in the archive, an undecodable video decoded once. */
class ReadTaskPosterServiceTest {

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3};

    private final Gateway gateway = Gateway.over(new InMemoryVideoTasks());
    private final CountingFrames frames = new CountingFrames();
    private final ReadTaskPoster posters = new ReadTaskPosterService(gateway.services.video(), gateway.archive, frames);

    private VideoTask finished(String owner) throws InterruptedException {
        VideoTask task = ((SubmitVideoTask.Accepted) gateway.services.submit()
                .submit(new Command(owner, draft("a poster"), null))).task();
        VideoTask done = gateway.services.await().await(owner, task.id(), Duration.ofMinutes(5), t -> { }).orElseThrow();
        assertThat(done.video()).isNotNull();
        return done;
    }

    @Test
    void the_first_read_makes_the_poster_and_keeps_it_later_reads_read_it_back() throws Exception {
        VideoTask task = finished("alice");

        ReadTaskPoster.Result first = posters.read("alice", task.id());
        ReadTaskPoster.Result second = posters.read("alice", task.id());

        assertThat(first).isInstanceOfSatisfying(ReadTaskPoster.Found.class, found -> assertThat(found.jpeg()).isEqualTo(JPEG));
        assertThat(second).isInstanceOfSatisfying(ReadTaskPoster.Found.class, found -> assertThat(found.jpeg()).isEqualTo(JPEG));
        assertThat(frames.calls).hasValue(1);
        assertThat(gateway.archive.poster(task.video())).hasValueSatisfying(kept -> assertThat(kept).isEqualTo(JPEG));
        assertThat(new ReadTaskPosterService(gateway.services.video(), gateway.archive, frames).read("alice", task.id()))
                .as("another instance reads the kept one").isInstanceOf(ReadTaskPoster.Found.class);
        assertThat(frames.calls).hasValue(1);
    }

    @Test
    void readers_at_once_wait_for_one_decoding() throws Exception {
        VideoTask task = finished("alice");
        frames.gate = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ReadTaskPoster.Result>> reads = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                reads.add(pool.submit(() -> posters.read("alice", task.id())));
            }
            Thread.sleep(200);
            frames.gate.countDown();
            for (Future<ReadTaskPoster.Result> read : reads) {
                assertThat(read.get()).isInstanceOf(ReadTaskPoster.Found.class);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(frames.calls).hasValue(1);
    }

    @Test
    void an_undecodable_video_is_said_so_and_not_decoded_again() throws Exception {
        VideoTask task = finished("alice");
        frames.undecodable = true;

        ReadTaskPoster.Result first = posters.read("alice", task.id());
        ReadTaskPoster.Result again = posters.read("alice", task.id());

        assertThat(first).isInstanceOfSatisfying(ReadTaskPoster.Undecodable.class, no ->
                assertThat(no.reason().english()).contains("no poster can be made").contains("not an MP4"));
        assertThat(again).isEqualTo(first);
        assertThat(frames.calls).hasValue(1);
        assertThat(gateway.archive.poster(task.video())).isEmpty();
    }

    @Test
    void another_owner_an_unknown_task_and_an_unfinished_one_have_no_poster() throws Exception {
        VideoTask task = finished("alice");
        VideoTask running = ((SubmitVideoTask.Accepted) gateway.services.submit()
                .submit(new Command("alice", draft("still running"), null))).task();

        assertThat(posters.read("bob", task.id())).isInstanceOf(ReadTaskPoster.NotFound.class);
        assertThat(posters.read("alice", new TaskId("no-such-task"))).isInstanceOf(ReadTaskPoster.NotFound.class);
        assertThat(posters.read("alice", running.id())).isInstanceOfSatisfying(ReadTaskPoster.NotReady.class,
                notReady -> assertThat(notReady.reason().english()).contains("not ready"));
        assertThat(frames.calls).hasValue(0);
    }

    @Test
    void a_storage_that_does_not_answer_is_an_outage_and_a_later_read_makes_the_poster() throws Exception {
        VideoTask task = finished("alice");
        frames.storageDown = true;

        assertThatThrownBy(() -> posters.read("alice", task.id())).isInstanceOf(UncheckedIOException.class)
                .satisfies(failure -> assertThat(Storage.Unavailable.causedBy(failure)).isTrue());

        frames.storageDown = false;
        assertThat(posters.read("alice", task.id())).isInstanceOf(ReadTaskPoster.Found.class);
    }

    /** Answers {@link #JPEG}, or fails as told, counting the decodings. */
    private static final class CountingFrames implements PosterFrames {
        final AtomicInteger calls = new AtomicInteger();
        volatile boolean undecodable;
        volatile boolean storageDown;
        volatile CountDownLatch gate;

        @Override
        public byte[] posterOf(VideoArchive.VideoContent video) throws Undecodable, IOException {
            if (storageDown) {
                throw new Storage.Unavailable("the bucket did not answer", null);
            }
            calls.incrementAndGet();
            if (gate != null) {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            if (undecodable) {
                throw new Undecodable("the video could not be decoded (not an MP4)", null);
            }
            return JPEG.clone();
        }
    }
}
