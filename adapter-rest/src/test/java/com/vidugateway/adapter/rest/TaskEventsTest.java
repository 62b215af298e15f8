package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.domain.task.TaskId;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/tasks/{id}/events} and {@code /v1/tasks/events}: Server-Sent Events of the caller's tasks. */
@MicronautTest
class TaskEventsTest extends GatewayHttpTest {

    private final HttpClient http = HttpClient.newHttpClient();

    /** An open stream: its lines as they arrive, read by a thread of its own. */
    private final class Stream implements AutoCloseable {
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final InputStream body;
        final int status;

        Stream(String path, String key, String lastEventId) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(server.getURI().resolve(path))
                    .header("Authorization", key).header("Accept", "text/event-stream");
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            status = response.statusCode();
            body = response.body();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (java.io.IOException closed) {
                    // the test closed it
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        /** The next event's lines (up to its blank line), within 10 s. */
        List<String> nextEvent() throws InterruptedException {
            List<String> event = new ArrayList<>();
            while (true) {
                String line = lines.poll(10, TimeUnit.SECONDS);
                assertThat(line).as("an event within 10 s, got so far %s", event).isNotNull();
                if (line.isEmpty()) {
                    if (event.stream().anyMatch(field -> field.startsWith("data:") && field.length() > 6)) {
                        return event;
                    }
                    event.clear(); // a comment (connected, heartbeat): not an event
                    continue;
                }
                event.add(line);
            }
        }

        @Override
        public void close() throws Exception {
            body.close();
        }
    }

    @Test
    void one_tasks_stream_starts_with_its_state_and_follows_it_to_success_with_progress() throws Exception {
        String id = accepted(api, Bodies.images("streamed"));
        try (Stream stream = new Stream("/v1/tasks/" + id + "/events", "key-a", null)) {
            assertThat(stream.status).isEqualTo(200);
            List<String> first = stream.nextEvent();
            assertThat(first).contains("event: task").anyMatch(line -> line.startsWith("id: "));
            assertThat(String.join("\n", first)).contains("\"status\":\"Pending\"").contains("\"progress\":");

            TestGateway.runUntilDone(services, tasks, clock, id);
            String last = "";
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < 10 && !last.contains("\"status\":\"Success\""); i++) {
                last = String.join("\n", stream.nextEvent());
                seen.add(last);
            }
            assertThat(last).as("events %s", seen).contains("\"status\":\"Success\"").contains("\"progress\":100");
        }
    }

    @Test
    void the_owners_stream_resumes_after_the_last_event_id_and_never_shows_another_owners_task() throws Exception {
        String lastId;
        String mine;
        String theirs;
        try (Stream stream = new Stream("/v1/tasks/events", "key-a", null)) {
            mine = accepted(api, Bodies.images("mine"));
            theirs = accepted(as("key-b"), Bodies.images("theirs"));
            List<String> event = stream.nextEvent();
            assertThat(String.join("\n", event)).contains(mine).doesNotContain(theirs);
            lastId = event.stream().filter(line -> line.startsWith("id:")).findFirst().orElseThrow().substring(3).strip();
        }
        // Changes while away: the task runs to its end; a reconnect with the last id gets it, as it is now.
        TestGateway.runUntilDone(services, tasks, clock, mine);
        try (Stream resumed = new Stream("/v1/tasks/events", "key-a", lastId.strip())) {
            String event = String.join("\n", resumed.nextEvent());
            assertThat(event).contains(mine).doesNotContain(theirs).contains("\"status\":\"Success\"");
            assertThat(tasks.find(new TaskId(mine)).orElseThrow().status().displayName()).isEqualTo("Success");
        }
        assertThat(as("key-a").get("/v1/tasks/events?last_event_id=abc").status()).isEqualTo(400);
    }
}
