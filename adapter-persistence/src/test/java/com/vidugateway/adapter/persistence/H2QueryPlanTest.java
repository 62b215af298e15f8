package com.vidugateway.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.request.VideoRequestDraft;
import com.vidugateway.domain.task.StoredVideo;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A page costs its own rows, whatever the store holds: H2 reads the page through an index in the page's
 * order instead of reading an owner's every task and sorting them. (H2 only takes an index for ORDER BY
 * when the query orders by its leading columns too; these tests catch a query that forgets.)
 */
class H2QueryPlanTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123Z");
    private static final int TASKS = 400;

    @RegisterExtension
    final H2File database = new H2File();

    private JdbcConnectionPool pool;

    @BeforeEach
    void fill() throws SQLException {
        pool = database.dataSource();
        JdbcVideoTasks store = new JdbcVideoTasks(pool);
        VideoRequest request = VideoRequest.from(VideoRequestDraft.builder().model("viduq2")
                .images("https://example.com/cat.jpg").prompt("p").build(), ModelCatalogue.STANDARD).value();
        for (int i = 0; i < TASKS; i++) {
            Instant at = T0.plusSeconds(i);
            VideoTask task = VideoTask.accept(new TaskId("t-" + i), "owner-" + (i % 4), request, at);
            // Stored as they end up (a task is added in any state): a third failed, a third with a video copy.
            // The earlier half let their images and videos go, as retention leaves a store: queries must skip them.
            boolean retained = i < TASKS / 2;
            if (i % 3 == 0) {
                task = task.failed("no", at);
                task = retained ? task.withImagesRemoved(T0.plusSeconds(TASKS)) : task;
            } else if (i % 3 == 2) {
                task = task.moveTo(TaskStatus.SUBMITTING, at).submitted("p-" + i, at)
                        .observed(TaskStatus.SUCCESS, List.of("https://cdn.example/v.mp4"), null, at)
                        .withVideo(new StoredVideo("t-" + i + ".mp4", 10, "ab".repeat(32), at));
                task = retained ? task.withVideoRemoved(T0.plusSeconds(TASKS)) : task;
            }
            store.add(task, null, i % 2 == 0 ? null : at);
        }
        try (Connection connection = pool.getConnection()) {
            connection.createStatement().execute("ANALYZE");
        }
    }

    @Test
    void a_first_page_reads_only_its_rows() throws SQLException {
        assertThat(plan(JdbcVideoTasks.listSql(false, false), "owner-1", 20))
                .contains("IX_VIDEO_TASK_OWNER_ACCEPTED", "index sorted", "scanCount: 20 ");
    }

    @Test
    void a_page_after_a_cursor_reads_only_its_rows() throws SQLException {
        long at = T0.plusSeconds(201).toEpochMilli();
        // The cursor's own row is read too (the range starts at its time), then the page.
        assertThat(plan(JdbcVideoTasks.listSql(false, true), "owner-1", at, at, "t-201", 20))
                .contains("IX_VIDEO_TASK_OWNER_ACCEPTED", "index sorted", "scanCount: 21 ");
    }

    @Test
    void a_page_by_status_reads_only_its_rows() throws SQLException {
        long at = T0.plusSeconds(301).toEpochMilli();
        assertThat(plan(JdbcVideoTasks.listSql(true, false), "owner-1", TaskStatus.FAILURE.name(), 5))
                .contains("IX_VIDEO_TASK_OWNER_STATUS_ACCEPTED", "index sorted", "scanCount: 5 ");
        assertThat(plan(JdbcVideoTasks.listSql(true, true), "owner-1", TaskStatus.ACCEPTED.name(), at, at, "t-301", 5))
                .contains("IX_VIDEO_TASK_OWNER_STATUS_ACCEPTED", "index sorted", "scanCount: 6 ");
    }

    @Test
    void due_checks_skip_the_tasks_without_one() throws SQLException {
        assertThat(plan(JdbcVideoTasks.DUE_SQL, Long.MIN_VALUE, T0.plusSeconds(TASKS).toEpochMilli(), 10))
                .contains("IX_VIDEO_TASK_NEXT_CHECK", "index sorted", "scanCount: 10 ");
    }

    @Test
    void retention_skips_the_tasks_whose_images_are_gone_and_those_still_running() throws SQLException {
        long before = T0.plusSeconds(TASKS).toEpochMilli();
        assertThat(plan(JdbcVideoTasks.KEEPING_IMAGES_SQL, Long.MIN_VALUE, before, 10))
                .contains("IX_VIDEO_TASK_IMAGES_ENDED", "index sorted", "scanCount: 10 ");
    }

    @Test
    void retention_skips_the_videos_already_removed_and_the_tasks_without_one() throws SQLException {
        long before = T0.plusSeconds(TASKS).toEpochMilli();
        assertThat(plan(JdbcVideoTasks.KEEPING_VIDEOS_SQL, Long.MIN_VALUE, before, 10))
                .contains("IX_VIDEO_TASK_VIDEO_STORED", "index sorted", "scanCount: 10 ");
    }

    /** The change feed is read five times a second by every server: it must cost the new changes, not the store. */
    @Test
    void the_change_feed_reads_only_the_changes_after_its_position() throws SQLException {
        long latest = new JdbcTaskChanges(pool).latest();
        assertThat(latest).isEqualTo(TASKS);

        // Five changes: H2 counts the position's own row and the end of the range too.
        assertThat(plan(JdbcTaskChanges.AFTER_SQL, latest - 5, 100))
                .contains("IX_VIDEO_TASK_CHANGE_NUMBER", "index sorted", "scanCount: 7 ");
    }

    @Test
    void a_status_answer_reads_one_row() throws SQLException {
        assertThat(plan(JdbcVideoTasks.STATUS_SQL, "t-7", "owner-3")).contains("PRIMARY_KEY", "scanCount: 2 ");
    }

    private String plan(String sql, Object... parameters) throws SQLException {
        try (Connection connection = pool.getConnection();
             PreparedStatement explain = connection.prepareStatement("EXPLAIN ANALYZE " + sql)) {
            for (int i = 0; i < parameters.length; i++) {
                explain.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = explain.executeQuery()) {
                rows.next();
                return rows.getString(1).replaceAll("\\s+", " ");
            }
        }
    }
}
