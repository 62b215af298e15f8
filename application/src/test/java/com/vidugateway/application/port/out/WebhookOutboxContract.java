package com.vidugateway.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.application.port.out.WebhookOutbox.Attempt;
import com.vidugateway.application.port.out.WebhookOutbox.Outcome;
import com.vidugateway.application.port.out.WebhookOutbox.WebhookEvent;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.request.VideoRequestDraft;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link WebhookOutbox} does with the events its task store writes: one per announced state, taken one at
 * a time per task and per destination, under a lease, with every attempt kept.
 */
public abstract class WebhookOutboxContract {

    protected static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123Z");

    /** An empty task store, whose changes write events into {@link #outbox()}. */
    protected abstract VideoTasks store();

    protected abstract WebhookOutbox outbox();

    private static VideoTask task(String id, String callback, Instant at) {
        VideoRequest request = VideoRequest.from(VideoRequestDraft.builder().model("viduq2")
                .images("https://example.com/cat.jpg").prompt("make it dance").callbackUrl(callback).build(),
                ModelCatalogue.STANDARD).value();
        return VideoTask.accept(new TaskId(id), "alice", request, at);
    }

    private VideoTask running(VideoTask accepted, Instant at) {
        VideoTask submitting = accepted.moveTo(TaskStatus.SUBMITTING, at);
        store().replace(submitting);
        VideoTask pending = submitting.submitted("p-" + accepted.id().value(), at);
        store().replace(pending);
        VideoTask running = pending.observed(TaskStatus.RUNNING, List.of(), null, at);
        store().replace(running);
        return running;
    }

    @Test
    void each_announced_state_is_written_once_with_the_change_and_none_without_a_callback() {
        VideoTask task = task("w-1", "https://hooks.example.com/a", T0);
        store().add(task, null, T0);
        running(task, T0.plusSeconds(5));
        store().add(task("w-2", null, T0), null, T0);

        List<WebhookOutbox.EventHistory> events = outbox().eventsOf(task.id());
        assertThat(events).extracting(e -> e.event().id()).containsExactly("msg_w-1_Pending", "msg_w-1_Running");
        assertThat(events.get(0).event()).isEqualTo(new WebhookEvent("msg_w-1_Pending", task.id(), "alice",
                TaskStatus.PENDING, URI.create("https://hooks.example.com/a"), T0, 0));
        assertThat(events.get(0).nextAttemptAt()).isEqualTo(T0);
        assertThat(outbox().eventsOf(new TaskId("w-2"))).isEmpty();
    }

    @Test
    void a_tasks_events_are_taken_in_order_and_each_under_a_lease() {
        VideoTask task = task("o-1", "https://hooks.example.com/a", T0);
        store().add(task, null, T0);
        running(task, T0.plusSeconds(5));
        Instant now = T0.plusSeconds(10);

        WebhookEvent first = outbox().claimNext(now, now.plusSeconds(30)).orElseThrow();
        assertThat(first.id()).isEqualTo("msg_o-1_Pending");
        assertThat(outbox().claimNext(now, now.plusSeconds(30))).isEmpty();
        // The lease runs out (its holder died): the event is taken again, never the later one before it.
        assertThat(outbox().claimNext(now.plusSeconds(31), now.plusSeconds(60))).map(WebhookEvent::id)
                .contains("msg_o-1_Pending");

        outbox().recordAttempt(first, new Attempt(1, now.plusSeconds(32), 200, null, Outcome.DELIVERED, null));
        assertThat(outbox().claimNext(now.plusSeconds(33), now.plusSeconds(60))).map(WebhookEvent::id)
                .contains("msg_o-1_Running");
    }

    @Test
    void one_delivery_at_a_time_per_destination_and_others_go_on() {
        store().add(task("d-1", "https://slow.example.com/a", T0), null, T0);
        store().add(task("d-2", "https://slow.example.com:443/b", T0.plusMillis(1)), null, T0.plusMillis(1));
        store().add(task("d-3", "https://fast.example.com/c", T0.plusMillis(2)), null, T0.plusMillis(2));
        Instant now = T0.plusSeconds(1);

        Optional<WebhookEvent> a = outbox().claimNext(now, now.plusSeconds(30));
        Optional<WebhookEvent> b = outbox().claimNext(now, now.plusSeconds(30));

        assertThat(a).map(WebhookEvent::id).contains("msg_d-1_Pending");
        assertThat(b).map(WebhookEvent::id).contains("msg_d-3_Pending");
        assertThat(outbox().claimNext(now, now.plusSeconds(30))).isEmpty();
    }

    @Test
    void attempts_are_kept_and_a_retry_waits_for_its_time() {
        VideoTask task = task("r-1", "https://hooks.example.com/a", T0);
        store().add(task, null, T0);
        WebhookEvent event = outbox().claimNext(T0, T0.plusSeconds(30)).orElseThrow();

        outbox().recordAttempt(event, new Attempt(1, T0.plusSeconds(1), 503, "the receiver answered HTTP 503",
                Outcome.RETRYING, T0.plusSeconds(6)));
        assertThat(outbox().claimNext(T0.plusSeconds(5), T0.plusSeconds(35))).isEmpty();
        WebhookEvent again = outbox().claimNext(T0.plusSeconds(6), T0.plusSeconds(36)).orElseThrow();
        assertThat(again.attempts()).isEqualTo(1);
        outbox().recordAttempt(again, new Attempt(2, T0.plusSeconds(7), 0, "no answer", Outcome.GAVE_UP, null));

        WebhookOutbox.EventHistory history = outbox().eventsOf(task.id()).get(0);
        assertThat(history.attempts()).containsExactly(
                new Attempt(1, T0.plusSeconds(1), 503, "the receiver answered HTTP 503", Outcome.RETRYING,
                        T0.plusSeconds(6)),
                new Attempt(2, T0.plusSeconds(7), 0, "no answer", Outcome.GAVE_UP, null));
        assertThat(history.nextAttemptAt()).isNull();
        assertThat(history.gaveUpAt()).isEqualTo(T0.plusSeconds(7));
        assertThat(outbox().claimNext(T0.plusSeconds(3600), T0.plusSeconds(3630))).isEmpty();
    }

    @Test
    void delivery_threads_claiming_at_once_take_one_event_per_destination() throws Exception {
        for (int i = 0; i < 8; i++) {
            store().add(task("c-" + i, "https://slow.example.com/" + i, T0.plusMillis(i)), null, T0.plusMillis(i));
        }
        Instant now = T0.plusSeconds(1);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Optional<WebhookEvent>>> claims = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                claims.add(threads.submit(() -> {
                    start.await();
                    return outbox().claimNext(now, now.plusSeconds(30));
                }));
            }
            start.countDown();
            int claimed = 0;
            for (java.util.concurrent.Future<Optional<WebhookEvent>> claim : claims) {
                claimed += claim.get(30, java.util.concurrent.TimeUnit.SECONDS).isPresent() ? 1 : 0;
            }
            assertThat(claimed).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
    }
}
