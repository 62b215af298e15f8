package com.vidugateway.adapter.persistence;

import com.vidugateway.application.port.out.VideoTasks;
import com.vidugateway.domain.catalogue.AspectRatio;
import com.vidugateway.domain.catalogue.PriceLatencyTable;
import com.vidugateway.domain.client.Charge;
import com.vidugateway.domain.client.ClientLimits;
import com.vidugateway.domain.client.ClientQuota;
import com.vidugateway.domain.client.ClientUsage;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.catalogue.Resolution;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.task.FailureCode;
import com.vidugateway.domain.task.StoredVideo;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.TaskStatusView;
import com.vidugateway.domain.task.TaskSummary;
import com.vidugateway.domain.task.VideoTask;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The task store in a relational database (H2 or PostgreSQL, schema by {@link DatabaseMigrations}), over
 * plain JDBC. Every write that changes a task is compare-and-set on its revision; a claim is compare-and-set
 * on the check's time; so several processes can share one database. Times are kept as epoch milliseconds.
 *
 * <p>A task's id, owner and request are written once, by {@link #add}; {@link #replace} writes what a task's
 * life changes (status, history, provider id, results, video, retention). The request holds its images as blob
 * references, so a row is small and read whole; a status answer ({@link #statusOf}) and a list ({@link #list}) read
 * only the columns they show, never the request (decision 13). {@code task_image} lists the blobs of each task that
 * still keeps its images, for the clean-up that asks whether a blob is still needed; {@code ended_at} is the time a task
 * ended, for retention.
 *
 * <p>Database failures surface as {@link IllegalStateException}s naming the operation.
 */
public final class JdbcVideoTasks implements VideoTasks {

    /** Every stored request is read back through the full catalogue: offering fewer models hides no task. */
    private static final ModelCatalogue CATALOGUE = ModelCatalogue.STANDARD;

    /** What a task's life changes, in the order {@link #setLifecycle} sets them. */
    private static final List<String> LIFECYCLE = List.of("history_json", "provider_task_id", "result_urls_json",
            "error_message", "video_location", "video_size_bytes", "video_sha256", "video_stored_at",
            "video_removed_at", "video_problem", "images_removed_at", "ended_at", "charge_cny", "charge_state", "failure_code", "provider_outcome");

    private static final String TASK_COLUMNS = "id, owner, revision, request_json, history_json, provider_task_id,"
            + " result_urls_json, error_message, video_location, video_size_bytes, video_sha256, video_stored_at,"
            + " video_removed_at, video_problem, images_removed_at, provider_outcome";

    /**
     * What a status answer and a list show of the request (migrations 9 and 10), written once by {@link #add} with the
     * request, in the order {@link #setRequestSummary} sets them.
     */
    private static final List<String> REQUEST_SUMMARY = List.of("duration_seconds", "model", "prompt_json", "resolution",
            "aspect_ratio", "images_json", "image_bytes");

    private static final String INSERT = "INSERT INTO video_task (id, owner, status, accepted_at, revision,"
            + " request_json, " + String.join(", ", REQUEST_SUMMARY) + ", " + String.join(", ", LIFECYCLE)
            + ", idempotency_key, request_fingerprint, next_check_at, check_attempts, lease_holder, change_number)"
            + " VALUES (?, ?, ?, ?, ?, ?, " + "?, ".repeat(REQUEST_SUMMARY.size()) + "?, ".repeat(LIFECYCLE.size())
            + "?, ?, ?, 0, ?, " + JdbcTaskChanges.TAKEN + ")";

    /**
     * A list line's columns ({@link TaskSummary}): never the request, but for a row stored before version 10, whose
     * request columns are NULL: {@code old_request_json} has its request, and the row is read whole ({@link #summary}).
     */
    private static final String LIST_COLUMNS = "id, owner, revision, history_json, provider_task_id, result_urls_json,"
            + " error_message, video_location, video_size_bytes, video_sha256, video_stored_at, video_removed_at,"
            + " video_problem, images_removed_at, provider_outcome, " + String.join(", ", REQUEST_SUMMARY)
            + ", CASE WHEN model IS NULL OR duration_seconds IS NULL THEN request_json END AS old_request_json";

    /**
     * A status answer's columns: never the request. The history only of a Failure without a provider id (whether a late
     * answer may still reconcile it), the rare case.
     */
    static final String STATUS_SQL = "SELECT status, accepted_at, ended_at, error_message, video_location,"
            + " result_urls_json, duration_seconds,"
            + " CASE WHEN status = 'FAILURE' AND provider_task_id IS NULL THEN history_json END AS failure_history"
            + " FROM video_task WHERE id = ? AND owner = ?";

    private static final String INSERT_IMAGE = "INSERT INTO task_image (task_id, sha256) VALUES (?, ?)";

    /**
     * The lower bound changes nothing but keeps H2 from walking every task without a check: its index puts
     * NULLs first.
     */
    static final String DUE_SQL = "SELECT id, next_check_at, check_attempts, lease_holder FROM video_task"
            + " WHERE next_check_at BETWEEN ? AND ? ORDER BY next_check_at LIMIT ?";

    /**
     * PostgreSQL: the due checks locked as they are found, rows another instance is claiming at this moment skipped
     * rather than waited for, and claimed in the same statement; each comes back as it was before.
     */
    static final String CLAIM_DUE_POSTGRES = "WITH due AS (" + DUE_SQL + " FOR UPDATE SKIP LOCKED)"
            + " UPDATE video_task t SET next_check_at = ?, lease_holder = ? FROM due WHERE t.id = due.id"
            + " RETURNING due.id, due.next_check_at, due.check_attempts, due.lease_holder";

    /**
     * Ended tasks that keep their images, through the index (images_removed_at, ended_at): the equality on its first
     * column skips every task whose images are gone, the range on the second those still running (NULL).
     */
    static final String KEEPING_IMAGES_SQL = "SELECT " + TASK_COLUMNS + " FROM video_task"
            + " WHERE images_removed_at IS NULL AND ended_at BETWEEN ? AND ?"
            + " ORDER BY images_removed_at, ended_at LIMIT ?";

    /** Kept video copies, through the index (video_removed_at, video_stored_at), likewise. */
    static final String KEEPING_VIDEOS_SQL = "SELECT " + TASK_COLUMNS + " FROM video_task"
            + " WHERE video_removed_at IS NULL AND video_stored_at BETWEEN ? AND ?"
            + " ORDER BY video_removed_at, video_stored_at LIMIT ?";

    private static final String REPLACE = "UPDATE video_task SET status = ?, revision = ?, lease_holder = ?, "
            + String.join(" = ?, ", LIFECYCLE) + " = ?, change_number = " + JdbcTaskChanges.TAKEN
            + " WHERE id = ? AND revision = ?";

    private final Database database;
    private final TaskJson json;
    private final String holder;

    /**
     * @param dataSource a migrated database ({@link DatabaseMigrations#migrate}); pooled, for a server
     * @param holder     the gateway instance this store is opened for: it is recorded as the holder of every task
     *                   it adds, claims or changes ({@link VideoTasks})
     */
    public JdbcVideoTasks(DataSource dataSource, String holder) {
        this.database = new Database(dataSource);
        this.json = new TaskJson();
        this.holder = Objects.requireNonNull(holder, "holder");
    }

    /** A store opened by an instance of its own name (tools, tests). */
    public JdbcVideoTasks(DataSource dataSource) {
        this(dataSource, "store-" + java.util.UUID.randomUUID());
    }

    @Override
    public void add(VideoTask task, Idempotency idempotency, Instant firstCheckAt, ClientQuota quota) {
        try {
            database.inTransaction(connection -> {
                // Every add queues here, on every instance: the limits below are checked against committed tasks only.
                JdbcTaskChanges.take(connection);
                checkLimits(connection, task, quota);
                try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                    int i = 0;
                    insert.setString(++i, task.id().value());
                    insert.setString(++i, task.owner());
                    insert.setString(++i, task.status().name());
                    insert.setLong(++i, task.acceptedAt().toEpochMilli());
                    insert.setInt(++i, task.revision());
                    insert.setString(++i, json.request(task.request()));
                    i = setRequestSummary(insert, i, task.request());
                    i = setLifecycle(insert, i, task);
                    insert.setString(++i, idempotency == null ? null : idempotency.key());
                    insert.setString(++i, idempotency == null ? null : idempotency.requestFingerprint());
                    Database.setMillis(insert, ++i, firstCheckAt);
                    insert.setString(++i, holder);
                    insert.executeUpdate();
                }
                if (task.imagesRemovedAt() == null) {
                    insertImages(connection, task);
                }
                JdbcWebhookOutbox.write(connection, task);
                return null;
            });
        } catch (SQLException e) {
            if (Database.isIntegrityViolation(e)) {
                if (idempotency != null && findByIdempotencyKey(task.owner(), idempotency.key()).isPresent()) {
                    throw new IdempotencyKeyTaken(task.owner(), idempotency.key());
                }
                if (exists(task.id())) {
                    throw new IllegalStateException("task " + task.id() + " is already stored", e);
                }
            }
            throw Database.failure("store task " + task.id(), e);
        }
    }

    /**
     * Refuses the task ({@link OverLimit}) when its owner's limits do not allow it. Runs after {@link JdbcTaskChanges#take}
     * in the task's transaction, so no other add commits between the measure and the insert.
     */
    private static void checkLimits(Connection connection, VideoTask task, ClientQuota quota) throws SQLException {
        ClientLimits own = JdbcClients.limitsOf(connection, task.owner()).orElse(null);
        if (!quota.limits(own)) {
            return;
        }
        ClientUsage usage = JdbcClients.usage(connection, task.owner(),
                JdbcClients.monthStart(task.acceptedAt()));
        Optional<ClientQuota.Refusal> refusal = quota.check(own, usage,
                Charge.estimateOf(task, PriceLatencyTable.STANDARD), task.request().inlineImageBytes());
        if (refusal.isPresent()) {
            throw new OverLimit(refusal.get());
        }
    }

    /** The task's inline images in {@code task_image}: the blobs it needs kept. */
    private static void insertImages(Connection connection, VideoTask task) throws SQLException {
        List<String> blobs = TaskJson.inlineSha256s(task.request());
        if (blobs.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_IMAGE)) {
            for (String sha256 : blobs) {
                insert.setString(1, task.id().value());
                insert.setString(2, sha256);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @Override
    public Optional<VideoTask> find(TaskId id) {
        return database.query("read task " + id, "SELECT " + TASK_COLUMNS + " FROM video_task WHERE id = ?",
                statement -> statement.setString(1, id.value()),
                this::task).stream().findFirst();
    }

    /**
     * From {@link #STATUS_SQL}'s columns; a row stored before they were all written (no duration: before version 9)
     * is read whole, as {@link VideoTasks#statusOf} does.
     */
    @Override
    public Optional<TaskStatusView> statusOf(String owner, TaskId id) {
        List<Optional<TaskStatusView>> rows = database.query("read the status of task " + id, STATUS_SQL,
                statement -> {
                    statement.setString(1, id.value());
                    statement.setString(2, owner);
                },
                row -> statusView(owner, id, row));
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        return rows.get(0).or(() -> VideoTasks.super.statusOf(owner, id));
    }

    /** The status answer of one row of {@link #STATUS_SQL}; empty when the row lacks a column it needs. */
    private Optional<TaskStatusView> statusView(String owner, TaskId id, ResultSet row) throws SQLException {
        TaskStatus status = TaskStatus.valueOf(row.getString("status"));
        int duration = row.getInt("duration_seconds");
        boolean durationKnown = !row.wasNull();
        Instant endedAt = Database.millis(row, "ended_at");
        if (!durationKnown || status.isTerminal() != (endedAt != null)) {
            return Optional.empty();
        }
        String failureHistory = row.getString("failure_history");
        // Selected only for a Failure without a provider id: the one case where the history decides.
        boolean awaitsLateAnswer = failureHistory != null
                && VideoTask.awaitsLateSubmitAnswer(json.history(id, failureHistory), null);
        return Optional.of(new TaskStatusView(id, owner, status, Instant.ofEpochMilli(row.getLong("accepted_at")),
                endedAt, row.getString("error_message"), row.getString("video_location") != null,
                json.strings(id, row.getString("result_urls_json")), duration, awaitsLateAnswer));
    }

    @Override
    public Optional<IdempotentSubmit> findByIdempotencyKey(String owner, String key) {
        return database.query("look up an idempotency key of " + owner,
                "SELECT " + TASK_COLUMNS + ", request_fingerprint, submit_refusal_json FROM video_task"
                        + " WHERE owner = ? AND idempotency_key = ?",
                statement -> {
                    statement.setString(1, owner);
                    statement.setString(2, key);
                },
                row -> {
                    VideoTask task = task(row);
                    String refusal = row.getString("submit_refusal_json");
                    return new IdempotentSubmit(task, row.getString("request_fingerprint"),
                            refusal == null ? null : json.refusal(task.id(), refusal));
                }).stream().findFirst();
    }

    @Override
    public Map<TaskStatus, Long> countByStatus() {
        Map<TaskStatus, Long> counts = new java.util.EnumMap<>(TaskStatus.class);
        database.query("count tasks by status", "SELECT status, COUNT(*) FROM video_task GROUP BY status", statement -> { },
                row -> Map.entry(TaskStatus.valueOf(row.getString(1)), row.getLong(2)))
                .forEach(count -> counts.put(count.getKey(), count.getValue()));
        return counts;
    }

    @Override
    public void recordRefusal(TaskId id, Refusal refusal) {
        database.update("record the refusal of task " + id, "UPDATE video_task SET submit_refusal_json = ? WHERE id = ?",
                statement -> {
                    statement.setString(1, json.refusal(refusal));
                    statement.setString(2, id.value());
                });
    }

    /** Read from {@link #LIST_COLUMNS}: the request is neither parsed nor checked (but in rows from before version 10). */
    @Override
    public List<TaskSummary> list(String owner, TaskStatus status, PageCursor after, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return database.query("list the tasks of " + owner, listSql(status != null, after != null), statement -> {
            int i = 0;
            statement.setString(++i, owner);
            if (status != null) {
                statement.setString(++i, status.name());
            }
            if (after != null) {
                long at = after.acceptedAt().toEpochMilli();
                statement.setLong(++i, at);
                statement.setLong(++i, at);
                statement.setString(++i, after.id().value());
            }
            statement.setInt(++i, limit);
        }, this::summary);
    }

    /** An owner's page, newest first, optionally by status and after a cursor. */
    static String listSql(boolean byStatus, boolean afterCursor) {
        StringBuilder sql = new StringBuilder("SELECT ").append(LIST_COLUMNS).append(" FROM video_task WHERE owner = ?");
        if (byStatus) {
            sql.append(" AND status = ?");
        }
        if (afterCursor) {
            // Strictly after the cursor, newest first: an earlier time, or the same time and a smaller id.
            // The first term bounds the index range; the second picks within it.
            sql.append(" AND accepted_at <= ? AND (accepted_at < ? OR id < ?)");
        }
        // Owner and status are fixed, so ordering by them changes nothing, but it lets H2 see that the
        // index (owner[, status], accepted_at, id) read backwards gives the order: a page's rows read, not all.
        return sql.append(byStatus ? " ORDER BY owner DESC, status DESC" : " ORDER BY owner DESC")
                .append(", accepted_at DESC, id DESC LIMIT ?").toString();
    }

    @Override
    public boolean replace(VideoTask updated) {
        try {
            return database.inTransaction(connection -> {
                JdbcTaskChanges.take(connection);
                int written;
                try (PreparedStatement update = connection.prepareStatement(REPLACE)) {
                    int i = 0;
                    update.setString(++i, updated.status().name());
                    update.setInt(++i, updated.revision());
                    update.setString(++i, holder);
                    i = setLifecycle(update, i, updated);
                    update.setString(++i, updated.id().value());
                    update.setInt(++i, updated.revision() - 1);
                    written = update.executeUpdate();
                }
                if (written == 1) {
                    // The announcement of the change, in its transaction: never lost, never written twice.
                    JdbcWebhookOutbox.write(connection, updated);
                }
                if (written == 1 && updated.imagesRemovedAt() != null) {
                    // The task lets its images go: no longer a reason to keep their blobs.
                    try (PreparedStatement release = connection.prepareStatement(
                            "DELETE FROM task_image WHERE task_id = ?")) {
                        release.setString(1, updated.id().value());
                        release.executeUpdate();
                    }
                }
                return written == 1;
            });
        } catch (SQLException e) {
            throw Database.failure("write task " + updated.id(), e);
        }
    }

    @Override
    public List<Check> due(Instant now, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return database.query("find due checks", DUE_SQL,
                statement -> {
                    statement.setLong(1, Long.MIN_VALUE);
                    statement.setLong(2, now.toEpochMilli());
                    statement.setInt(3, limit);
                },
                JdbcVideoTasks::check);
    }

    @Override
    public Optional<Check> checkOf(TaskId id) {
        return database.query("read the check of task " + id,
                "SELECT id, next_check_at, check_attempts, lease_holder FROM video_task"
                        + " WHERE id = ? AND next_check_at IS NOT NULL",
                statement -> statement.setString(1, id.value()),
                JdbcVideoTasks::check).stream().findFirst();
    }

    @Override
    public boolean claim(Check check, Instant until) {
        return database.update("claim the check of task " + check.id(),
                "UPDATE video_task SET next_check_at = ?, lease_holder = ? WHERE id = ? AND next_check_at = ?",
                statement -> {
                    statement.setLong(1, until.toEpochMilli());
                    statement.setString(2, holder);
                    statement.setString(3, check.id().value());
                    statement.setLong(4, check.dueAt().toEpochMilli());
                }) == 1;
    }

    @Override
    public List<Check> claimDue(Instant now, int limit, Instant until) {
        if (limit <= 0) {
            return List.of();
        }
        if (!database.isPostgres()) {
            // H2 serves one server and its CLI processes: each due check is claimed by compare-and-set, and one that
            // another process took first is left to it.
            return due(now, limit).stream().filter(check -> claim(check, until)).toList();
        }
        return database.query("claim due checks", CLAIM_DUE_POSTGRES, statement -> {
            statement.setLong(1, Long.MIN_VALUE);
            statement.setLong(2, now.toEpochMilli());
            statement.setInt(3, limit);
            statement.setLong(4, until.toEpochMilli());
            statement.setString(5, holder);
        }, JdbcVideoTasks::check).stream().sorted(java.util.Comparator.comparing(Check::dueAt)).toList();
    }

    @Override
    public int releaseLeasesOf(String deadHolder, Instant now) {
        return database.update("hand on the leases of instance " + deadHolder,
                "UPDATE video_task SET next_check_at = ? WHERE lease_holder = ? AND next_check_at > ?", statement -> {
                    statement.setLong(1, now.toEpochMilli());
                    statement.setString(2, deadHolder);
                    statement.setLong(3, now.toEpochMilli());
                });
    }

    @Override
    public void renewSubmitLeases(java.util.Collection<TaskId> ids, Instant until) {
        for (TaskId id : ids) {
            database.update("renew the lease of the submit of task " + id, "UPDATE video_task SET next_check_at = ?"
                    + " WHERE id = ? AND status = ? AND lease_holder = ? AND next_check_at IS NOT NULL", statement -> {
                        statement.setLong(1, until.toEpochMilli());
                        statement.setString(2, id.value());
                        statement.setString(3, TaskStatus.SUBMITTING.name());
                        statement.setString(4, holder);
                    });
        }
    }

    @Override
    public void schedule(TaskId id, Instant at, int attempts) {
        database.update("schedule task " + id, "UPDATE video_task SET next_check_at = ?, check_attempts = ? WHERE id = ?",
                statement -> {
                    Database.setMillis(statement, 1, at);
                    statement.setInt(2, attempts);
                    statement.setString(3, id.value());
                });
    }

    @Override
    public boolean refersToImage(String sha256) {
        return !database.query("look up the tasks that refer to image " + sha256,
                "SELECT task_id FROM task_image WHERE sha256 = ? LIMIT 1",
                statement -> statement.setString(1, sha256), row -> row.getString(1)).isEmpty();
    }

    @Override
    public List<VideoTask> keepingImagesEndedBefore(Instant before, int limit) {
        return limit <= 0 ? List.of() : database.query("find the tasks whose images retention removes", KEEPING_IMAGES_SQL,
                statement -> setBefore(statement, before, limit), this::task);
    }

    @Override
    public List<VideoTask> keepingVideosStoredBefore(Instant before, int limit) {
        return limit <= 0 ? List.of() : database.query("find the videos retention removes", KEEPING_VIDEOS_SQL,
                statement -> setBefore(statement, before, limit), this::task);
    }

    /** From the earliest time on (the lower bound skips NULLs in H2's index), strictly before {@code before}. */
    private static void setBefore(PreparedStatement statement, Instant before, int limit) throws SQLException {
        statement.setLong(1, Long.MIN_VALUE);
        statement.setLong(2, before.toEpochMilli() - 1);
        statement.setInt(3, limit);
    }

    // --- rows ----------------------------------------------------------------------------------------

    /** What a status answer and a list show of the request, in the order of {@link #REQUEST_SUMMARY}. */
    private int setRequestSummary(PreparedStatement statement, int index, VideoRequest request) throws SQLException {
        int i = index;
        statement.setInt(++i, request.duration());
        statement.setString(++i, request.modelName());
        statement.setString(++i, json.prompt(request.prompt()));
        statement.setString(++i, request.resolution().wire());
        statement.setString(++i, request.aspectRatio().wire());
        statement.setString(++i, json.images(request.references().allImages()));
        statement.setLong(++i, request.inlineImageBytes());
        return i;
    }

    /** The columns a task's life changes, in the order of {@link #LIFECYCLE}. */
    private int setLifecycle(PreparedStatement statement, int index, VideoTask task) throws SQLException {
        int i = index;
        statement.setString(++i, json.history(task.history()));
        statement.setString(++i, task.providerTaskId());
        statement.setString(++i, json.strings(task.resultUrls()));
        statement.setString(++i, task.errorMessage());
        StoredVideo video = task.video();
        statement.setString(++i, video == null ? null : video.location());
        if (video == null) {
            statement.setNull(++i, Types.BIGINT);
        } else {
            statement.setLong(++i, video.sizeBytes());
        }
        statement.setString(++i, video == null ? null : video.sha256());
        Database.setMillis(statement, ++i, video == null ? null : video.storedAt());
        Database.setMillis(statement, ++i, video == null ? null : video.removedAt());
        statement.setString(++i, task.videoProblem());
        Database.setMillis(statement, ++i, task.imagesRemovedAt());
        Database.setMillis(statement, ++i, task.endedAt().orElse(null));
        Charge charge = Charge.of(task, PriceLatencyTable.STANDARD);
        statement.setBigDecimal(++i, charge.amountCny());
        statement.setString(++i, charge.state().name());
        statement.setString(++i, FailureCode.of(task).map(FailureCode::code).orElse(null));
        statement.setString(++i, task.providerOutcome() == null ? null : task.providerOutcome().name());
        return i;
    }

    private static TaskStatus providerOutcome(String stored) {
        return stored == null ? null : TaskStatus.valueOf(stored);
    }

    private VideoTask task(ResultSet row) throws SQLException {
        return task(row, row.getString("request_json"));
    }

    /** The whole task of {@code row} (the columns of {@link #TASK_COLUMNS}), {@code request} parsed and checked. */
    private VideoTask task(ResultSet row, String request) throws SQLException {
        TaskId id = new TaskId(row.getString("id"));
        if (request == null) {
            throw new IllegalStateException("task " + id + " has no stored request");
        }
        return new VideoTask(
                id,
                row.getString("owner"),
                json.request(id, request, CATALOGUE),
                json.history(id, row.getString("history_json")),
                row.getString("provider_task_id"),
                json.strings(id, row.getString("result_urls_json")),
                row.getString("error_message"),
                video(row),
                row.getString("video_problem"),
                row.getInt("revision"),
                Database.millis(row, "images_removed_at"),
                providerOutcome(row.getString("provider_outcome")));
    }

    /**
     * The list line of one row of {@link #listSql}, from its columns. A row stored before version 10 has no request
     * columns (NULL): it is read whole, its request parsed and checked, as every list read did before. The columns of
     * old rows are not filled in by a Java migration, because a gateway of an earlier version may still add rows without
     * them during a rolling upgrade (decision 13): the fallback is needed anyway, and old rows list as fast as they
     * always did.
     */
    private TaskSummary summary(ResultSet row) throws SQLException {
        String oldRequest = row.getString("old_request_json");
        if (oldRequest != null) {
            return task(row, oldRequest).summary();
        }
        TaskId id = new TaskId(row.getString("id"));
        String resolution = row.getString("resolution");
        String aspectRatio = row.getString("aspect_ratio");
        return new TaskSummary(
                id,
                json.history(id, row.getString("history_json")),
                row.getString("provider_task_id"),
                row.getString("model"),
                json.prompt(id, row.getString("prompt_json")),
                row.getInt("duration_seconds"),
                Resolution.fromWire(resolution).orElseThrow(() -> new IllegalStateException(
                        "task " + id + " has a resolution this gateway does not know: " + resolution)),
                AspectRatio.fromWire(aspectRatio).orElseThrow(() -> new IllegalStateException(
                        "task " + id + " has an aspect ratio this gateway does not know: " + aspectRatio)),
                json.images(id, row.getString("images_json")),
                Database.millis(row, "images_removed_at"),
                json.strings(id, row.getString("result_urls_json")),
                row.getString("error_message"),
                video(row),
                row.getString("video_problem"));
    }

    private static StoredVideo video(ResultSet row) throws SQLException {
        String location = row.getString("video_location");
        return location == null ? null : new StoredVideo(location, row.getLong("video_size_bytes"),
                row.getString("video_sha256"), Instant.ofEpochMilli(row.getLong("video_stored_at")),
                Database.millis(row, "video_removed_at"));
    }

    private static Check check(ResultSet row) throws SQLException {
        return new Check(new TaskId(row.getString("id")), Instant.ofEpochMilli(row.getLong("next_check_at")),
                row.getInt("check_attempts"), row.getString("lease_holder"));
    }

    private boolean exists(TaskId id) {
        return !database.query("look up task " + id, "SELECT id FROM video_task WHERE id = ?",
                statement -> statement.setString(1, id.value()), row -> row.getString(1)).isEmpty();
    }
}
