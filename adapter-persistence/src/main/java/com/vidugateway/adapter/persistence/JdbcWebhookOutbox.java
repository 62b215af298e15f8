package com.vidugateway.adapter.persistence;

import com.vidugateway.application.port.out.WebhookOutbox;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The webhook outbox in {@code webhook_event} and {@code webhook_attempt}. Events are written by {@link JdbcVideoTasks}
 * in the transaction of the task change ({@link #write}); an instance takes one for delivery by compare-and-set on its
 * lease, so two instances never deliver one event at once.
 */
public final class JdbcWebhookOutbox implements WebhookOutbox {

    private static final String EVENT_COLUMNS = "id, task_id, owner, status, callback_url, created_at, attempts";

    /**
     * Due events, earliest first: not leased, the oldest pending one of their task, of a destination with no delivery
     * in flight. The lower bound on next_attempt_at keeps H2 from walking the delivered events (NULLs first).
     */
    static final String CANDIDATES_SQL = "SELECT " + EVENT_COLUMNS + " FROM webhook_event e"
            + " WHERE e.next_attempt_at BETWEEN ? AND ? AND (e.lease_until IS NULL OR e.lease_until < ?)"
            + " AND NOT EXISTS (SELECT 1 FROM webhook_event p WHERE p.task_id = e.task_id"
            + " AND p.next_attempt_at IS NOT NULL AND p.created_at < e.created_at)"
            + " AND NOT EXISTS (SELECT 1 FROM webhook_event b WHERE b.destination = e.destination AND b.id <> e.id"
            + " AND b.next_attempt_at IS NOT NULL AND b.lease_until >= ?)"
            + " ORDER BY e.next_attempt_at LIMIT 20";

    /** Takes an event not leased by anyone, of a destination nobody else is delivering to. */
    static final String CLAIM_SQL = "UPDATE webhook_event SET lease_holder = ?, lease_until = ?"
            + " WHERE id = ? AND next_attempt_at IS NOT NULL AND (lease_until IS NULL OR lease_until < ?)"
            + " AND NOT EXISTS (SELECT 1 FROM webhook_event b WHERE b.destination = ? AND b.id <> ?"
            + " AND b.next_attempt_at IS NOT NULL AND b.lease_until >= ?)";

    private final Database database;
    private final String holder;

    /**
     * @param dataSource a migrated database ({@link DatabaseMigrations#migrate})
     * @param holder     the instance that delivers from here (recorded on its leases)
     */
    public JdbcWebhookOutbox(DataSource dataSource, String holder) {
        this.database = new Database(dataSource);
        this.holder = Objects.requireNonNull(holder, "holder");
    }

    /**
     * Writes the event announcing {@code task}'s state, if it announces one and it was not written before: called by the
     * task store inside the transaction that stores the change (whose compare-and-set already serialises writers).
     */
    static void write(Connection connection, VideoTask task) throws SQLException {
        Optional<TaskStatus> announced = task.announcement();
        if (announced.isEmpty()) {
            return;
        }
        String id = WebhookEvent.idOf(task.id(), announced.get());
        try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM webhook_event WHERE id = ?")) {
            exists.setString(1, id);
            try (ResultSet found = exists.executeQuery()) {
                if (found.next()) {
                    return;
                }
            }
        }
        URI callback = task.request().callbackUrl();
        long at = task.lastChangedAt().toEpochMilli();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO webhook_event (id, task_id, owner,"
                + " status, callback_url, destination, created_at, attempts, next_attempt_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)")) {
            insert.setString(1, id);
            insert.setString(2, task.id().value());
            insert.setString(3, task.owner());
            insert.setString(4, announced.get().name());
            insert.setString(5, callback.toString());
            insert.setString(6, WebhookEvent.destinationOf(callback));
            insert.setLong(7, at);
            insert.setLong(8, at);
            insert.executeUpdate();
        }
    }

    /**
     * One claim at a time in this process, and the claim itself re-checks the destination: delivery threads that read
     * the same candidates at once would otherwise each take an event of one slow receiver.
     */
    @Override
    public synchronized Optional<WebhookEvent> claimNext(Instant now, Instant until) {
        long nowMillis = now.toEpochMilli();
        List<WebhookEvent> candidates = database.query("find due webhook events", CANDIDATES_SQL, statement -> {
            statement.setLong(1, Long.MIN_VALUE);
            statement.setLong(2, nowMillis);
            statement.setLong(3, nowMillis);
            statement.setLong(4, nowMillis);
        }, JdbcWebhookOutbox::event);
        for (WebhookEvent candidate : candidates) {
            int claimed = database.update("claim webhook event " + candidate.id(), CLAIM_SQL, statement -> {
                statement.setString(1, holder);
                statement.setLong(2, until.toEpochMilli());
                statement.setString(3, candidate.id());
                statement.setLong(4, nowMillis);
                statement.setString(5, WebhookEvent.destinationOf(candidate.callbackUrl()));
                statement.setString(6, candidate.id());
                statement.setLong(7, nowMillis);
            });
            if (claimed == 1) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    @Override
    public void recordAttempt(WebhookEvent event, Attempt attempt) {
        database.transaction("record an attempt at webhook event " + event.id(), connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO webhook_attempt (event_id, attempt,"
                    + " at, http_status, problem, outcome, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, event.id());
                insert.setInt(2, attempt.number());
                insert.setLong(3, attempt.at().toEpochMilli());
                insert.setInt(4, attempt.httpStatus());
                insert.setString(5, attempt.problem() == null ? null
                        : attempt.problem().substring(0, Math.min(1000, attempt.problem().length())));
                insert.setString(6, attempt.outcome().name());
                Database.setMillis(insert, 7, attempt.nextAttemptAt());
                insert.executeUpdate();
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE webhook_event SET attempts = ?,"
                    + " next_attempt_at = ?, delivered_at = ?, gave_up_at = ?, lease_holder = NULL, lease_until = NULL"
                    + " WHERE id = ?")) {
                update.setInt(1, attempt.number());
                Database.setMillis(update, 2, attempt.nextAttemptAt());
                Database.setMillis(update, 3, attempt.outcome() == Outcome.DELIVERED ? attempt.at() : null);
                Database.setMillis(update, 4, attempt.outcome() == Outcome.GAVE_UP ? attempt.at() : null);
                update.setString(5, event.id());
                update.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<EventHistory> eventsOf(TaskId task) {
        return database.transaction("read the webhook events of task " + task, connection -> {
            record Row(WebhookEvent event, Instant next, Instant delivered, Instant gaveUp) {}
            List<Row> rows = Database.rows(connection, "SELECT " + EVENT_COLUMNS + ", next_attempt_at, delivered_at,"
                            + " gave_up_at FROM webhook_event WHERE task_id = ? ORDER BY created_at, id",
                    statement -> statement.setString(1, task.value()),
                    row -> new Row(event(row), Database.millis(row, "next_attempt_at"), Database.millis(row, "delivered_at"),
                            Database.millis(row, "gave_up_at")));
            Map<String, List<Attempt>> attempts = Database.rows(connection, "SELECT a.event_id, a.attempt, a.at,"
                            + " a.http_status, a.problem, a.outcome, a.next_attempt_at FROM webhook_attempt a"
                            + " JOIN webhook_event e ON e.id = a.event_id WHERE e.task_id = ? ORDER BY a.event_id, a.attempt",
                    statement -> statement.setString(1, task.value()),
                    row -> Map.entry(row.getString("event_id"), new Attempt(row.getInt("attempt"),
                            Instant.ofEpochMilli(row.getLong("at")), row.getInt("http_status"), row.getString("problem"),
                            Outcome.valueOf(row.getString("outcome")), Database.millis(row, "next_attempt_at"))))
                    .stream().collect(Collectors.groupingBy(Map.Entry::getKey,
                            Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
            List<EventHistory> histories = new ArrayList<>();
            for (Row row : rows) {
                histories.add(new EventHistory(row.event(), attempts.getOrDefault(row.event().id(), List.of()),
                        row.next(), row.delivered(), row.gaveUp()));
            }
            return histories;
        });
    }

    private static WebhookEvent event(ResultSet row) throws SQLException {
        return new WebhookEvent(row.getString("id"), new TaskId(row.getString("task_id")), row.getString("owner"),
                TaskStatus.valueOf(row.getString("status")), URI.create(row.getString("callback_url")),
                Instant.ofEpochMilli(row.getLong("created_at")), row.getInt("attempts"));
    }

}
