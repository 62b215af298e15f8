package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.vidugateway.application.port.in.SubmitVideoTask;
import com.vidugateway.application.port.out.Sleeper;
import com.vidugateway.application.service.SyncSettings;
import com.vidugateway.application.service.VideoTaskServices;
import com.vidugateway.application.testing.InMemoryImageBlobs;
import com.vidugateway.application.testing.InMemoryVideoTasks;
import com.vidugateway.application.testing.MutableClock;
import com.vidugateway.application.testing.RecordingArchive;
import com.vidugateway.application.testing.ScriptedGenerator;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.catalogue.PriceLatencyTable;
import com.vidugateway.domain.request.VideoRequestDraft;
import io.micronaut.serde.ObjectMapper;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A task with a callback URL, followed to the end: the receiver gets each state once, signed. */
class WebhookDeliveryTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private record Received(Map<String, List<String>> headers, String body) {}

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer receiver;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(new Received(Map.copyOf(exchange.getRequestHeaders()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void every_state_change_is_posted_once_signed_and_success_after_the_video_is_kept() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-05-01T08:00:00Z"));
        WebhookSender sender = new WebhookSender(SECRET, true, HttpClient.newHttpClient(), Clock.systemUTC(),
                Sleeper.REAL, WebhookSender.Policy.defaults());
        WebhookNotifier notifier = new WebhookNotifier(sender, ObjectMapper.getDefault(), "http://gateway.example");
        VideoTaskServices services = new VideoTaskServices(ModelCatalogue.STANDARD, PriceLatencyTable.STANDARD,
                new InMemoryVideoTasks(), new ScriptedGenerator(clock, Duration.ofSeconds(28)), new RecordingArchive(clock),
                new InMemoryImageBlobs(), clock, clock, SyncSettings.defaults(), notifier);
        String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";

        SubmitVideoTask.Result result = services.submit().submit(new SubmitVideoTask.Command("alice",
                VideoRequestDraft.builder().model("viduq2").images("https://example.com/cat.jpg").prompt("dance")
                        .callbackUrl(hook).build(), null));
        String id = ((SubmitVideoTask.Accepted) result).task().id().value();
        for (int second = 0; second < 60; second++) {
            services.sync().syncDue();
            clock.advance(Duration.ofSeconds(1));
        }
        Instant deadline = Instant.now().plusSeconds(10);
        while (received.size() < 3 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }

        assertThat(received).extracting(r -> r.headers().get("Webhook-id").get(0))
                .containsExactly("msg_" + id + "_Pending", "msg_" + id + "_Running", "msg_" + id + "_Success");
        Received success = received.get(2);
        assertThat(success.body()).contains("\"task_status\":\"Success\"")
                .contains("http://gateway.example/v1/tasks/" + id + "/video");
        for (Received delivery : received) {
            String messageId = delivery.headers().get("Webhook-id").get(0);
            long timestamp = Long.parseLong(delivery.headers().get("Webhook-timestamp").get(0));
            assertThat(delivery.headers().get("Webhook-signature").get(0))
                    .isEqualTo(WebhookSender.signature(SECRET, messageId, timestamp, delivery.body()));
        }
    }
}
