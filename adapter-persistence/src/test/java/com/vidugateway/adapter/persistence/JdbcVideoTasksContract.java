package com.vidugateway.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vidugateway.application.port.out.GatewayInstances;
import com.vidugateway.application.port.out.ProviderCallSlots;
import com.vidugateway.application.port.out.TaskChanges;
import com.vidugateway.application.port.out.VideoTasks;
import com.vidugateway.application.port.out.VideoTasksContract;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.image.ImageBlob;
import com.vidugateway.domain.image.ImageFormat;
import com.vidugateway.domain.image.ReferenceImage;
import com.vidugateway.domain.request.References;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.request.VideoRequestDraft;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.TaskStatusView;
import com.vidugateway.domain.task.VideoTask;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The port's contract, plus what only a database can get wrong: image references, text that needs escaping,
 * stored rows that no longer pass the rules, the task_image index, migrations run again.
 */
abstract class JdbcVideoTasksContract extends VideoTasksContract {

    /** The migrated database behind {@link #store()}, one per test. */
    @RegisterExtension
    final TestDatabase database;

    private VideoTasks store;

    JdbcVideoTasksContract(TestDatabase database) {
        this.database = database;
    }

    @BeforeEach
    void openStore() {
        store = new JdbcVideoTasks(dataSource(), HOLDER);
    }

    @Override
    protected VideoTasks store() {
        return store;
    }

    protected DataSource dataSource() {
        return database.dataSource();
    }

    @Override
    protected VideoTasks storeOpenedBy(String holder) {
        return new JdbcVideoTasks(dataSource(), holder);
    }

    // --- status answers from columns ------------------------------------------------------------------------------

    @Test
    void a_row_stored_before_the_duration_had_a_column_answers_its_status_from_the_whole_task() throws SQLException {
        VideoTask task = task("old-1", "alice", T0);
        store().add(task, null, null);
        execute("UPDATE video_task SET duration_seconds = NULL WHERE id = ?", "old-1");

        assertThat(store().statusOf("alice", task.id())).contains(TaskStatusView.of(task));
    }

    // --- lists from columns ---------------------------------------------------------------------------------------

    @Test
    void a_list_reads_no_request_of_a_row_this_version_wrote() throws SQLException {
        VideoTask images = task("col-1", "alice", T0).failed("no", T0.plusSeconds(1));
        store().add(images, null, null);
        VideoTask subjects = VideoTask.accept(new TaskId("col-2"), "alice", subjectsRequest(), T0.plusSeconds(2));
        store().add(subjects, null, null);
        VideoRequest escaped = VideoRequest.from(VideoRequestDraft.builder().model("viduq2")
                .images("https://example.com/a.jpg").prompt("a NUL \u0000, a lone surrogate \ud800, 跳舞 🎬 and \" quotes")
                .build(), ModelCatalogue.STANDARD).value();
        VideoTask text = VideoTask.accept(new TaskId("col-3"), "alice", escaped, T0.plusSeconds(3));
        store().add(text, null, null);
        execute("UPDATE video_task SET request_json = ? WHERE owner = 'alice'", "{\"not\": \"a request");

        assertThat(store().list("alice", null, null, 10))
                .containsExactly(text.summary(), subjects.summary(), images.summary());
        assertThatThrownBy(() -> store().find(images.id())).as("the request is unreadable indeed")
                .hasMessageContaining("malformed JSON");
        assertThat(store().list("alice", null, null, 10).get(0).prompt()).isEqualTo(escaped.prompt());
    }

    @Test
    void a_row_stored_before_the_list_had_its_columns_is_listed_from_the_whole_task() throws SQLException {
        VideoTask old = task("old-list-1", "alice", T0).failed("no", T0.plusSeconds(1)).withImagesRemoved(T0.plusSeconds(2));
        store().add(old, null, null);
        VideoTask older = VideoTask.accept(new TaskId("old-list-2"), "alice", subjectsRequest(), T0.plusSeconds(1));
        store().add(older, null, null);
        VideoTask current = task("new-list-1", "alice", T0.plusSeconds(2));
        store().add(current, null, null);
        // As a gateway of version 9 wrote them (and before version 9, without the duration either).
        execute("UPDATE video_task SET model = NULL, prompt_json = NULL, resolution = NULL, aspect_ratio = NULL,"
                + " images_json = NULL WHERE id LIKE ?", "old-list-%");
        execute("UPDATE video_task SET duration_seconds = NULL WHERE id = ?", "old-list-2");

        assertThat(store().list("alice", null, null, 10))
                .containsExactly(current.summary(), older.summary(), old.summary());
    }

    // --- the change feed -------------------------------------------------------------------------------------------

    @Test
    void every_add_and_replace_takes_the_next_change_number_and_a_task_shows_once_with_its_newest() {
        JdbcTaskChanges changes = new JdbcTaskChanges(dataSource());
        long before = changes.latest();
        VideoTask first = task("feed-1", "alice", T0);
        store().add(first, null, null);
        VideoTask second = task("feed-2", "alice", T0);
        store().add(second, null, null);
        assertThat(store().replace(first.moveTo(TaskStatus.SUBMITTING, T0.plusSeconds(1)))).isTrue();

        assertThat(changes.latest()).isEqualTo(before + 3);
        assertThat(changes.after(before, 10)).containsExactly(
                new TaskChanges.Change(second.id(), before + 2), new TaskChanges.Change(first.id(), before + 3));
        assertThat(changes.after(before, 1)).containsExactly(new TaskChanges.Change(second.id(), before + 2));
        assertThat(changes.after(before + 3, 10)).isEmpty();
    }

    @Test
    void a_write_that_keeps_its_change_number_uncommitted_holds_back_every_later_one() throws Exception {
        JdbcTaskChanges changes = new JdbcTaskChanges(dataSource());
        VideoTask held = task("feed-held", "alice", T0);
        VideoTask waiting = task("feed-waiting", "alice", T0);
        store().add(held, null, null);
        store().add(waiting, null, null);
        long before = changes.latest();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try (Connection open = dataSource().getConnection()) {
            open.setAutoCommit(false);
            JdbcTaskChanges.take(open);
            try (PreparedStatement stamp = open.prepareStatement(
                    "UPDATE video_task SET change_number = " + JdbcTaskChanges.TAKEN + " WHERE id = ?")) {
                stamp.setString(1, held.id().value());
                stamp.executeUpdate();
            }
            Future<Boolean> later = writer.submit(() ->
                    store().replace(waiting.moveTo(TaskStatus.SUBMITTING, T0.plusSeconds(1))));

            // The later write queues behind the open one's number: nothing after it can be seen before it is.
            Thread.sleep(300);
            assertThat(later).isNotDone();
            assertThat(changes.after(before, 10)).isEmpty();
            open.commit();

            assertThat(later.get(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            writer.shutdownNow();
        }
        assertThat(changes.after(before, 10)).containsExactly(
                new TaskChanges.Change(held.id(), before + 1), new TaskChanges.Change(waiting.id(), before + 2));
    }

    // --- instances and the shared provider-call timetable, in the same database ----------------------------------

    @Test
    void instances_are_registered_beat_and_removed_with_whole_host_names_and_their_pid_namespaces() {
        JdbcGatewayInstances instances = new JdbcGatewayInstances(dataSource());
        String podName = "vidu-gateway-production-deployment-7d9f8c6b5d-abcde-0123456789-0123456789-0123456789-x";
        GatewayInstances.Instance a = new GatewayInstances.Instance("a", "server", podName, 1, T0.minusSeconds(2),
                "0b5e6c1a-boot/pid:[4026532451]", T0, T0);
        GatewayInstances.Instance b = new GatewayInstances.Instance("b", "cli", "m2", 42, null, null, T0.plusSeconds(1),
                T0.plusSeconds(1));

        instances.register(a);
        instances.register(b);
        assertThat(instances.beat("a", T0.plusSeconds(3))).isTrue();
        instances.register(b.beatingAt(T0.plusSeconds(4)));

        assertThat(instances.all()).containsExactly(a.beatingAt(T0.plusSeconds(3)), b.beatingAt(T0.plusSeconds(4)));
        instances.remove("a");
        assertThat(instances.beat("a", T0.plusSeconds(5))).isFalse();
        assertThat(instances.all()).extracting(GatewayInstances.Instance::id).containsExactly("b");
    }

    @Test
    void instances_are_timed_by_the_databases_clock() {
        Instant before = Instant.now();
        Instant databaseNow = new JdbcGatewayInstances(dataSource()).now();
        Instant after = Instant.now();

        // The database runs on this machine here, so its clock reads what this one does.
        assertThat(databaseNow).isBetween(before.minusSeconds(1), after.plusSeconds(1));
    }

    @Test
    void provider_call_slots_are_handed_out_once_each_across_connections_by_the_databases_clock() throws Exception {
        // Slots far longer than the test takes: every reservation queues behind the one before.
        Duration slot = Duration.ofSeconds(10);
        Duration horizon = Duration.ofHours(1);
        List<JdbcProviderCallSlots> instances = List.of(new JdbcProviderCallSlots(dataSource()),
                new JdbcProviderCallSlots(dataSource()), new JdbcProviderCallSlots(dataSource()));
        long before = micros(Instant.now());
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<List<JdbcProviderCallSlots.Taken>>> reservations = new ArrayList<>();
            for (JdbcProviderCallSlots slots : instances) {
                reservations.add(pool.submit(() -> {
                    List<JdbcProviderCallSlots.Taken> mine = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        mine.add(slots.take(slot, horizon));
                    }
                    return mine;
                }));
            }
            List<Long> starts = new ArrayList<>();
            for (Future<List<JdbcProviderCallSlots.Taken>> reserved : reservations) {
                for (JdbcProviderCallSlots.Taken taken : reserved.get(30, TimeUnit.SECONDS)) {
                    assertThat(taken.reserved()).isTrue();
                    starts.add(taken.start());
                }
            }
            starts.sort(null);
            long first = starts.get(0);
            assertThat(first).isBetween(before - 1_000_000, micros(Instant.now()) + 1_000_000);
            for (int i = 0; i < 30; i++) {
                assertThat(starts.get(i)).isEqualTo(first + i * slot.toNanos() / 1000);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void nobody_reserves_a_slot_further_ahead_than_the_horizon() {
        JdbcProviderCallSlots slots = new JdbcProviderCallSlots(dataSource());
        Duration slot = Duration.ofSeconds(10);
        Duration horizon = Duration.ofSeconds(25);

        List<ProviderCallSlots.Reservation> reservations = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            reservations.add(slots.reserve(slot, horizon));
        }

        assertThat(reservations).extracting(ProviderCallSlots.Reservation::reserved)
                .containsExactly(true, true, true, false, false);
        assertThat(reservations.get(2).delay()).isBetween(Duration.ofSeconds(19), Duration.ofSeconds(20));
        // The next free slot is 30 s ahead: asking again makes sense once it is within the horizon, ~5 s from now.
        assertThat(reservations.get(3).delay()).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(5));
        assertThat(slots.take(slot, horizon).start()).as("the refused reservations took nothing")
                .isEqualTo(slots.take(slot, horizon).start());
    }

    private static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000L + at.getNano() / 1000;
    }

    @Test
    void inline_images_are_kept_in_the_row_as_references_of_a_few_hundred_bytes() throws SQLException {
        VideoRequest given = imagesRequest();
        ReferenceImage.InlineImage dataUri = new ReferenceImage.InlineImage(new ImageBlob("1f".repeat(32), 50L << 20),
                "data:image/PNG;base64,", ImageFormat.PNG, 4000, 3000);
        ReferenceImage.InlineImage bare = new ReferenceImage.InlineImage(new ImageBlob("2e".repeat(32), 49L << 20),
                null, ImageFormat.WEBP, 300, 1000);
        VideoRequest request = new VideoRequest(given.model(), new References.Images(List.of(dataUri,
                new ReferenceImage.RemoteImage(URI.create("https://example.com/cat.jpg")), bare)), given.prompt(),
                given.duration(), given.seed(), given.aspectRatio(), given.resolution(), given.movementAmplitude(),
                given.bgm(), given.audio(), URI.create("https://hooks.example/done?x=1"));
        VideoTask task = VideoTask.accept(new TaskId("big-1"), "alice", request, T0);

        store().add(task, null, null);

        assertThat(store().find(task.id())).contains(task);
        assertThat(store().list("alice", null, null, 1)).containsExactly(task.summary());
        String row = requestJson(task.id());
        assertThat(row.length()).isLessThan(1000);
        assertThat(row).contains("\"data_uri_prefix\":\"data:image/PNG;base64,\"", "\"url\":\"https://example.com/cat.jpg\"",
                "\"sha256\":\"" + "2e".repeat(32) + "\"");
        assertThat(store().refersToImage("1f".repeat(32))).isTrue();
        assertThat(store().refersToImage("2e".repeat(32))).isTrue();
    }

    @Test
    void text_that_json_must_escape_comes_back_exactly() throws SQLException {
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
        assertThat(store().list("alice \"quoted\"", null, null, 1)).containsExactly(failed.summary());
        assertThat(store().findByIdempotencyKey("alice \"quoted\"", "key \"1\" \\"))
                .contains(new VideoTasks.IdempotentSubmit(failed, "0".repeat(64)));
        assertThat(requestJson(task.id())).as("ASCII only: any database encoding keeps it").matches("\\p{ASCII}*");
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
                "{\"model\":\"vidu-1999\",\"input\":{\"images\":[{\"url\":\"https://example.com/cat.jpg\"}],\"prompt\":\"p\"},"
                        + "\"parameters\":{\"duration\":4,\"seed\":0,\"aspect_ratio\":\"16:9\",\"resolution\":\"720p\","
                        + "\"movement_amplitude\":\"auto\",\"bgm\":false,\"audio\":false}}");

        assertThatThrownBy(() -> store().find(new TaskId("old-1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("old-1")
                .hasMessageContaining("model")
                .hasMessageContaining("vidu-1999");
    }

    @Test
    void the_rules_are_checked_again_with_the_stored_inline_images_counted() throws SQLException {
        store().add(task("old-2", "alice", T0), null, null);
        String inline = "{\"sha256\":\"" + "ab".repeat(32) + "\",\"size\":100,\"format\":\"PNG\",\"width\":200,\"height\":150}";
        // viduq2 takes at most 7 images: eight inline ones no longer pass.
        execute("UPDATE video_task SET request_json = ? WHERE id = 'old-2'",
                "{\"model\":\"viduq2\",\"input\":{\"images\":[" + String.join(",", java.util.Collections.nCopies(8, inline))
                        + "],\"prompt\":\"p\"},\"parameters\":{\"duration\":5,\"seed\":0,\"aspect_ratio\":\"16:9\","
                        + "\"resolution\":\"720p\",\"movement_amplitude\":\"auto\",\"bgm\":false,\"audio\":false}}");

        assertThatThrownBy(() -> store().find(new TaskId("old-2")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("old-2")
                .hasMessageContaining("input.images")
                .hasMessageContaining("8 images");
    }

    @Test
    void a_stored_request_that_is_not_json_is_reported_with_the_task() throws SQLException {
        store().add(task("bad-1", "alice", T0), null, null);
        execute("UPDATE video_task SET request_json = ? WHERE id = 'bad-1'", "{\"model\": \"viduq2\", ");

        assertThatThrownBy(() -> store().find(new TaskId("bad-1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bad-1")
                .hasMessageContaining("malformed JSON");
    }

    @Test
    void another_process_reads_the_task_as_it_was_written() {
        VideoTask task = VideoTask.accept(new TaskId("shared-1"), "alice", subjectsRequest(), T0);
        store().add(task, null, null);

        VideoTask readElsewhere = new JdbcVideoTasks(dataSource()).find(task.id()).orElseThrow();

        assertThat(readElsewhere).isEqualTo(task);
    }

    @Test
    void a_tasks_images_are_listed_while_it_keeps_them_and_released_in_the_same_write_that_removes_them()
            throws SQLException {
        VideoTask task = task("ti-1", "alice", T0);
        store().add(task, null, null);
        assertThat(imageRows(task.id())).containsExactly(inlineSha256());

        VideoTask failed = task.failed("no", T0.plusSeconds(1));
        assertThat(store().replace(failed)).isTrue();
        assertThat(imageRows(task.id())).containsExactly(inlineSha256());
        VideoTask stale = failed.withImagesRemoved(T0.plusSeconds(2));
        assertThat(store().replace(stale)).isTrue();
        assertThat(imageRows(task.id())).isEmpty();
        assertThat(store().replace(stale)).as("a refused write releases nothing").isFalse();
    }

    @Test
    void migrating_again_changes_nothing() throws SQLException {
        VideoTask task = task("m-1", "alice", T0);
        store().add(task, null, T0);
        int applied = appliedMigrations();

        DatabaseMigrations.migrate(dataSource(), Fixtures.blobs());
        DatabaseMigrations.migrate(dataSource(), Fixtures.blobs());

        assertThat(appliedMigrations()).isEqualTo(applied).isPositive();
        assertThat(store().find(task.id())).contains(task);
        assertThat(store().checkOf(task.id())).contains(new VideoTasks.Check(task.id(), T0, 0, HOLDER));
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

    private String requestJson(TaskId id) throws SQLException {
        try (Connection connection = dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT request_json FROM video_task WHERE id = ?")) {
            select.setString(1, id.value());
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    private List<String> imageRows(TaskId id) throws SQLException {
        try (Connection connection = dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT sha256 FROM task_image WHERE task_id = ?")) {
            select.setString(1, id.value());
            try (ResultSet rows = select.executeQuery()) {
                List<String> found = new java.util.ArrayList<>();
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
                return found;
            }
        }
    }

    private void execute(String sql, String parameter) throws SQLException {
        try (Connection connection = dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            statement.executeUpdate();
        }
    }
}
