package com.vidugateway.adapter.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.vidugateway.application.port.in.WatchTaskEvents;
import com.vidugateway.application.port.out.TaskChanges;
import com.vidugateway.domain.task.FailureCode;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatusView;
import io.micronaut.http.sse.Event;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * Every open event stream of this instance, fed by one ticker: a few times a second it reads the task change feed once
 * (every instance's changes are in it) and hands each stream the events of its owner, in order. A stream costs a
 * subscriber entry and its sink's buffer, no thread and no query of its own; every {@link #HEARTBEAT} without an
 * event it gets a comment, so proxies keep the connection open and the client learns it is alive.
 */
@Singleton
final class TaskEventStreams {

    static final Duration TICK = Duration.ofMillis(200);
    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    /** Changes read per query: a stream resuming far behind catches up over a few ticks. */
    private static final int BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(TaskEventStreams.class);

    /** One event's data: the task as a status answer shows it, in the gateway's words, with its progress. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TaskEventJson(@JsonProperty("task_id") String taskId, String status,
                         @JsonProperty("task_status") String taskStatus, Integer progress,
                         @JsonProperty("submit_time") Long submitTime, @JsonProperty("finish_time") Long finishTime,
                         @JsonProperty("error_message") String errorMessage, RestWire.ErrorJson error) {

        static TaskEventJson of(WatchTaskEvents.TaskEvent event) {
            TaskStatusView view = event.status();
            RestWire.ErrorJson error = FailureCode.of(view.status(), view.errorMessage()).map(code ->
                    new RestWire.ErrorJson(code.code(), code.category().wire(), code.retryable(), view.errorMessage()))
                    .orElse(null);
            return new TaskEventJson(view.id().value(), view.status().displayName(),
                    view.status().providerView().displayName(),
                    event.progress().isPresent() ? event.progress().getAsInt() : null,
                    view.acceptedAt().getEpochSecond(), view.endedAt() == null ? null : view.endedAt().getEpochSecond(),
                    error == null ? null : view.errorMessage(), error);
        }
    }

    private static final class Stream {
        final String owner;
        final TaskId only;
        final FluxSink<Event<?>> sink;
        volatile long cursor;
        volatile long lastSentNanos = System.nanoTime();

        Stream(String owner, TaskId only, FluxSink<Event<?>> sink, long cursor) {
            this.owner = owner;
            this.only = only;
            this.sink = sink;
            this.cursor = cursor;
        }
    }

    private final WatchTaskEvents watch;
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "vidu-task-events");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean started;

    TaskEventStreams(WatchTaskEvents watch) {
        this.watch = watch;
    }

    int open() {
        return streams.size();
    }

    /**
     * A stream of {@code owner}'s task events (one task's when {@code only} is given), from after {@code lastEventId}
     * (a reconnecting client's {@code Last-Event-ID}), else from now — then, for one task, its current state first.
     */
    Flux<Event<?>> open(String owner, TaskId only, Long lastEventId) {
        startTicker();
        return Flux.create(sink -> {
            long start = lastEventId != null ? lastEventId : watch.latest();
            Stream stream = new Stream(owner, only, sink, start);
            // At once, so that the answer's head goes out now: a client knows the stream is open before any change.
            sink.next(Event.of("").comment("connected"));
            if (lastEventId == null && only != null) {
                watch.eventOf(owner, new TaskChanges.Change(only, start)).ifPresent(event -> send(stream, event));
            }
            sink.onDispose(() -> streams.remove(stream));
            streams.add(stream);
        }, FluxSink.OverflowStrategy.BUFFER);
    }

    private synchronized void startTicker() {
        if (!started) {
            started = true;
            ticker.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void tick() {
        try {
            if (streams.isEmpty()) {
                return;
            }
            long from = streams.stream().mapToLong(s -> s.cursor).min().orElseThrow();
            List<TaskChanges.Change> changes = watch.changesAfter(from, BATCH);
            Map<String, Optional<WatchTaskEvents.TaskEvent>> seen = new HashMap<>();
            for (Stream stream : streams) {
                for (TaskChanges.Change change : changes) {
                    if (change.number() <= stream.cursor) {
                        continue;
                    }
                    if (stream.only == null || stream.only.equals(change.id())) {
                        seen.computeIfAbsent(stream.owner + '\u0000' + change.id().value() + '\u0000' + change.number(),
                                key -> watch.eventOf(stream.owner, change)).ifPresent(event -> send(stream, event));
                    }
                    stream.cursor = change.number();
                }
                if (System.nanoTime() - stream.lastSentNanos >= HEARTBEAT.toNanos()) {
                    stream.sink.next(Event.of("").comment("heartbeat"));
                    stream.lastSentNanos = System.nanoTime();
                }
            }
        } catch (Error e) {
            LOG.error("task events: the ticker failed: {}", e.toString(), e);
            throw e;
        } catch (RuntimeException e) {
            // The store may be down for a moment: the streams stay open and catch up from their cursors.
            LOG.warn("task events: the change feed could not be read: {}", e.toString());
        }
    }

    private static void send(Stream stream, WatchTaskEvents.TaskEvent event) {
        stream.sink.next(Event.of((Object) TaskEventJson.of(event)).id(Long.toString(event.id())).name("task"));
        stream.lastSentNanos = System.nanoTime();
    }

    @PreDestroy
    void close() {
        ticker.shutdownNow();
        streams.forEach(stream -> stream.sink.complete());
    }
}
