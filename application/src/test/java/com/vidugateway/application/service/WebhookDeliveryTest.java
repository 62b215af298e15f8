package com.vidugateway.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.application.port.in.SubmitVideoTask.Command;
import com.vidugateway.application.port.out.WebhookOutbox;
import com.vidugateway.application.port.out.WebhookOutbox.Outcome;
import com.vidugateway.application.port.out.WebhookTransport;
import com.vidugateway.application.testing.InMemoryVideoTasks;
import com.vidugateway.domain.request.VideoRequestDraft;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The outbox: every announced change is delivered once, in order per task, retried for a bounded time. */
class WebhookDeliveryTest {

    private final InMemoryVideoTasks store = new InMemoryVideoTasks();
    private final Gateway gateway = Gateway.over(store);
    private final List<String> delivered = new ArrayList<>();
    private Function<WebhookOutbox.WebhookEvent, WebhookTransport.Result> receiver = event -> delivered(200);
    private final WebhookTransport transport = (event, task) -> {
        WebhookTransport.Result result = receiver.apply(event);
        if (result.delivered()) {
            delivered.add(event.id());
        }
        return result;
    };
    private final VideoTaskServices.Webhooks webhooks = gateway.services.webhooks(store.outbox(), transport,
            WebhookSettings.defaults());

    private TaskId submit(String prompt, String callback) {
        VideoRequestDraft draft = VideoRequestDraft.builder().model("viduq2").images("https://example.com/cat.jpg")
                .prompt(prompt).callbackUrl(callback).build();
        gateway.services.submit().submit(new Command("alice", draft, null));
        return store.list("alice", null, null, 10).stream().filter(t -> t.prompt().equals(prompt))
                .map(TaskSummary::id).findFirst().orElseThrow();
    }

    private static WebhookTransport.Result delivered(int httpStatus) {
        return new WebhookTransport.Result(true, httpStatus, null, false);
    }

    private static WebhookTransport.Result failed(int httpStatus, String problem, boolean retry) {
        return new WebhookTransport.Result(false, httpStatus, problem, retry);
    }

    /** Receivers on hosts whose names start with {@code prefix} answer {@code there}, all others {@code elsewhere}. */
    private void receiversAnswer(String prefix, WebhookTransport.Result there, WebhookTransport.Result elsewhere) {
        receiver = event -> event.callbackUrl().getHost().startsWith(prefix) ? there : elsewhere;
    }

    private List<WebhookOutbox.EventHistory> eventsOf(TaskId id) {
        return webhooks.read().webhooksOf("alice", id).orElseThrow();
    }

    /** The ids of the events announcing the task's {@code statuses}, as its receiver sees them. */
    private static List<String> eventIds(TaskId id, String... statuses) {
        return Stream.of(statuses).map(status -> "msg_" + id.value() + "_" + status).toList();
    }

    private void deliverAll() throws InterruptedException {
        for (int i = 0; i < 100 && webhooks.deliver().deliverNext(); i++) {
            // until nothing is due
        }
    }

    @Test
    void every_state_a_client_sees_is_announced_once_in_order_the_success_once_the_video_is_kept() throws Exception {
        TaskId id = submit("make it dance", "https://hooks.example.com/vidu");

        gateway.syncFor(Duration.ofMinutes(2));
        deliverAll();

        assertThat(delivered).containsExactlyElementsOf(eventIds(id, "Pending", "Running", "Success"));
        assertThat(eventsOf(id)).allSatisfy(event -> assertThat(event.deliveredAt()).isNotNull());
        assertThat(webhooks.read().webhooksOf("mallory", id)).isEmpty();
    }

    @Test
    void a_failing_receiver_is_retried_with_growing_waits_and_keeps_the_events_of_its_task_in_order() throws Exception {
        TaskId id = submit("make it dance", "https://down.example.com/hook");
        receiver = event -> failed(503, "the receiver answered HTTP 503", true);
        deliverAll();
        gateway.syncFor(Duration.ofMinutes(2));
        deliverAll();

        List<WebhookOutbox.EventHistory> events = eventsOf(id);
        assertThat(events).hasSize(3);
        assertThat(events.get(0).attempts()).hasSizeGreaterThan(1).allSatisfy(attempt -> {
            assertThat(attempt.outcome()).isEqualTo(Outcome.RETRYING);
            assertThat(attempt.httpStatus()).isEqualTo(503);
        });
        // The later events wait behind the first: not one attempt yet.
        assertThat(events.get(1).attempts()).isEmpty();
        List<WebhookOutbox.Attempt> attempts = events.get(0).attempts();
        Duration first = Duration.between(attempts.get(0).at(), attempts.get(0).nextAttemptAt());
        Duration later = Duration.between(attempts.get(attempts.size() - 1).at(),
                attempts.get(attempts.size() - 1).nextAttemptAt());
        assertThat(later).isGreaterThan(first);

        receiver = event -> delivered(204);
        gateway.clock.advance(Duration.ofHours(2));
        deliverAll();
        assertThat(delivered).containsExactlyElementsOf(eventIds(id, "Pending", "Running", "Success"));
    }

    @Test
    void a_dead_receiver_holds_up_no_other_destination() throws Exception {
        TaskId slow = submit("slow one", "https://dead.example.com/hook");
        TaskId fine = submit("fine one", "https://alive.example.com/hook");
        receiversAnswer("dead", failed(0, "no answer: HttpTimeoutException", true), delivered(200));

        deliverAll();

        assertThat(delivered).containsExactlyElementsOf(eventIds(fine, "Pending"));
        assertThat(eventsOf(slow).get(0).attempts()).hasSize(1);
    }

    @Test
    void attempts_stop_after_the_retry_time_and_at_once_when_the_receiver_is_gone() throws Exception {
        TaskId flaky = submit("flaky", "https://flaky.example.com/hook");
        TaskId gone = submit("gone", "https://gone.example.com/hook");
        receiversAnswer("gone", failed(410, "the receiver answered HTTP 410 (Gone)", false),
                failed(500, "the receiver answered HTTP 500", true));

        for (int hour = 0; hour < 30; hour++) {
            deliverAll();
            gateway.clock.advance(Duration.ofHours(1));
        }

        WebhookOutbox.EventHistory flakyEvent = eventsOf(flaky).get(0);
        assertThat(flakyEvent.gaveUpAt()).isNotNull();
        assertThat(flakyEvent.nextAttemptAt()).isNull();
        assertThat(Duration.between(flakyEvent.event().createdAt(), flakyEvent.gaveUpAt()))
                .isLessThanOrEqualTo(Duration.ofHours(25));
        assertThat(flakyEvent.attempts().get(flakyEvent.attempts().size() - 1).problem()).contains("given up");
        WebhookOutbox.EventHistory goneEvent = eventsOf(gone).get(0);
        assertThat(goneEvent.attempts()).singleElement()
                .satisfies(attempt -> assertThat(attempt.outcome()).isEqualTo(Outcome.GAVE_UP));
    }

    @Test
    void a_task_without_callback_url_writes_no_event() throws Exception {
        TaskId id = submit("quiet", null);
        gateway.syncFor(Duration.ofMinutes(2));

        assertThat(eventsOf(id)).isEmpty();
    }
}
