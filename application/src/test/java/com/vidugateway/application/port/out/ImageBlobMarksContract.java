package com.vidugateway.application.port.out;

import static com.vidugateway.application.port.out.ImageBlobsContract.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vidugateway.application.port.in.PruneStorage;
import com.vidugateway.application.port.in.SubmitVideoTask;
import com.vidugateway.application.service.RetentionSettings;
import com.vidugateway.application.service.SyncSettings;
import com.vidugateway.application.service.VideoTaskServices;
import com.vidugateway.application.testing.ForwardingImageBlobs;
import com.vidugateway.application.testing.MutableClock;
import com.vidugateway.application.testing.RecordingArchive;
import com.vidugateway.application.testing.ScriptedGenerator;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.catalogue.PriceLatencyTable;
import com.vidugateway.domain.image.ImageBlob;
import com.vidugateway.domain.image.ImageFormat;
import com.vidugateway.domain.image.ReferenceImage;
import com.vidugateway.domain.request.References;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.request.VideoRequestDraft;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.VideoTask;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ImageBlobMarks} does (in memory, H2, PostgreSQL), with the blob store it guards (a directory, a
 * bucket): the store's own contract, and the reason it exists — a sweep and a submit of the same image, interleaved
 * in both orders by latches (never by sleeps), leave no stored task referring to a missing blob, and nothing that no
 * task refers to survives a later sweep.
 */
public abstract class ImageBlobMarksContract {

    /** Older than any cut-off the tests use. */
    private static final Duration LONG_AGO = Duration.ofHours(2);
    private static final Duration ORPHAN_AFTER = Duration.ofHours(1);
    /** How long a test waits for another thread to reach a point: only a broken implementation ever waits this long. */
    private static final long PATIENCE_SECONDS = 60;

    /** The task store the marks share a database with (a sweep asks it whether a task refers to a blob). */
    protected abstract VideoTasks tasks();

    /** The marks, empty. */
    protected abstract ImageBlobMarks marks();

    /** The blob store, empty. */
    protected abstract ImageBlobs blobs();

    /** Makes every mark {@code by} older, as if that long had passed since it was made (the clocks stay). */
    protected abstract void age(Duration by) throws Exception;

    /** Whether a mark waits for a transaction that holds its blob (a sweep's). */
    protected abstract boolean markWaiting() throws Exception;

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    // --- the store ----------------------------------------------------------------------------------------------

    @Test
    void a_blob_without_a_mark_is_marked_when_first_swept_and_goes_a_cut_off_later() throws Exception {
        String sha256 = keep(png(101));

        assertThat(sweep(sha256)).isEqualTo(ImageBlobMarks.Swept.MARKED);
        assertThat(blobs().contains(sha256)).isTrue();
        assertThat(sweep(sha256)).as("its new mark is now").isEqualTo(ImageBlobMarks.Swept.RECENT);

        age(LONG_AGO);

        assertSweptAway(sha256);
        assertThat(marks().markedBefore(marks().cutOff(Duration.ZERO).plusSeconds(1), null, 10)).isEmpty();
    }

    @Test
    void a_marked_blob_stays_until_its_mark_is_older_than_the_cut_off() throws Exception {
        Instant beforeTheMark = marks().cutOff(Duration.ZERO);
        String sha256 = markAndKeep(png(102));

        assertThat(marks().sweep(sha256, beforeTheMark, () -> blobs().delete(sha256)))
                .as("marked at or after the cut-off, by the store's own clock").isEqualTo(ImageBlobMarks.Swept.RECENT);
        assertThat(sweep(sha256)).isEqualTo(ImageBlobMarks.Swept.RECENT);
        assertThat(blobs().contains(sha256)).isTrue();

        age(LONG_AGO);

        assertSweptAway(sha256);
    }

    @Test
    void a_blob_a_task_refers_to_stays_however_old_its_mark_until_the_task_lets_it_go() throws Exception {
        byte[] png = png(103);
        String sha256 = markAndKeep(png);
        VideoTask task = VideoTask.accept(new TaskId("marks-1"), "alice", requestWith(sha256, png.length),
                Instant.parse("2026-05-01T08:00:00Z"));
        tasks().add(task, null, null);
        age(LONG_AGO);

        assertThat(sweep(sha256)).isEqualTo(ImageBlobMarks.Swept.IN_USE);
        assertThat(blobs().contains(sha256)).isTrue();

        VideoTask failed = task.failed("no", task.acceptedAt().plusSeconds(1));
        assertThat(tasks().replace(failed)).isTrue();
        assertThat(sweep(sha256)).as("an ended task still keeps its images").isEqualTo(ImageBlobMarks.Swept.IN_USE);
        assertThat(tasks().replace(failed.withImagesRemoved(failed.acceptedAt().plusSeconds(2)))).isTrue();

        assertSweptAway(sha256);
    }

    @Test
    void a_removal_that_fails_changes_nothing() throws Exception {
        String sha256 = orphan(png(104));
        Instant cutOff = marks().cutOff(ORPHAN_AFTER);

        assertThatThrownBy(() -> marks().sweep(sha256, cutOff, () -> {
            throw new IOException("the store did not answer");
        })).isInstanceOf(IOException.class).hasMessage("the store did not answer");

        assertThat(marks().markedBefore(cutOff, null, 10)).containsExactly(sha256);
        assertThat(sweep(sha256)).isEqualTo(ImageBlobMarks.Swept.REMOVED);
    }

    @Test
    void marks_older_than_the_cut_off_are_listed_in_hash_order_page_by_page() throws Exception {
        List<String> old = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String sha256 = sha256(png(110 + i));
            marks().mark(sha256);
            old.add(sha256);
        }
        old.sort(null);
        age(LONG_AGO);
        marks().mark(sha256(png(120)));
        Instant cutOff = marks().cutOff(ORPHAN_AFTER);

        List<String> first = marks().markedBefore(cutOff, null, 2);
        List<String> second = marks().markedBefore(cutOff, first.get(1), 2);
        List<String> last = marks().markedBefore(cutOff, second.get(1), 2);

        assertThat(first).containsExactlyElementsOf(old.subList(0, 2));
        assertThat(second).containsExactlyElementsOf(old.subList(2, 4));
        assertThat(last).containsExactly(old.get(4));
        assertThat(marks().markedBefore(cutOff, old.get(4), 2)).isEmpty();
    }

    @Test
    void a_mark_waits_while_a_sweep_holds_its_blob_and_is_made_anew_once_the_sweep_removed_it() throws Exception {
        String sha256 = orphan(png(105));
        Pause holding = new Pause();
        Future<ImageBlobMarks.Swept> sweep = threads.submit(() -> marks().sweep(sha256, marks().cutOff(ORPHAN_AFTER),
                () -> {
                    holding.run();
                    blobs().delete(sha256);
                }));
        holding.awaitReached();

        Future<?> mark = threads.submit(() -> marks().mark(sha256));
        waitUntil(this::markWaiting, "the mark waits for the sweep");
        assertThat(mark).isNotDone();
        holding.letGo();

        assertThat(sweep.get(PATIENCE_SECONDS, TimeUnit.SECONDS)).isEqualTo(ImageBlobMarks.Swept.REMOVED);
        mark.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        assertThat(blobs().contains(sha256)).isFalse();
        assertThat(sweep(sha256)).as("the mark made after the sweep is there, and new").isEqualTo(ImageBlobMarks.Swept.RECENT);
    }

    // --- a sweep and a submit of the same image --------------------------------------------------------------------

    @Test
    void a_submit_that_marks_while_a_sweep_removes_its_image_stores_the_image_again() throws Exception {
        Services gateway = new Services();
        byte[] png = png(201);
        String sha256 = orphan(png);
        Pause sweeping = new Pause();
        gateway.hooked.beforeDelete = sweeping;
        Future<PruneStorage.Report> sweep = threads.submit(() -> gateway.prune());
        sweeping.awaitReached(); // the sweep holds the blob's mark and is about to delete its bytes

        Future<SubmitVideoTask.Result> submit = threads.submit(() -> gateway.submit(png));
        waitUntil(this::markWaiting, "the submit's mark waits for the sweep");
        sweeping.letGo();

        PruneStorage.Report swept = sweep.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        SubmitVideoTask.Result submitted = submit.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        assertThat(swept.blobsRemoved()).as("the sweep went first: it removed the orphan").isEqualTo(1);
        assertThat(submitted).isInstanceOf(SubmitVideoTask.Accepted.class);
        assertThat(gateway.hooked.stores).as("the submit found the bytes gone and stored them again").isEqualTo(1);
        gateway.assertEveryStoredTaskHasItsBlobs();
        assertThat(blobs().contains(sha256)).isTrue();

        gateway.assertALaterSweepLeavesNothingOnceTasksLetGo();
    }

    @Test
    void a_sweep_while_a_submit_is_between_keeping_its_image_and_storing_its_task_leaves_the_image() throws Exception {
        Services gateway = new Services();
        byte[] png = png(202);
        String sha256 = orphan(png);
        Pause kept = new Pause();
        gateway.hooked.afterKeep = kept;
        Future<SubmitVideoTask.Result> submit = threads.submit(() -> gateway.submit(png));
        kept.awaitReached(); // marked, kept (the bytes were there: not sent again), the task not stored yet

        gateway.hooked.afterKeep = () -> { };
        PruneStorage.Report swept = gateway.prune();
        kept.letGo();

        assertThat(swept.blobsRemoved()).as("the submit's fresh mark kept the sweep away").isZero();
        assertThat(submit.get(PATIENCE_SECONDS, TimeUnit.SECONDS)).isInstanceOf(SubmitVideoTask.Accepted.class);
        assertThat(gateway.hooked.stores).as("the bytes were there all along").isZero();
        gateway.assertEveryStoredTaskHasItsBlobs();
        assertThat(blobs().contains(sha256)).isTrue();

        gateway.assertALaterSweepLeavesNothingOnceTasksLetGo();
    }

    // --- retention, whatever became of a task ------------------------------------------------------------------------

    @Test
    void the_images_of_tasks_the_provider_refused_or_never_got_are_released_at_their_end_and_swept_like_those_of_a_task_that_ran()
            throws Exception {
        Services gateway = new Services();
        SubmitVideoTask.Result ran = gateway.submit(png(301));
        gateway.provider.failSubmits(new ProviderFailure.Rejected(ProviderFailure.Reason.SENSITIVE_CONTENT, 400,
                "sensitive_check_error", "Sensitive check error"));
        SubmitVideoTask.Result refused = gateway.submit(png(302));
        ProviderFailure[] down = new ProviderFailure[200];
        java.util.Arrays.fill(down, new ProviderFailure.Unavailable(503, "the provider is down", null));
        gateway.provider.failSubmits(down);
        SubmitVideoTask.Result neverSent = gateway.submit(png(303));
        assertThat(ran).isInstanceOf(SubmitVideoTask.Accepted.class);
        assertThat(refused).isInstanceOf(SubmitVideoTask.Refused.class);
        assertThat(neverSent).isInstanceOf(SubmitVideoTask.Accepted.class);

        // The queue gives up after an hour (SyncSettings.maxQueueTime); the first one finishes long before.
        for (int minute = 0; minute < 70; minute++) {
            gateway.clock.advance(Duration.ofMinutes(1));
            gateway.services.sync().syncDue();
        }
        List<VideoTask> tasks = gateway.submitted.stream().map(id -> tasks().find(id).orElseThrow()).toList();
        assertThat(tasks).extracting(VideoTask::status).containsExactly(com.vidugateway.domain.task.TaskStatus.SUCCESS,
                com.vidugateway.domain.task.TaskStatus.FAILURE, com.vidugateway.domain.task.TaskStatus.FAILURE);
        assertThat(tasks.get(0).video()).isNotNull();
        assertThat(tasks.get(1).providerTaskId()).isNull();
        assertThat(tasks.get(2).providerTaskId()).isNull();
        assertThat(tasks.get(2).errorMessage()).contains("never sent");

        // The two the provider never took let their images go when they ended (issue 20: they stop counting against
        // the client's storage at once); the one that ran keeps them for the retention time.
        assertThat(tasks.get(1).imagesRemovedAt()).isEqualTo(tasks.get(1).endedAt().orElseThrow());
        assertThat(tasks.get(2).imagesRemovedAt()).isEqualTo(tasks.get(2).endedAt().orElseThrow());
        assertThat(tasks.get(0).imagesRemovedAt()).isNull();
        gateway.clock.advance(Duration.ofDays(7));
        PruneStorage.Report released = gateway.prune();
        assertThat(released.tasksWithImagesRemoved()).isEqualTo(1);
        assertThat(tasks().find(gateway.submitted.get(0)).orElseThrow().imagesRemovedAt())
                .isEqualTo(gateway.clock.instant());
        assertThat(released.blobsRemoved()).as("their marks are not an hour old yet").isZero();

        age(LONG_AGO);
        PruneStorage.Report swept = gateway.prune();

        assertThat(swept.blobsRemoved()).isEqualTo(3);
        assertThat(swept.blobBytes()).isEqualTo(3L * png(301).length);
        assertThat(blobs().list()).isEmpty();
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    /** The task use cases over the stores under test, the blob store hooked, a scripted provider. */
    private final class Services {
        final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T08:00:00Z"));
        final HookedBlobs hooked = new HookedBlobs(blobs());
        final ScriptedGenerator provider = new ScriptedGenerator(clock, Duration.ofSeconds(30));
        final VideoTaskServices services = new VideoTaskServices(ModelCatalogue.STANDARD, PriceLatencyTable.STANDARD,
                tasks(), provider, new RecordingArchive(clock), hooked, marks(), clock, clock, SyncSettings.defaults());
        final List<TaskId> submitted = new java.util.concurrent.CopyOnWriteArrayList<>();

        SubmitVideoTask.Result submit(byte[] png) {
            SubmitVideoTask.Result result = services.submit().submit(new SubmitVideoTask.Command("alice",
                    VideoRequestDraft.builder().model("viduq2").prompt("make it dance")
                            .images("data:image/png;base64," + Base64.getEncoder().encodeToString(png)).build(), null));
            if (result instanceof SubmitVideoTask.Accepted accepted) {
                submitted.add(accepted.task().id());
            } else if (result instanceof SubmitVideoTask.Refused refused) {
                submitted.add(refused.task().id());
            }
            return result;
        }

        PruneStorage.Report prune() {
            PruneStorage.Report report = services.prune(new RetentionSettings(Duration.ofDays(7), null, ORPHAN_AFTER,
                    Duration.ofMinutes(10))).prune();
            assertThat(report.problems()).isEmpty();
            return report;
        }

        void assertEveryStoredTaskHasItsBlobs() {
            for (TaskId id : submitted) {
                VideoTask task = tasks().find(id).orElseThrow();
                for (ReferenceImage image : task.request().references().allImages()) {
                    if (image instanceof ReferenceImage.InlineImage inline && task.imagesRemovedAt() == null) {
                        assertThat(blobs().contains(inline.blob().sha256()))
                                .as("task %s refers to blob %s", id, inline.blob().sha256()).isTrue();
                    }
                }
            }
        }

        /** The tasks end and let their images go; a sweep a cut-off later removes every blob and every mark. */
        void assertALaterSweepLeavesNothingOnceTasksLetGo() throws Exception {
            for (TaskId id : submitted) {
                VideoTask task = tasks().find(id).orElseThrow();
                VideoTask ended = task.isTerminal() ? task : task.failed("test over", clock.instant());
                assertThat(ended == task || tasks().replace(ended)).isTrue();
                assertThat(tasks().replace(ended.withImagesRemoved(clock.instant()))).isTrue();
            }
            age(LONG_AGO);

            prune();

            assertThat(blobs().list()).as("blobs no task refers to").isEmpty();
            assertThat(marks().markedBefore(marks().cutOff(Duration.ZERO).plusSeconds(1), null, 10))
                    .as("marks left").isEmpty();
        }
    }

    /** The blob store, with a pause before a delete and after a keep, and a count of the keeps that stored bytes. */
    private static final class HookedBlobs extends ForwardingImageBlobs {
        volatile Runnable beforeDelete = () -> { };
        volatile Runnable afterKeep = () -> { };
        volatile int stores;

        HookedBlobs(ImageBlobs delegate) {
            super(delegate);
        }

        @Override
        public Upload upload() throws IOException {
            return new ForwardingUpload(blobs.upload()) {
                @Override
                public void keep(String sha256) throws IOException {
                    boolean there = blobs.contains(sha256);
                    upload.keep(sha256);
                    stores += there ? 0 : 1;
                    afterKeep.run();
                }
            };
        }

        @Override
        public void delete(String sha256) throws IOException {
            beforeDelete.run();
            blobs.delete(sha256);
        }
    }

    private ImageBlobMarks.Swept sweep(String sha256) throws IOException {
        return marks().sweep(sha256, marks().cutOff(ORPHAN_AFTER), () -> blobs().delete(sha256));
    }

    /** Marks {@code bytes} and then keeps them, as a submit does, and returns their hash. */
    private String markAndKeep(byte[] bytes) throws IOException {
        marks().mark(sha256(bytes));
        return keep(bytes);
    }

    /** An image a task once needed: stored, marked long ago, no task refers to it. */
    private String orphan(byte[] png) throws Exception {
        String sha256 = markAndKeep(png);
        age(LONG_AGO);
        return sha256;
    }

    /** Asserts that a sweep now removes the blob and its bytes are gone. */
    private void assertSweptAway(String sha256) throws IOException {
        assertThat(sweep(sha256)).isEqualTo(ImageBlobMarks.Swept.REMOVED);
        assertThat(blobs().contains(sha256)).isFalse();
    }

    /** Keeps {@code bytes} in the blob store (no mark) and returns its hash. */
    protected String keep(byte[] bytes) throws IOException {
        String sha256 = sha256(bytes);
        try (ImageBlobs.Upload upload = blobs().upload()) {
            upload.write(bytes, 0, bytes.length);
            upload.keep(sha256);
        }
        return sha256;
    }

    private static VideoRequest requestWith(String sha256, long size) {
        VideoRequest given = VideoRequest.from(VideoRequestDraft.builder().model("viduq2")
                .images("https://example.com/cat.jpg").prompt("p").build(), ModelCatalogue.STANDARD).value();
        ReferenceImage.InlineImage inline = new ReferenceImage.InlineImage(new ImageBlob(sha256, size),
                "data:image/png;base64,", ImageFormat.PNG, 300, 200);
        return new VideoRequest(given.model(), new References.Images(List.of(inline)), given.prompt(), given.duration(),
                given.seed(), given.aspectRatio(), given.resolution(), given.movementAmplitude(), given.bgm(),
                given.audio(), given.callbackUrl());
    }

    /** A PNG header of 300×200 followed by filler that differs by {@code seed}: all a submit's inspection reads. */
    protected static byte[] png(int seed) {
        byte[] bytes = new byte[600];
        byte[] head = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R',
                0, 0, 0x01, 0x2C, 0, 0, 0, (byte) 0xC8};
        System.arraycopy(head, 0, bytes, 0, head.length);
        for (int i = head.length; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 + seed * 7);
        }
        return bytes;
    }

    /** A point another thread stops at, once, until the test lets it go. */
    private static final class Pause implements Runnable {
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch letGo = new CountDownLatch(1);

        /** Run by the other thread: says it got here, and waits. */
        @Override
        public void run() {
            reached.countDown();
            await(letGo);
        }

        void awaitReached() {
            await(reached);
        }

        void letGo() {
            letGo.countDown();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("the other thread never got there");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Waits for a condition another thread brings about: only a broken implementation makes this wait long. */
    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void waitUntil(Condition condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (!condition.holds()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("never came to pass: " + what);
            }
            Thread.onSpinWait();
            Thread.sleep(5);
        }
    }
}
