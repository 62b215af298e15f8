package com.vidugateway.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.image.ReferenceImage;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.request.VideoRequestDraft;
import com.vidugateway.domain.request.VideoRequestDraft.SubjectDraft;
import com.vidugateway.domain.task.StoredVideo;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.TaskStatusView;
import com.vidugateway.domain.task.TaskSummary;
import com.vidugateway.domain.task.VideoTask;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link VideoTasks} does, in memory or in a database: tasks come back exactly as stored,
 * writes are compare-and-set, pages are newest first, checks are claimed by one poller only.
 * Times are kept to the millisecond, so the tests use millisecond instants.
 */
public abstract class VideoTasksContract {

    protected static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123Z");
    private static final String IMAGE = "https://example.com/cat.jpg";

    /** An empty store, opened by instance {@link #HOLDER}. */
    protected abstract VideoTasks store();

    /** The same store opened by another gateway instance ({@code holder}), as a second server on one database. */
    protected abstract VideoTasks storeOpenedBy(String holder);

    /** The instance that opened {@link #store()}. */
    protected static final String HOLDER = "instance-a";

    protected static VideoRequest imagesRequest() {
        return VideoRequest.from(VideoRequestDraft.builder().model("viduq2").images(IMAGE, tinyPng())
                .prompt("make it dance — 跳舞 🎬").duration(8).seed(7L).aspectRatio("9:16").resolution("1080p")
                .bgm(true).build(), ModelCatalogue.STANDARD).value();
    }

    protected static VideoRequest subjectsRequest() {
        return VideoRequest.from(VideoRequestDraft.builder().model("viduq2")
                .subjects(List.of(SubjectDraft.of("cat", List.of(IMAGE, IMAGE), "voice-7"),
                        SubjectDraft.of("dog", List.of(tinyPng()), "")))
                .prompt("@cat chases @dog").audio(true).build(), ModelCatalogue.STANDARD).value();
    }

    /** A real 128×128 PNG header and body are not needed: the inspector reads the header only. */
    private static String tinyPng() {
        byte[] png = new byte[33];
        byte[] head = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R',
            0, 0, 0, (byte) 200, 0, 0, 0, (byte) 150};
        System.arraycopy(head, 0, png, 0, head.length);
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }

    protected static VideoTask task(String id, String owner, Instant acceptedAt) {
        return VideoTask.accept(new TaskId(id), owner, imagesRequest(), acceptedAt);
    }

    private VideoTask stored(String id, String owner, Instant acceptedAt) {
        VideoTask task = task(id, owner, acceptedAt);
        store().add(task, null, null);
        return task;
    }

    /** {@code next}, once it has replaced the task's stored revision. */
    private VideoTask replaced(VideoTask next) {
        assertThat(store().replace(next)).as("replaced revision %s", next.revision()).isTrue();
        return next;
    }

    // --- what goes in comes out ---------------------------------------------------------------------

    @Test
    void a_new_task_comes_back_exactly() {
        VideoTask task = stored("t-1", "alice", T0);

        assertThat(store().find(new TaskId("t-1"))).contains(task);
    }

    @Test
    void a_subjects_request_comes_back_exactly() {
        VideoTask task = VideoTask.accept(new TaskId("t-subjects"), "alice", subjectsRequest(), T0);
        store().add(task, null, null);

        assertThat(store().find(task.id())).contains(task);
    }

    @Test
    void an_unknown_id_is_not_found() {
        assertThat(store().find(new TaskId("nope"))).isEmpty();
    }

    @Test
    void every_field_of_a_task_that_lived_comes_back_exactly() {
        VideoTask task = stored("t-2", "alice", T0);
        VideoTask lived = replaced(task.moveTo(TaskStatus.SUBMITTING, T0.plusMillis(5)));
        lived = replaced(lived.submitted("provider-9", T0.plusSeconds(1)));
        lived = replaced(lived.observed(TaskStatus.SUCCESS,
                List.of("https://cdn.example/a.mp4", "https://cdn.example/b.mp4"), null, T0.plusSeconds(30)));
        lived = replaced(lived.withVideoProblem("the video could not be copied (attempt 1 of 8): 503"));
        lived = replaced(lived.withVideo(new StoredVideo("t-2.mp4", 123456789L, "ab".repeat(32), T0.plusSeconds(31))));

        assertThat(store().find(task.id())).contains(lived);
    }

    @Test
    void a_failure_keeps_its_message() {
        VideoTask task = stored("t-3", "alice", T0);
        VideoTask failed = task.failed("the provider refused the request: 'Sensitive check error'", T0.plusSeconds(1));

        assertThat(store().replace(failed)).isTrue();
        assertThat(store().find(task.id())).contains(failed);
    }

    @Test
    void a_task_whose_images_were_removed_comes_back_saying_when() {
        VideoTask task = stored("r-1", "alice", T0);
        VideoTask removed = replaced(task.failed("no", T0.plusSeconds(1))).withImagesRemoved(T0.plusSeconds(90));

        assertThat(store().replace(removed)).isTrue();

        assertThat(store().find(task.id())).contains(removed);
        assertThat(store().find(task.id()).orElseThrow().imagesRemovedAt()).isEqualTo(T0.plusSeconds(90));
    }

    @Test
    void a_video_that_was_removed_comes_back_saying_when() {
        VideoTask task = succeeded(stored("r-2", "alice", T0), T0.plusSeconds(30));
        VideoTask removed = task.withVideoRemoved(T0.plusSeconds(3600));

        assertThat(store().replace(removed)).isTrue();

        assertThat(store().find(task.id())).contains(removed);
        assertThat(store().find(task.id()).orElseThrow().video().removedAt()).isEqualTo(T0.plusSeconds(3600));
    }

    // --- status answers -----------------------------------------------------------------------------

    @Test
    void a_status_answer_is_what_the_whole_task_shows_at_every_step_of_its_life() {
        VideoTask task = stored("s-1", "alice", T0);
        List<VideoTask> steps = new ArrayList<>(List.of(task));
        VideoTask lived = task.moveTo(TaskStatus.SUBMITTING, T0.plusMillis(5));
        steps.add(lived);
        lived = lived.submitted("provider-1", T0.plusSeconds(1));
        steps.add(lived);
        lived = lived.moveTo(TaskStatus.RUNNING, T0.plusSeconds(9));
        steps.add(lived);
        lived = lived.observed(TaskStatus.SUCCESS, List.of("https://cdn.example/a.mp4"), null, T0.plusSeconds(30));
        steps.add(lived);
        lived = lived.withVideo(new StoredVideo("s-1.mp4", 1234L, "cd".repeat(32), T0.plusSeconds(31)));
        steps.add(lived);

        for (VideoTask step : steps) {
            if (step.revision() > task.revision()) {
                assertThat(store().replace(step)).isTrue();
            }
            assertThat(store().statusOf("alice", task.id())).contains(TaskStatusView.of(step));
        }
    }

    @Test
    void a_failure_answers_with_its_message_and_says_whether_a_late_answer_may_still_reconcile_it() {
        VideoTask refused = replaced(stored("s-2", "alice", T0).moveTo(TaskStatus.SUBMITTING, T0.plusSeconds(1)));
        refused = replaced(refused.failed("the provider refused the request", T0.plusSeconds(2)));
        VideoTask unknown = replaced(stored("s-3", "alice", T0).moveTo(TaskStatus.SUBMITTING, T0.plusSeconds(1)));
        unknown = replaced(unknown.moveTo(TaskStatus.OUTCOME_UNKNOWN, T0.plusSeconds(300)));
        unknown = replaced(unknown.failed("no answer to the submit", T0.plusSeconds(301)));

        assertThat(store().statusOf("alice", refused.id())).contains(TaskStatusView.of(refused))
                .hasValueSatisfying(view -> assertThat(view.isFinal()).isTrue());
        assertThat(store().statusOf("alice", unknown.id())).contains(TaskStatusView.of(unknown))
                .hasValueSatisfying(view -> assertThat(view.awaitsLateSubmitAnswer()).isTrue());
    }

    @Test
    void another_owners_task_and_an_unknown_one_have_no_status_answer() {
        stored("s-4", "alice", T0);

        assertThat(store().statusOf("bob", new TaskId("s-4"))).isEmpty();
        assertThat(store().statusOf("alice", new TaskId("nope"))).isEmpty();
    }

    // --- retention ----------------------------------------------------------------------------------

    /** The inline image of {@link #imagesRequest()}. */
    protected static String inlineSha256() {
        return imagesRequest().references().allImages().stream()
                .filter(ReferenceImage.InlineImage.class::isInstance)
                .map(image -> ((ReferenceImage.InlineImage) image).blob().sha256())
                .findFirst().orElseThrow();
    }

    @Test
    void a_task_that_keeps_its_images_refers_to_its_inline_images_and_not_to_others() {
        VideoTask task = stored("i-1", "alice", T0);

        assertThat(store().refersToImage(inlineSha256())).isTrue();
        assertThat(store().refersToImage("0".repeat(64))).isFalse();

        VideoTask ended = task.failed("no", T0.plusSeconds(1));
        assertThat(store().replace(ended)).isTrue();
        assertThat(store().refersToImage(inlineSha256())).as("an ended task still keeps its images").isTrue();
        assertThat(store().replace(ended.withImagesRemoved(T0.plusSeconds(2)))).isTrue();
        assertThat(store().refersToImage(inlineSha256())).isFalse();
    }

    @Test
    void an_image_two_tasks_share_is_referred_to_until_both_let_it_go() {
        VideoTask first = stored("i-2", "alice", T0).failed("no", T0.plusSeconds(1));
        VideoTask second = VideoTask.accept(new TaskId("i-3"), "bob", subjectsRequest(), T0);
        store().add(second, null, null);
        assertThat(store().replace(first)).isTrue();

        assertThat(store().replace(first.withImagesRemoved(T0.plusSeconds(2)))).isTrue();

        assertThat(store().refersToImage(inlineSha256())).as("the subjects request has the same image").isTrue();
        VideoTask secondEnded = second.failed("no", T0.plusSeconds(3));
        assertThat(store().replace(secondEnded)).isTrue();
        assertThat(store().replace(secondEnded.withImagesRemoved(T0.plusSeconds(4)))).isTrue();
        assertThat(store().refersToImage(inlineSha256())).isFalse();
    }

    @Test
    void tasks_that_ended_before_a_time_and_keep_their_images_are_found_earliest_first() {
        VideoTask late = ended(stored("e-late", "alice", T0), T0.plusSeconds(50));
        VideoTask early = ended(stored("e-early", "bob", T0), T0.plusSeconds(10));
        VideoTask succeeded = succeeded(stored("e-success", "alice", T0), T0.plusSeconds(20));
        ended(stored("e-after", "alice", T0), T0.plusSeconds(100));
        stored("e-running", "alice", T0);
        VideoTask removed = ended(stored("e-removed", "alice", T0), T0.plusSeconds(5));
        assertThat(store().replace(removed.withImagesRemoved(T0.plusSeconds(6)))).isTrue();

        assertThat(store().keepingImagesEndedBefore(T0.plusSeconds(100), 10))
                .extracting(t -> t.id().value()).containsExactly("e-early", "e-success", "e-late");
        assertThat(store().keepingImagesEndedBefore(T0.plusSeconds(100), 2))
                .containsExactly(early, store().find(succeeded.id()).orElseThrow());
        assertThat(store().keepingImagesEndedBefore(T0.plusSeconds(10), 10)).isEmpty();
        assertThat(store().keepingImagesEndedBefore(T0.plusSeconds(51), 10)).contains(late);
    }

    @Test
    void a_task_stored_already_ended_is_found_by_when_it_ended() {
        VideoTask task = task("e-added", "alice", T0).failed("refused before it was stored", T0.plusSeconds(3));
        store().add(task, null, null);

        assertThat(store().keepingImagesEndedBefore(T0.plusSeconds(4), 10)).containsExactly(task);
        assertThat(store().keepingImagesEndedBefore(T0.plusSeconds(3), 10)).isEmpty();
    }

    @Test
    void tasks_whose_video_copy_was_made_before_a_time_and_is_kept_are_found_earliest_first() {
        VideoTask late = succeeded(stored("v-late", "alice", T0), T0.plusSeconds(50));
        VideoTask early = succeeded(stored("v-early", "bob", T0), T0.plusSeconds(10));
        succeeded(stored("v-after", "alice", T0), T0.plusSeconds(100));
        ended(stored("v-failed", "alice", T0), T0.plusSeconds(1));
        VideoTask removed = succeeded(stored("v-removed", "alice", T0), T0.plusSeconds(5));
        assertThat(store().replace(removed.withVideoRemoved(T0.plusSeconds(6)))).isTrue();

        assertThat(store().keepingVideosStoredBefore(T0.plusSeconds(100), 10)).containsExactly(early, late);
        assertThat(store().keepingVideosStoredBefore(T0.plusSeconds(100), 1)).containsExactly(early);
        assertThat(store().keepingVideosStoredBefore(T0.plusSeconds(10), 10)).isEmpty();
    }

    /** The task failed at {@code at}, stored. */
    private VideoTask ended(VideoTask task, Instant at) {
        VideoTask failed = task.failed("no", at);
        assertThat(store().replace(failed)).isTrue();
        return failed;
    }

    /** The task succeeded at {@code at} and its video was copied then, written step by step as a poller would. */
    private VideoTask succeeded(VideoTask task, Instant at) {
        VideoTask submitting = task.moveTo(TaskStatus.SUBMITTING, at);
        VideoTask pending = submitting.submitted("p-" + task.id().value(), at);
        VideoTask success = pending.observed(TaskStatus.SUCCESS, List.of("https://cdn.example/v.mp4"), null, at);
        VideoTask copied = success.withVideo(new StoredVideo(task.id().value() + ".mp4", 1000, "cd".repeat(32), at));
        for (VideoTask step : List.of(submitting, pending, success, copied)) {
            assertThat(store().replace(step)).isTrue();
        }
        return copied;
    }

    // --- compare-and-set ----------------------------------------------------------------------------

    @Test
    void a_write_from_a_stale_revision_is_refused() {
        VideoTask task = stored("t-4", "alice", T0);
        VideoTask first = task.moveTo(TaskStatus.SUBMITTING, T0.plusSeconds(1));
        VideoTask second = task.failed("cancelled", T0.plusSeconds(1));

        assertThat(store().replace(first)).isTrue();
        assertThat(store().replace(second)).isFalse();
        assertThat(store().replace(first)).isFalse();
        assertThat(store().find(task.id())).contains(first);
    }

    @Test
    void a_write_to_an_unknown_task_is_refused() {
        assertThat(store().replace(task("ghost", "alice", T0).moveTo(TaskStatus.SUBMITTING, T0))).isFalse();
    }

    @Test
    void of_many_concurrent_writers_from_one_revision_exactly_one_wins() throws Exception {
        VideoTask task = stored("t-race", "alice", T0);
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try {
            for (int i = 0; i < writers; i++) {
                VideoTask attempt = task.failed("writer " + i, T0.plusSeconds(1));
                results.add(pool.submit(() -> {
                    start.await();
                    return store().replace(attempt);
                }));
            }
            start.countDown();
            int wins = 0;
            for (Future<Boolean> result : results) {
                wins += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(wins).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    // --- idempotency --------------------------------------------------------------------------------

    @Test
    void a_task_is_found_by_its_owner_and_idempotency_key_with_its_fingerprint() {
        VideoTask task = task("t-5", "alice", T0);
        store().add(task, new VideoTasks.Idempotency("key-1", "f".repeat(64)), null);

        assertThat(store().findByIdempotencyKey("alice", "key-1"))
                .contains(new VideoTasks.IdempotentSubmit(task, "f".repeat(64)));
        assertThat(store().findByIdempotencyKey("bob", "key-1")).isEmpty();
        assertThat(store().findByIdempotencyKey("alice", "key-2")).isEmpty();
    }

    @Test
    void tasks_are_counted_by_status() {
        VideoTask pending = task("t-c1", "alice", T0);
        store().add(pending, null, null);
        store().add(task("t-c2", "bob", T0), null, null);
        store().add(task("t-c3", "bob", T0), null, null);
        VideoTask submitting = pending.moveTo(TaskStatus.SUBMITTING, T0.plusSeconds(1));
        assertThat(store().replace(submitting)).isTrue();

        assertThat(store().countByStatus()).containsEntry(TaskStatus.ACCEPTED, 2L).containsEntry(TaskStatus.SUBMITTING, 1L)
                .doesNotContainKey(TaskStatus.SUCCESS);
    }

    @Test
    void the_refusal_that_answered_a_submit_is_found_with_its_idempotency_key() {
        VideoTask task = task("t-9", "alice", T0);
        store().add(task, new VideoTasks.Idempotency("key-9", "c".repeat(64)), null);
        VideoTasks.Refusal refusal = new VideoTasks.Refusal(ProviderFailure.Reason.SENSITIVE_CONTENT, 400,
                "sensitive_check_error", "Sensitive check error: \"ü\"\n");

        store().recordRefusal(task.id(), refusal);

        assertThat(store().findByIdempotencyKey("alice", "key-9"))
                .contains(new VideoTasks.IdempotentSubmit(task, "c".repeat(64), refusal));
        assertThat(store().find(task.id())).contains(task);
    }

    @Test
    void an_owner_cannot_use_one_idempotency_key_twice_but_another_owner_can() {
        store().add(task("t-6", "alice", T0), new VideoTasks.Idempotency("key-1", "a".repeat(64)), null);

        assertThatThrownBy(() -> store().add(task("t-7", "alice", T0), new VideoTasks.Idempotency("key-1", "b".repeat(64)), null))
                .isInstanceOf(VideoTasks.IdempotencyKeyTaken.class);
        store().add(task("t-8", "bob", T0), new VideoTasks.Idempotency("key-1", "a".repeat(64)), null);
        assertThat(store().find(new TaskId("t-7"))).isEmpty();
        assertThat(store().find(new TaskId("t-8"))).isPresent();
    }

    // --- listing ------------------------------------------------------------------------------------

    @Test
    void a_list_is_the_owners_tasks_newest_first() {
        stored("a-old", "alice", T0);
        stored("a-new", "alice", T0.plusSeconds(10));
        stored("b-any", "bob", T0.plusSeconds(5));
        stored("a-mid", "alice", T0.plusSeconds(5));

        assertThat(store().list("alice", null, null, 10)).extracting(t -> t.id().value())
                .containsExactly("a-new", "a-mid", "a-old");
        assertThat(store().list("carol", null, null, 10)).isEmpty();
    }

    @Test
    void a_list_filters_by_status() {
        VideoTask failed = stored("f-1", "alice", T0).failed("no", T0.plusSeconds(1));
        store().replace(failed);
        stored("a-1", "alice", T0.plusSeconds(2));

        assertThat(store().list("alice", TaskStatus.FAILURE, null, 10)).containsExactly(failed.summary());
        assertThat(store().list("alice", TaskStatus.ACCEPTED, null, 10)).extracting(t -> t.id().value()).containsExactly("a-1");
        assertThat(store().list("alice", TaskStatus.RUNNING, null, 10)).isEmpty();
    }

    @Test
    void pages_follow_each_other_without_gaps_or_repeats_even_for_equal_times() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // Pairs share an acceptance time: the id breaks the tie.
            Instant at = T0.plusSeconds(i / 2);
            stored("p-" + i, "alice", at);
        }
        for (int i = 6; i >= 0; i--) {
            expected.add("p-" + i);
        }
        List<String> seen = new ArrayList<>();
        VideoTasks.PageCursor cursor = null;
        for (int page = 0; page < 10; page++) {
            List<TaskSummary> tasks = store().list("alice", null, cursor, 3);
            tasks.forEach(t -> seen.add(t.id().value()));
            if (tasks.size() < 3) {
                break;
            }
            TaskSummary last = tasks.get(tasks.size() - 1);
            cursor = new VideoTasks.PageCursor(last.acceptedAt(), last.id());
        }

        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void a_list_line_is_the_tasks_summary_in_every_state() {
        VideoTask accepted = stored("l-accepted", "alice", T0);
        VideoTask running = lived(stored("l-running", "alice", T0.plusSeconds(1)),
                t -> t.moveTo(TaskStatus.SUBMITTING, T0.plusSeconds(2)), t -> t.submitted("provider-r", T0.plusSeconds(3)),
                t -> t.moveTo(TaskStatus.RUNNING, T0.plusSeconds(4)));
        VideoTask copying = lived(stored("l-copying", "alice", T0.plusSeconds(2)),
                t -> t.moveTo(TaskStatus.SUBMITTING, T0.plusSeconds(3)), t -> t.submitted("provider-c", T0.plusSeconds(4)),
                t -> t.observed(TaskStatus.SUCCESS, List.of("https://cdn.example/c.mp4"), null, T0.plusSeconds(20)),
                t -> t.withVideoProblem("the video could not be copied (attempt 1 of 8): 503"));
        VideoTask withVideo = succeeded(stored("l-video", "alice", T0.plusSeconds(3)), T0.plusSeconds(30));
        VideoTask videoRemoved = lived(succeeded(stored("l-video-removed", "alice", T0.plusSeconds(4)), T0.plusSeconds(30)),
                t -> t.withVideoRemoved(T0.plusSeconds(3600)));
        VideoTask failed = lived(stored("l-failed", "alice", T0.plusSeconds(5)),
                t -> t.failed("the provider refused the request: 'no'", T0.plusSeconds(6)));
        VideoTask imagesRemoved = lived(stored("l-images-removed", "alice", T0.plusSeconds(6)),
                t -> t.failed("no", T0.plusSeconds(7)), t -> t.withImagesRemoved(T0.plusSeconds(90)));
        VideoTask subjects = VideoTask.accept(new TaskId("l-subjects"), "alice", subjectsRequest(), T0.plusSeconds(7));
        store().add(subjects, null, null);
        VideoTask unknown = lived(stored("l-unknown", "alice", T0.plusSeconds(8)),
                t -> t.moveTo(TaskStatus.SUBMITTING, T0.plusSeconds(9)),
                t -> t.moveTo(TaskStatus.OUTCOME_UNKNOWN, T0.plusSeconds(300)),
                t -> t.failed("no answer to the submit", T0.plusSeconds(301)));
        stored("l-bobs", "bob", T0.plusSeconds(9));

        List<VideoTask> newestFirst = List.of(unknown, subjects, imagesRemoved, failed, videoRemoved, withVideo, copying,
                running, accepted);
        assertThat(store().list("alice", null, null, 20))
                .containsExactlyElementsOf(newestFirst.stream().map(VideoTask::summary).toList());
        assertThat(store().list("alice", TaskStatus.SUCCESS, null, 20))
                .containsExactly(videoRemoved.summary(), withVideo.summary(), copying.summary());
        assertThat(store().list("alice", null, new VideoTasks.PageCursor(failed.acceptedAt(), failed.id()), 2))
                .containsExactly(videoRemoved.summary(), withVideo.summary());
    }

    /** {@code task} moved on by each step in turn, each step written. */
    @SafeVarargs
    private VideoTask lived(VideoTask task, java.util.function.UnaryOperator<VideoTask>... steps) {
        VideoTask lived = task;
        for (java.util.function.UnaryOperator<VideoTask> step : steps) {
            lived = step.apply(lived);
            assertThat(store().replace(lived)).as("%s", lived.history()).isTrue();
        }
        return lived;
    }

    @Test
    void a_list_line_shows_the_request_as_it_was_accepted() {
        VideoTask task = stored("l-request", "alice", T0);
        TaskSummary line = store().list("alice", null, null, 1).get(0);

        assertThat(line.model()).isEqualTo("viduq2");
        assertThat(line.prompt()).isEqualTo("make it dance — 跳舞 🎬");
        assertThat(List.of(line.duration(), line.resolution().wire(), line.aspectRatio().wire()))
                .containsExactly(8, "1080p", "9:16");
        assertThat(line.images()).isEqualTo(task.request().references().allImages()).hasSize(2);
        assertThat(line.status()).isEqualTo(TaskStatus.ACCEPTED);
        assertThat(line.acceptedAt()).isEqualTo(T0);
        assertThat(line.endedAt()).isEmpty();
    }


    // --- checks -------------------------------------------------------------------------------------

    @Test
    void due_checks_are_those_at_or_before_now_earliest_first() {
        store().add(task("c-1", "alice", T0), null, T0.plusSeconds(30));
        store().add(task("c-2", "alice", T0), null, T0.plusSeconds(10));
        store().add(task("c-3", "alice", T0), null, T0.plusSeconds(60));
        store().add(task("c-4", "alice", T0), null, null);

        assertThat(store().due(T0.plusSeconds(30), 10)).extracting(c -> c.id().value()).containsExactly("c-2", "c-1");
        assertThat(store().due(T0.plusSeconds(30), 1)).extracting(c -> c.id().value()).containsExactly("c-2");
        assertThat(store().due(T0, 10)).isEmpty();
    }

    @Test
    void a_schedule_sets_the_next_check_and_its_attempts_and_null_ends_it() {
        stored("s-1", "alice", T0);
        TaskId id = new TaskId("s-1");

        store().schedule(id, T0.plusSeconds(5), 3);
        assertThat(store().checkOf(id)).contains(new VideoTasks.Check(id, T0.plusSeconds(5), 3, HOLDER));
        store().schedule(id, null, 0);
        assertThat(store().checkOf(id)).isEmpty();
        assertThat(store().due(T0.plusSeconds(3600), 10)).isEmpty();
    }

    @Test
    void a_due_check_is_claimed_by_one_poller_only_until_its_lease_ends() {
        store().add(task("l-1", "alice", T0), null, T0);
        VideoTasks.Check check = store().due(T0, 10).get(0);

        assertThat(store().claim(check, T0.plusSeconds(120))).isTrue();
        assertThat(store().claim(check, T0.plusSeconds(120))).isFalse();
        assertThat(store().due(T0.plusSeconds(60), 10)).isEmpty();
        assertThat(store().due(T0.plusSeconds(120), 10)).extracting(c -> c.id().value()).containsExactly("l-1");
    }

    @Test
    void a_schedule_keeps_the_task_and_a_replace_keeps_the_schedule() {
        VideoTask task = stored("k-1", "alice", T0);
        store().schedule(task.id(), T0.plusSeconds(9), 2);
        VideoTask moved = task.moveTo(TaskStatus.SUBMITTING, T0.plusSeconds(1));

        assertThat(store().replace(moved)).isTrue();
        assertThat(store().checkOf(task.id())).contains(new VideoTasks.Check(task.id(), T0.plusSeconds(9), 2, HOLDER));
        assertThat(store().find(task.id())).contains(moved);
    }

    // --- several instances on one store ---------------------------------------------------------------

    @Test
    void the_holder_is_the_instance_that_last_added_claimed_or_changed_a_task() {
        VideoTask task = task("h-1", "alice", T0);
        store().add(task, null, T0);
        assertThat(store().checkOf(task.id()).orElseThrow().holder()).isEqualTo(HOLDER);

        VideoTasks other = storeOpenedBy("instance-b");
        assertThat(other.claim(other.checkOf(task.id()).orElseThrow(), T0.plusSeconds(60))).isTrue();
        assertThat(store().checkOf(task.id()).orElseThrow().holder()).isEqualTo("instance-b");

        store().replace(task.moveTo(TaskStatus.SUBMITTING, T0.plusSeconds(1)));
        assertThat(other.checkOf(task.id()).orElseThrow().holder()).isEqualTo(HOLDER);
    }

    @Test
    void due_checks_are_claimed_in_a_batch_once_each_and_come_back_as_they_were() {
        store().add(task("b-1", "alice", T0), null, T0);
        store().add(task("b-2", "alice", T0), null, T0.plusSeconds(1));
        store().add(task("b-3", "alice", T0), null, T0.plusSeconds(90));
        VideoTasks other = storeOpenedBy("instance-b");

        List<VideoTasks.Check> claimed = other.claimDue(T0.plusSeconds(2), 10, T0.plusSeconds(120));

        assertThat(claimed).extracting(c -> c.id().value()).containsExactly("b-1", "b-2");
        assertThat(claimed).extracting(VideoTasks.Check::dueAt).containsExactly(T0, T0.plusSeconds(1));
        assertThat(claimed).extracting(VideoTasks.Check::holder).containsOnly(HOLDER);
        assertThat(store().claimDue(T0.plusSeconds(2), 10, T0.plusSeconds(120))).isEmpty();
        assertThat(store().checkOf(new TaskId("b-1")).orElseThrow())
                .isEqualTo(new VideoTasks.Check(new TaskId("b-1"), T0.plusSeconds(120), 0, "instance-b"));
        assertThat(other.claimDue(T0.plusSeconds(200), 1, T0.plusSeconds(300))).hasSize(1);
    }

    @Test
    void concurrent_batch_claims_never_hand_one_check_to_two_instances() throws Exception {
        for (int i = 0; i < 40; i++) {
            store().add(task("cc-" + i, "alice", T0), null, T0);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<VideoTasks.Check>>> rounds = new ArrayList<>();
            for (int instance = 0; instance < 4; instance++) {
                VideoTasks opened = storeOpenedBy("instance-" + instance);
                rounds.add(pool.submit(() -> {
                    start.await();
                    List<VideoTasks.Check> mine = new ArrayList<>();
                    for (int round = 0; round < 5; round++) {
                        mine.addAll(opened.claimDue(T0.plusSeconds(1), 5, T0.plusSeconds(120)));
                    }
                    return mine;
                }));
            }
            start.countDown();
            List<String> all = new ArrayList<>();
            for (Future<List<VideoTasks.Check>> round : rounds) {
                round.get(30, TimeUnit.SECONDS).forEach(check -> all.add(check.id().value()));
            }
            assertThat(all).doesNotHaveDuplicates().hasSize(40);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_dead_instances_leases_end_at_once_and_its_name_stays_on_them() {
        store().add(task("d-1", "alice", T0), null, T0);
        store().add(task("d-2", "alice", T0), null, T0);
        VideoTasks other = storeOpenedBy("instance-b");
        other.add(task("d-3", "alice", T0), null, T0.plusSeconds(300));
        store().claimDue(T0, 10, T0.plusSeconds(120));
        store().schedule(new TaskId("d-2"), null, 0);

        assertThat(other.releaseLeasesOf(HOLDER, T0.plusSeconds(5))).isEqualTo(1);

        assertThat(other.due(T0.plusSeconds(5), 10))
                .containsExactly(new VideoTasks.Check(new TaskId("d-1"), T0.plusSeconds(5), 0, HOLDER));
        assertThat(other.checkOf(new TaskId("d-3")).orElseThrow().dueAt()).isEqualTo(T0.plusSeconds(300));
    }

    @Test
    void a_sender_renews_only_the_leases_of_its_own_tasks_that_are_still_submitting() {
        VideoTask sending = task("r-1", "alice", T0);
        VideoTask answered = task("r-2", "alice", T0);
        VideoTask othersSend = task("r-3", "alice", T0);
        for (VideoTask task : List.of(sending, answered, othersSend)) {
            store().add(task, null, T0.plusSeconds(300));
        }
        VideoTask submitting = sending.moveTo(TaskStatus.SUBMITTING, T0.plusSeconds(1));
        store().replace(submitting);
        store().replace(answered.moveTo(TaskStatus.SUBMITTING, T0.plusSeconds(1))
                .moveTo(TaskStatus.PENDING, T0.plusSeconds(2)));
        VideoTasks other = storeOpenedBy("instance-b");
        other.replace(othersSend.moveTo(TaskStatus.SUBMITTING, T0.plusSeconds(1)));

        store().renewSubmitLeases(List.of(sending.id(), answered.id(), othersSend.id(), new TaskId("unknown")),
                T0.plusSeconds(400));

        assertThat(store().checkOf(sending.id()).orElseThrow().dueAt()).isEqualTo(T0.plusSeconds(400));
        assertThat(store().checkOf(answered.id()).orElseThrow().dueAt()).isEqualTo(T0.plusSeconds(300));
        assertThat(store().checkOf(othersSend.id()).orElseThrow().dueAt()).isEqualTo(T0.plusSeconds(300));
        assertThat(store().find(sending.id())).contains(submitting);
    }
}
