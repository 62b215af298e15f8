package com.vidugateway.adapter.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.vidugateway.application.port.in.SubmitVideoTask;
import com.vidugateway.application.support.DestinationPolicy;
import com.vidugateway.application.port.out.WebhookSigningSecrets;
import com.vidugateway.application.service.SyncSettings;
import com.vidugateway.application.service.VideoTaskServices;
import com.vidugateway.application.service.WebhookSettings;
import com.vidugateway.application.testing.InMemoryImageBlobMarks;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A task with a callback URL, followed to the end through the outbox and the real transport: the receiver gets each
 * state once, in order, signed with its owner's own secret, each body showing the state it announces.
 */
class WebhookOutboxDeliveryTest {

    private static final String ALICE_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String BOB_SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";

    private record Received(Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int answer = 204;
    private HttpServer receiver;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (answer < 300) {
                received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body));
            }
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void every_state_is_posted_once_in_order_signed_for_its_owner_even_after_the_receiver_was_down() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-05-01T08:00:00Z"));
        InMemoryVideoTasks store = new InMemoryVideoTasks();
        VideoTaskServices services = new VideoTaskServices(ModelCatalogue.STANDARD, PriceLatencyTable.STANDARD, store,
                new ScriptedGenerator(clock, Duration.ofSeconds(28)), new RecordingArchive(clock),
                new InMemoryImageBlobs(), new InMemoryImageBlobMarks(clock, store::refersToImage), clock, clock,
                SyncSettings.defaults());
        Map<String, String> byOwner = Map.of("alice", ALICE_SECRET, "bob", BOB_SECRET);
        WebhookSigningSecrets secrets = owner -> java.util.Optional.ofNullable(byOwner.get(owner));
        int port = receiver.getAddress().getPort();
        WebhookDelivery transport = new WebhookDelivery(new WebhookSender(new DestinationPolicy(true, Set.of(port))),
                secrets, ObjectMapper.getDefault(), "http://gateway.example/");
        VideoTaskServices.Webhooks webhooks = services.webhooks(store.outbox(), transport, WebhookSettings.defaults());
        String hook = "http://127.0.0.1:" + port + "/hook";

        SubmitVideoTask.Result result = services.submit().submit(new SubmitVideoTask.Command("alice",
                VideoRequestDraft.builder().model("viduq2").images("https://example.com/cat.jpg").prompt("dance")
                        .callbackUrl(hook).build(), null));
        String id = ((SubmitVideoTask.Accepted) result).task().id().value();
        answer = 503;
        assertThat(webhooks.deliver().deliverNext()).isTrue();
        assertThat(received).isEmpty();
        answer = 204;
        for (int second = 0; second < 60; second++) {
            services.sync().syncDue();
            clock.advance(Duration.ofSeconds(1));
            while (webhooks.deliver().deliverNext()) {
                // each due event, one attempt
            }
        }

        assertThat(received).extracting(r -> r.header("webhook-id"))
                .containsExactly("msg_" + id + "_Pending", "msg_" + id + "_Running", "msg_" + id + "_Success");
        assertThat(received).extracting(r -> r.body())
                .satisfiesExactly(
                        body -> assertThat(body).contains("\"task_status\":\"Pending\"").doesNotContain("urls"),
                        body -> assertThat(body).contains("\"task_status\":\"Running\"").doesNotContain("urls"),
                        body -> assertThat(body).contains("\"task_status\":\"Success\"")
                                .contains("http://gateway.example/v1/tasks/" + id + "/video"));
        String aliceSecret = ALICE_SECRET;
        for (Received post : received) {
            long timestamp = Long.parseLong(post.header("webhook-timestamp"));
            assertThat(post.header("webhook-signature"))
                    .isEqualTo(WebhookSender.signature(aliceSecret, post.header("webhook-id"), timestamp, post.body()));
        }
        assertThat(received).allSatisfy(post -> assertThat(post.header("webhook-signature")).isNotEqualTo(
                WebhookSender.signature(BOB_SECRET, post.header("webhook-id"),
                        Long.parseLong(post.header("webhook-timestamp")), post.body())));
        assertThat(webhooks.read().webhooksOf("alice", ((SubmitVideoTask.Accepted) result).task().id()).orElseThrow()
                .get(0).attempts()).extracting(a -> a.httpStatus()).containsExactly(503, 204);
    }
}
