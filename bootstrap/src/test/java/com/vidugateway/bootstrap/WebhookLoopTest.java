package com.vidugateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.adapter.persistence.DatabaseMigrations;
import com.vidugateway.adapter.persistence.JdbcVideoTasks;
import com.vidugateway.adapter.persistence.JdbcWebhookOutbox;
import com.vidugateway.adapter.persistence.LocalImageBlobs;
import com.vidugateway.application.port.out.WebhookOutbox;
import com.vidugateway.application.port.out.WebhookOutbox.WebhookEvent;
import com.vidugateway.application.port.out.WebhookTransport;
import com.vidugateway.application.service.SyncSettings;
import com.vidugateway.application.service.VideoTaskServices;
import com.vidugateway.application.service.WebhookSettings;
import com.vidugateway.application.testing.InMemoryImageBlobMarks;
import com.vidugateway.application.testing.InMemoryImageBlobs;
import com.vidugateway.application.testing.MutableClock;
import com.vidugateway.application.testing.RecordingArchive;
import com.vidugateway.application.testing.ScriptedGenerator;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.catalogue.PriceLatencyTable;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.request.VideoRequestDraft;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.VideoTask;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that stops gracefully (SIGTERM) while a webhook attempt is on its way: the attempt ends, its outcome is
 * recorded in the embedded database as the server opens it, and so an event the receiver answered 2xx is never sent
 * again after the restart; no event is taken after the stop. The real delivery service and outbox on H2; only the
 * receiver is a stand-in, one that answers when the test says so.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class WebhookLoopTest {

    private static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");
    private static final String HOOK = "https://hooks.example.com/vidu";

    @TempDir
    Path dataDir;

    /**
     * A receiver reached through a blocking socket: the attempt waits for its answer, and an interrupt neither ends
     * the wait nor is forgotten (a thread interrupted in a socket read still has its flag set when the answer comes).
     */
    private static final class AnsweringLater implements WebhookTransport {
        final CountDownLatch sending = new CountDownLatch(1);
        final CountDownLatch answer = new CountDownLatch(1);
        final List<String> posted = new CopyOnWriteArrayList<>();
        volatile boolean interruptedOnTheWay;

        @Override
        public Result deliver(WebhookEvent event, VideoTask task) {
            posted.add(event.id());
            sending.countDown();
            boolean interrupted = false;
            while (true) {
                try {
                    answer.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                interruptedOnTheWay = true;
                Thread.currentThread().interrupt();
            }
            return new Result(true, 204, null, false);
        }
    }

    @Test
    void a_stop_lets_the_attempt_in_flight_end_and_be_recorded_and_takes_no_further_event() throws Exception {
        MutableClock clock = new MutableClock(T0);
        try (HikariDataSource pool = GatewayFactory.openDatabase(dataDir, "", "", "", 4)) {
            DatabaseMigrations.migrate(pool, new LocalImageBlobs(dataDir.resolve("blobs")));
            JdbcVideoTasks tasks = new JdbcVideoTasks(pool);
            VideoTaskServices services = new VideoTaskServices(ModelCatalogue.STANDARD, PriceLatencyTable.STANDARD,
                    tasks, new ScriptedGenerator(clock, Duration.ofSeconds(30)), new RecordingArchive(clock),
                    new InMemoryImageBlobs(), new InMemoryImageBlobMarks(clock, id -> false), clock, clock,
                    SyncSettings.defaults());
            AnsweringLater receiver = new AnsweringLater();
            WebhookLoop loop = new WebhookLoop(services.webhooks(new JdbcWebhookOutbox(pool, "vidu-stopping"), receiver,
                    WebhookSettings.defaults()).deliver(), 1, Duration.ofMinutes(1));
            VideoTask answered = task();
            tasks.add(answered, null, T0);

            loop.start();
            assertThat(receiver.sending.await(30, TimeUnit.SECONDS)).as("the attempt is on its way").isTrue();
            VideoTask later = task();
            tasks.add(later, null, T0);
            loop.stop();
            CompletableFuture<Void> closed = CompletableFuture.runAsync(loop::close);
            receiver.answer.countDown();
            closed.get(90, TimeUnit.SECONDS);

            assertThat(receiver.posted).containsExactly(WebhookEvent.idOf(answered.id(), answered.announcement()
                    .orElseThrow()));
            WebhookOutbox.EventHistory recorded = new JdbcWebhookOutbox(pool, "reader").eventsOf(answered.id()).get(0);
            assertThat(recorded.deliveredAt()).as("the receiver's answer is recorded").isNotNull();
            assertThat(recorded.attempts()).singleElement().satisfies(a -> assertThat(a.httpStatus()).isEqualTo(204));
            // The next instance (or this one restarted): the event nobody took is free at once; once it is delivered
            // nothing is left to send, even after any lease the stopped loop held could have run out.
            JdbcWebhookOutbox next = new JdbcWebhookOutbox(pool, "vidu-next");
            WebhookEvent untouched = next.claimNext(T0, T0.plusSeconds(30)).orElseThrow();
            assertThat(untouched.taskId()).isEqualTo(later.id());
            assertThat(untouched.attempts()).isZero();
            next.recordAttempt(untouched, new WebhookOutbox.Attempt(1, T0, 204, null, WebhookOutbox.Outcome.DELIVERED,
                    null));
            Instant afterTheLease = T0.plus(WebhookSettings.defaults().lease()).plusSeconds(1);
            assertThat(next.claimNext(afterTheLease, afterTheLease.plusSeconds(30))).isEmpty();
            assertThat(receiver.interruptedOnTheWay).as("the attempt was interrupted").isFalse();
        }
    }

    private static VideoTask task() {
        VideoRequest request = VideoRequest.from(VideoRequestDraft.builder().model("viduq2")
                .images("https://example.com/cat.png").prompt("make it dance").callbackUrl(HOOK).build(),
                ModelCatalogue.STANDARD).value();
        return VideoTask.accept(TaskId.random(), "alice", request, T0);
    }
}
