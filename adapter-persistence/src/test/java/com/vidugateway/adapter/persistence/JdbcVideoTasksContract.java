package com.vidugateway.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vidugateway.application.port.out.VideoTasks;
import com.vidugateway.application.port.out.VideoTasksContract;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.image.ReferenceImage;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.request.VideoRequestDraft;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The port's contract, plus what only a database can get wrong: large requests, text that needs escaping,
 * stored rows that no longer pass the rules, migrations run again.
 */
abstract class JdbcVideoTasksContract extends VideoTasksContract {

    /** The migrated database behind {@link #store()}. */
    protected abstract DataSource dataSource();

    @Test
    void a_request_with_a_20_mb_inline_image_comes_back_exactly() {
        String dataUri = png(15 * 1024 * 1024);
        assertThat(dataUri.length()).isGreaterThan(20_000_000);
        VideoRequest request = VideoRequest.from(VideoRequestDraft.builder().model("viduq2")
                .images(dataUri, "https://example.com/cat.jpg").prompt("a big one").build(), ModelCatalogue.STANDARD).value();
        VideoTask task = VideoTask.accept(new TaskId("big-1"), "alice", request, T0);

        store().add(task, null, null);
        VideoTask found = store().find(task.id()).orElseThrow();

        assertThat(found).isEqualTo(task);
        assertThat(((ReferenceImage.InlineImage) found.request().references().allImages().get(0)).dataUri())
                .isEqualTo(dataUri);
    }

    @Test
    void text_that_json_must_escape_comes_back_exactly() {
        String prompt = "quotes \" and \\ backslashes, \n new\r\nlines\t tabs, \u0001 controls, emoji 🎬, "
                + "a lone surrogate \ud800 and </script>";
        VideoRequest request = VideoRequest.from(VideoRequestDraft.builder().model("viduq2")
                .images("https://example.com/a b.jpg".replace(" ", "%20")).prompt(prompt).build(),
                ModelCatalogue.STANDARD).value();
        VideoTask task = VideoTask.accept(new TaskId("esc-1"), "alice \"quoted\"", request, T0);
        store().add(task, new VideoTasks.Idempotency("key \"1\" \\", "0".repeat(64)), null);
        VideoTask failed = task.failed("the provider said: \"no\" \\ twice\n", T0.plusSeconds(1));
        assertThat(store().replace(failed)).isTrue();

        assertThat(store().find(task.id())).contains(failed);
        assertThat(store().findByIdempotencyKey("alice \"quoted\"", "key \"1\" \\"))
                .contains(new VideoTasks.IdempotentSubmit(failed, "0".repeat(64)));
    }

    @Test
    void a_history_that_went_back_and_forth_comes_back_in_order() {
        VideoTask task = task("loop-1", "alice", T0);
        store().add(task, null, null);
        VideoTask lived = task;
        for (int i = 1; i <= 3; i++) {
            lived = lived.moveTo(TaskStatus.SUBMITTING, T0.plusMillis(10L * i));
            assertThat(store().replace(lived)).isTrue();
            lived = lived.moveTo(TaskStatus.ACCEPTED, T0.plusMillis(10L * i + 1));
            assertThat(store().replace(lived)).isTrue();
        }

        assertThat(store().find(task.id())).contains(lived);
        assertThat(store().find(task.id()).orElseThrow().history()).hasSize(7);
    }

    @Test
    void a_task_id_cannot_be_stored_twice() {
        store().add(task("dup-1", "alice", T0), null, null);

        assertThatThrownBy(() -> store().add(task("dup-1", "bob", T0), new VideoTasks.Idempotency("k", "f".repeat(64)), null))
                .isInstanceOf(IllegalStateException.class)
                .isNotInstanceOf(VideoTasks.IdempotencyKeyTaken.class)
                .hasMessageContaining("dup-1");
        assertThat(store().find(new TaskId("dup-1")).orElseThrow().owner()).isEqualTo("alice");
        assertThat(store().findByIdempotencyKey("bob", "k")).isEmpty();
    }

    @Test
    void a_stored_request_that_no_longer_passes_the_rules_is_reported_with_the_task_and_the_rule() throws SQLException {
        store().add(task("old-1", "alice", T0), null, null);
        execute("UPDATE video_task SET request_json = ? WHERE id = 'old-1'",
                "{\"model\":\"vidu-1999\",\"input\":{\"images\":[\"https://example.com/cat.jpg\"],\"prompt\":\"p\"},"
                        + "\"parameters\":{\"duration\":4,\"seed\":0,\"aspect_ratio\":\"16:9\",\"resolution\":\"720p\","
                        + "\"movement_amplitude\":\"auto\",\"bgm\":false,\"audio\":false}}");

        // Read as another process would: this store keeps the request it wrote and never reads it back.
        assertThatThrownBy(() -> new JdbcVideoTasks(dataSource()).find(new TaskId("old-1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("old-1")
                .hasMessageContaining("model")
                .hasMessageContaining("vidu-1999");
    }

    @Test
    void a_stored_request_that_is_not_json_is_reported_with_the_task() throws SQLException {
        store().add(task("bad-1", "alice", T0), null, null);
        execute("UPDATE video_task SET request_json = ? WHERE id = 'bad-1'", "{\"model\": \"viduq2\", ");

        assertThatThrownBy(() -> new JdbcVideoTasks(dataSource()).find(new TaskId("bad-1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bad-1")
                .hasMessageContaining("malformed JSON");
    }

    @Test
    void another_process_reads_the_request_from_the_database_and_the_writer_hands_out_the_one_it_wrote() {
        VideoTasks writer = store();
        writer.add(task("shared-1", "alice", T0), null, null);
        VideoTask written = writer.find(new TaskId("shared-1")).orElseThrow();

        VideoTask readElsewhere = new JdbcVideoTasks(dataSource()).find(new TaskId("shared-1")).orElseThrow();

        assertThat(readElsewhere).isEqualTo(written);
        assertThat(readElsewhere.request()).isNotSameAs(written.request());
        assertThat(writer.find(new TaskId("shared-1")).orElseThrow().request()).isSameAs(written.request());
    }

    @Test
    void migrating_again_changes_nothing() throws SQLException {
        VideoTask task = task("m-1", "alice", T0);
        store().add(task, null, T0);
        int applied = appliedMigrations();

        DatabaseMigrations.migrate(dataSource());
        DatabaseMigrations.migrate(dataSource());

        assertThat(appliedMigrations()).isEqualTo(applied).isPositive();
        assertThat(store().find(task.id())).contains(task);
        assertThat(store().checkOf(task.id())).contains(new VideoTasks.Check(task.id(), T0, 0));
    }

    @Test
    void a_replace_writes_nothing_when_the_revision_moved_on_even_with_equal_content() {
        VideoTask task = task("cas-1", "alice", T0);
        store().add(task, null, null);
        VideoTask moved = task.moveTo(TaskStatus.SUBMITTING, T0.plusSeconds(1));
        assertThat(store().replace(moved)).isTrue();

        // Same revision number, other content: still refused, the stored one stays.
        VideoTask rival = task.failed("rival", T0.plusSeconds(1));
        assertThat(rival.revision()).isEqualTo(moved.revision());
        assertThat(store().replace(rival)).isFalse();
        assertThat(store().find(task.id())).contains(moved);
    }

    /** Rows in Flyway's history: one per migration applied (and, on H2, one for the schema it found). */
    private int appliedMigrations() throws SQLException {
        try (Connection connection = dataSource().getConnection();
             PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM \"flyway_schema_history\"");
             ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private void execute(String sql, String parameter) throws SQLException {
        try (Connection connection = dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            statement.executeUpdate();
        }
    }

    /** A PNG of {@code size} bytes: a 200×150 header, then zeros (only the header is ever inspected). */
    static String png(int size) {
        byte[] png = new byte[size];
        byte[] head = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R',
            0, 0, 0, (byte) 200, 0, 0, 0, (byte) 150};
        System.arraycopy(head, 0, png, 0, head.length);
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }
}
