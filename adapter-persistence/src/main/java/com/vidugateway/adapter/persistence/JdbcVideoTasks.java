package com.vidugateway.adapter.persistence;

import com.vidugateway.application.port.out.VideoTasks;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.task.StoredVideo;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import java.io.IOException;
import java.io.Reader;
import java.lang.ref.SoftReference;
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
 * life changes (status, history, provider id, results, video), never the request, which can be hundreds of
 * megabytes of inline images and is streamed in and out of its large-object column.
 *
 * <p>Database failures surface as {@link IllegalStateException}s naming the operation.
 */
public final class JdbcVideoTasks implements VideoTasks {

    /** Every stored request is read back through the full catalogue: offering fewer models hides no task. */
    private static final ModelCatalogue CATALOGUE = ModelCatalogue.STANDARD;

    /** Without the request: it is read (or found in {@link #requests}) on its own, see {@link #request}. */
    private static final String TASK_COLUMNS = "id, owner, revision, history_json, provider_task_id,"
            + " result_urls_json, error_message, video_location, video_size_bytes, video_sha256, video_stored_at,"
            + " video_problem";

    private static final String INSERT = "INSERT INTO video_task (id, owner, status, accepted_at, revision,"
            + " request_json, history_json, provider_task_id, result_urls_json, error_message, video_location,"
            + " video_size_bytes, video_sha256, video_stored_at, video_problem, idempotency_key, request_fingerprint,"
            + " next_check_at, check_attempts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)";

    /**
     * The lower bound changes nothing but keeps H2 from walking every task without a check: its index puts
     * NULLs first.
     */
    static final String DUE_SQL = "SELECT id, next_check_at, check_attempts FROM video_task"
            + " WHERE next_check_at BETWEEN ? AND ? ORDER BY next_check_at LIMIT ?";

    private static final String REPLACE = "UPDATE video_task SET status = ?, revision = ?, history_json = ?,"
            + " provider_task_id = ?, result_urls_json = ?, error_message = ?, video_location = ?,"
            + " video_size_bytes = ?, video_sha256 = ?, video_stored_at = ?, video_problem = ?"
            + " WHERE id = ? AND revision = ?";

    private final DataSource dataSource;

    /**
     * Requests already parsed, by task id. A request never changes once stored, and it can be hundreds of
     * megabytes: the process that stored it (or read it once) hands out the same object instead of reading,
     * copying and checking it again — a status read or a sync round must not double a large submit's memory.
     * Soft references: the collector may drop them whenever memory is needed.
     */
    private final Map<TaskId, SoftReference<VideoRequest>> requests = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<TaskId, SoftReference<VideoRequest>> eldest) {
                    return size() > 1000;
                }
            });

    /** @param dataSource a migrated database ({@link DatabaseMigrations#migrate}); pooled, for a server */
    public JdbcVideoTasks(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public void add(VideoTask task, Idempotency idempotency, Instant firstCheckAt) {
        try {
            run(connection -> {
                try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                    int i = 0;
                    insert.setString(++i, task.id().value());
                    insert.setString(++i, task.owner());
                    insert.setString(++i, task.status().name());
                    insert.setLong(++i, task.acceptedAt().toEpochMilli());
                    insert.setInt(++i, task.revision());
                    // Streamed: inline images are escaped as the driver reads, never copied whole.
                    insert.setCharacterStream(++i, TaskJson.request(task.request()).reader());
                    i = setLifecycle(insert, i, task);
                    insert.setString(++i, idempotency == null ? null : idempotency.key());
                    insert.setString(++i, idempotency == null ? null : idempotency.requestFingerprint());
                    setMillis(insert, ++i, firstCheckAt);
                    return insert.executeUpdate();
                }
            });
            requests.put(task.id(), new SoftReference<>(task.request()));
        } catch (SQLException e) {
            if (isIntegrityViolation(e)) {
                if (idempotency != null && findByIdempotencyKey(task.owner(), idempotency.key()).isPresent()) {
                    throw new IdempotencyKeyTaken(task.owner(), idempotency.key());
                }
                if (exists(task.id())) {
                    throw new IllegalStateException("task " + task.id() + " is already stored", e);
                }
            }
            throw failure("store task " + task.id(), e);
        } catch (IOException e) {
            throw failure("store task " + task.id(), e);
        }
    }

    @Override
    public Optional<VideoTask> find(TaskId id) {
        return query("read task " + id, "SELECT " + TASK_COLUMNS + " FROM video_task WHERE id = ?",
                statement -> statement.setString(1, id.value()),
                this::task).stream().findFirst();
    }

    @Override
    public Optional<IdempotentSubmit> findByIdempotencyKey(String owner, String key) {
        return query("look up an idempotency key of " + owner,
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
                            refusal == null ? null : TaskJson.refusal(task.id(), refusal));
                }).stream().findFirst();
    }

    @Override
    public Map<TaskStatus, Long> countByStatus() {
        Map<TaskStatus, Long> counts = new java.util.EnumMap<>(TaskStatus.class);
        query("count tasks by status", "SELECT status, COUNT(*) FROM video_task GROUP BY status", statement -> { },
                row -> Map.entry(TaskStatus.valueOf(row.getString(1)), row.getLong(2)))
                .forEach(count -> counts.put(count.getKey(), count.getValue()));
        return counts;
    }

    @Override
    public void recordRefusal(TaskId id, Refusal refusal) {
        update("record the refusal of task " + id, "UPDATE video_task SET submit_refusal_json = ? WHERE id = ?",
                statement -> {
                    statement.setString(1, TaskJson.refusal(refusal));
                    statement.setString(2, id.value());
                });
    }

    @Override
    public List<VideoTask> list(String owner, TaskStatus status, PageCursor after, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return query("list the tasks of " + owner, listSql(status != null, after != null), statement -> {
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
        }, this::task);
    }

    /** An owner's page, newest first, optionally by status and after a cursor. */
    static String listSql(boolean byStatus, boolean afterCursor) {
        StringBuilder sql = new StringBuilder("SELECT ").append(TASK_COLUMNS).append(" FROM video_task WHERE owner = ?");
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
            return run(connection -> {
                try (PreparedStatement update = connection.prepareStatement(REPLACE)) {
                    int i = 0;
                    update.setString(++i, updated.status().name());
                    update.setInt(++i, updated.revision());
                    i = setLifecycle(update, i, updated);
                    update.setString(++i, updated.id().value());
                    update.setInt(++i, updated.revision() - 1);
                    return update.executeUpdate();
                }
            }) == 1;
        } catch (SQLException | IOException e) {
            throw failure("write task " + updated.id(), e);
        }
    }

    @Override
    public List<Check> due(Instant now, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return query("find due checks", DUE_SQL,
                statement -> {
                    statement.setLong(1, Long.MIN_VALUE);
                    statement.setLong(2, now.toEpochMilli());
                    statement.setInt(3, limit);
                },
                JdbcVideoTasks::check);
    }

    @Override
    public Optional<Check> checkOf(TaskId id) {
        return query("read the check of task " + id,
                "SELECT id, next_check_at, check_attempts FROM video_task WHERE id = ? AND next_check_at IS NOT NULL",
                statement -> statement.setString(1, id.value()),
                JdbcVideoTasks::check).stream().findFirst();
    }

    @Override
    public boolean claim(Check check, Instant until) {
        return update("claim the check of task " + check.id(),
                "UPDATE video_task SET next_check_at = ? WHERE id = ? AND next_check_at = ?", statement -> {
                    statement.setLong(1, until.toEpochMilli());
                    statement.setString(2, check.id().value());
                    statement.setLong(3, check.dueAt().toEpochMilli());
                }) == 1;
    }

    @Override
    public void schedule(TaskId id, Instant at, int attempts) {
        update("schedule task " + id, "UPDATE video_task SET next_check_at = ?, check_attempts = ? WHERE id = ?",
                statement -> {
                    setMillis(statement, 1, at);
                    statement.setInt(2, attempts);
                    statement.setString(3, id.value());
                });
    }

    // --- rows ----------------------------------------------------------------------------------------

    /** The columns a task's life changes, from {@code provider_task_id} to {@code video_problem}. */
    private static int setLifecycle(PreparedStatement statement, int index, VideoTask task) throws SQLException {
        int i = index;
        statement.setString(++i, TaskJson.history(task.history()));
        statement.setString(++i, task.providerTaskId());
        statement.setString(++i, TaskJson.strings(task.resultUrls()));
        statement.setString(++i, task.errorMessage());
        StoredVideo video = task.video();
        statement.setString(++i, video == null ? null : video.location());
        if (video == null) {
            statement.setNull(++i, Types.BIGINT);
        } else {
            statement.setLong(++i, video.sizeBytes());
        }
        statement.setString(++i, video == null ? null : video.sha256());
        setMillis(statement, ++i, video == null ? null : video.storedAt());
        statement.setString(++i, task.videoProblem());
        return i;
    }

    private VideoTask task(ResultSet row) throws SQLException, IOException {
        TaskId id = new TaskId(row.getString("id"));
        VideoRequest request = request(id);
        String location = row.getString("video_location");
        StoredVideo video = location == null ? null : new StoredVideo(location, row.getLong("video_size_bytes"),
                row.getString("video_sha256"), Instant.ofEpochMilli(row.getLong("video_stored_at")));
        return new VideoTask(
                id,
                row.getString("owner"),
                request,
                TaskJson.history(id, row.getString("history_json")),
                row.getString("provider_task_id"),
                TaskJson.strings(id, row.getString("result_urls_json")),
                row.getString("error_message"),
                video,
                row.getString("video_problem"),
                row.getInt("revision"));
    }

    private VideoRequest request(TaskId id) {
        SoftReference<VideoRequest> cached = requests.get(id);
        VideoRequest request = cached == null ? null : cached.get();
        if (request != null) {
            return request;
        }
        List<VideoRequest> read = query("read the request of task " + id,
                "SELECT request_json FROM video_task WHERE id = ?",
                statement -> statement.setString(1, id.value()),
                row -> readRequest(id, row));
        if (read.isEmpty()) {
            throw new IllegalStateException("task " + id + " has no stored request");
        }
        requests.put(id, new SoftReference<>(read.get(0)));
        return read.get(0);
    }

    private static VideoRequest readRequest(TaskId id, ResultSet row)
            throws SQLException, IOException {
        try (Reader text = row.getCharacterStream("request_json")) {
            if (text == null) {
                throw new IllegalStateException("task " + id + " has no stored request");
            }
            return TaskJson.request(id, text, CATALOGUE);
        }
    }

    private static Check check(ResultSet row) throws SQLException {
        return new Check(new TaskId(row.getString("id")), Instant.ofEpochMilli(row.getLong("next_check_at")),
                row.getInt("check_attempts"));
    }

    private static void setMillis(PreparedStatement statement, int index, Instant at) throws SQLException {
        if (at == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, at.toEpochMilli());
        }
    }

    private boolean exists(TaskId id) {
        return !query("look up task " + id, "SELECT id FROM video_task WHERE id = ?",
                statement -> statement.setString(1, id.value()), row -> row.getString(1)).isEmpty();
    }

    // --- JDBC plumbing -------------------------------------------------------------------------------

    private interface Work<T> {
        T run(Connection connection) throws SQLException, IOException;
    }

    private interface Parameters {
        void set(PreparedStatement statement) throws SQLException;
    }

    private interface RowMapper<T> {
        T map(ResultSet row) throws SQLException, IOException;
    }

    /** One unit of work on its own connection; committed when the connection is not in auto-commit. */
    private <T> T run(Work<T> work) throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            boolean manual = !connection.getAutoCommit();
            try {
                T result = work.run(connection);
                if (manual) {
                    connection.commit();
                }
                return result;
            } catch (SQLException | IOException | RuntimeException e) {
                if (manual) {
                    connection.rollback();
                }
                throw e;
            }
        }
    }

    private <T> List<T> query(String what, String sql, Parameters parameters, RowMapper<T> mapper) {
        try {
            return run(connection -> {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    parameters.set(statement);
                    try (ResultSet rows = statement.executeQuery()) {
                        List<T> found = new ArrayList<>();
                        while (rows.next()) {
                            found.add(mapper.map(rows));
                        }
                        return found;
                    }
                }
            });
        } catch (SQLException | IOException e) {
            throw failure(what, e);
        }
    }

    private int update(String what, String sql, Parameters parameters) {
        try {
            return run(connection -> {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    parameters.set(statement);
                    return statement.executeUpdate();
                }
            });
        } catch (SQLException | IOException e) {
            throw failure(what, e);
        }
    }

    /** SQLState class 23: a constraint (here: the primary key or the owner's idempotency key) refused the row. */
    private static boolean isIntegrityViolation(SQLException e) {
        for (SQLException next = e; next != null; next = next.getNextException()) {
            if (next.getSQLState() != null && next.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    private static IllegalStateException failure(String what, Exception e) {
        return new IllegalStateException("the task store could not " + what + ": " + e.getMessage(), e);
    }
}
