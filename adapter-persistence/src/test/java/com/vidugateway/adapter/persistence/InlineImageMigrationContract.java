package com.vidugateway.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.application.port.out.ImageBlobs;
import com.vidugateway.application.testing.TestFiles;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.image.ImageFormat;
import com.vidugateway.domain.image.ReferenceImage;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.request.VideoRequestDraft;
import com.vidugateway.domain.task.StatusChange;
import com.vidugateway.domain.task.StoredVideo;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database as the previous version left it (schema version 2, inline images as data URIs and bare base64 in
 * {@code request_json}), migrated: every task reads back as the previous version would have read it, its images now
 * blobs with the right hash and bytes, its row small.
 */
abstract class InlineImageMigrationContract {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123Z");
    private static final Instant MIGRATED_AT = Instant.parse("2026-04-01T08:00:00Z");
    private static final String URL = "https://example.com/cat.jpg";
    /** Written by the previous version: non-ASCII as is, an emoji as escaped surrogates. */
    private static final String PROMPT_JSON = "make it dance — 跳舞 \\ud83c\\udfac \\\"now\\\"";
    private static final String PROMPT = "make it dance — 跳舞 🎬 \"now\"";

    @TempDir
    Path data;

    private LocalImageBlobs blobs;
    private DataSource dataSource;

    /** An empty database (JUnit runs this class's set-up before a subclass's, so the subclass opens it here). */
    protected abstract DataSource openDatabase() throws Exception;

    protected abstract void closeDatabase() throws Exception;

    @BeforeEach
    void schemaOfThePreviousVersion() throws Exception {
        dataSource = openDatabase();
        blobs = new LocalImageBlobs(data.resolve("blobs"));
        configure().target("2").load().migrate();
    }

    @AfterEach
    void close() throws Exception {
        closeDatabase();
    }

    private DataSource dataSource() {
        return dataSource;
    }

    private org.flywaydb.core.api.configuration.FluentConfiguration configure() {
        return DatabaseMigrations.configure(dataSource(), blobs, Clock.fixed(MIGRATED_AT, ZoneOffset.UTC));
    }

    private void migrate() {
        configure().load().migrate();
    }

    private JdbcVideoTasks store() {
        return new JdbcVideoTasks(dataSource());
    }

    // --- the migration ------------------------------------------------------------------------------

    @Test
    void images_move_to_blobs_and_every_task_reads_back_as_before() throws Exception {
        byte[] png = png(300, 200, 1);
        byte[] jpeg = jpeg(256, 256, 2);
        String pngUri = "data:image/png;base64," + base64(png);
        String bareJpeg = base64(jpeg);
        insertOld("old-images", "alice", TaskStatus.ACCEPTED, List.of(TaskStatus.ACCEPTED),
                imagesJson(List.of(pngUri, URL, bareJpeg)), T0.plusSeconds(5), null);
        insertOld("old-subjects", "bob", TaskStatus.SUCCESS, List.of(TaskStatus.ACCEPTED, TaskStatus.SUBMITTING,
                TaskStatus.PENDING, TaskStatus.SUCCESS), subjectsJson(pngUri, pngUri, URL), null, "subjects.mp4");
        insertOld("old-urls", "alice", TaskStatus.FAILURE, List.of(TaskStatus.ACCEPTED, TaskStatus.FAILURE),
                imagesJson(List.of(URL)), null, null);

        migrate();

        VideoRequest images = VideoRequest.from(draft().images(pngUri, URL, bareJpeg).build(), ModelCatalogue.STANDARD)
                .value();
        VideoRequest subjects = VideoRequest.from(draft().images((List<String>) null)
                .subjects(List.of(VideoRequestDraft.SubjectDraft.of("cat", List.of(pngUri, pngUri), "voice-7"),
                        VideoRequestDraft.SubjectDraft.of("dog", List.of(URL), "")))
                .audio(true).build(), ModelCatalogue.STANDARD).value();
        VideoRequest urls = VideoRequest.from(draft().images(URL).build(), ModelCatalogue.STANDARD).value();
        assertThat(store().find(new TaskId("old-images"))).contains(
                lived("old-images", "alice", images, List.of(TaskStatus.ACCEPTED), null));
        assertThat(store().find(new TaskId("old-subjects"))).contains(lived("old-subjects", "bob", subjects,
                List.of(TaskStatus.ACCEPTED, TaskStatus.SUBMITTING, TaskStatus.PENDING, TaskStatus.SUCCESS),
                "subjects.mp4"));
        assertThat(store().find(new TaskId("old-urls"))).contains(
                lived("old-urls", "alice", urls, List.of(TaskStatus.ACCEPTED, TaskStatus.FAILURE), null));

        ReferenceImage.InlineImage first = (ReferenceImage.InlineImage) images.references().allImages().get(0);
        assertThat(first.dataUriPrefix()).isEqualTo("data:image/png;base64,");
        assertThat(first.format()).isEqualTo(ImageFormat.PNG);
        assertThat(List.of(first.width(), first.height())).containsExactly(300L, 200L);
        assertThat(((ReferenceImage.InlineImage) images.references().allImages().get(2)).dataUriPrefix()).isNull();

        assertThat(blobs.list()).extracting(ImageBlobs.Blob::sha256)
                .as("the PNG three times, stored once").containsExactlyInAnyOrder(sha256(png), sha256(jpeg));
        assertThat(read(sha256(png))).isEqualTo(png);
        assertThat(read(sha256(jpeg))).isEqualTo(jpeg);
        assertThat(filesUnder(data.resolve("blobs").resolve(LocalImageBlobs.INCOMING))).as("no upload left").isEmpty();
        for (String id : List.of("old-images", "old-subjects", "old-urls")) {
            assertThat(requestJson(id).length()).as(id).isLessThan(1000);
        }
        assertThat(store().refersToImage(sha256(png))).isTrue();
        assertThat(store().refersToImage(sha256(jpeg))).isTrue();
        assertThat(store().keepingImagesEndedBefore(MIGRATED_AT, 10)).extracting(t -> t.id().value())
                .as("ended_at filled for the ended tasks").containsExactlyInAnyOrder("old-subjects", "old-urls");
        assertThat(store().checkOf(new TaskId("old-images")))
                .hasValueSatisfying(check -> assertThat(check.dueAt()).isEqualTo(T0.plusSeconds(5)));
        assertThat(DatabaseMigrations.isUpToDate(dataSource())).isTrue();
    }

    @Test
    void an_image_larger_than_jackson_takes_by_default_is_moved_too() throws Exception {
        // 16 MiB decoded is 22.4 M characters of base64, above jackson-core's default limit of 20 M for one string.
        byte[] large = new byte[16 * 1024 * 1024];
        byte[] header = png(200, 150, 3);
        new Random(4).nextBytes(large);
        System.arraycopy(header, 0, large, 0, 33);
        String uri = "data:image/png;base64," + base64(large);
        insertOld("old-large", "alice", TaskStatus.RUNNING, List.of(TaskStatus.ACCEPTED, TaskStatus.SUBMITTING,
                TaskStatus.PENDING, TaskStatus.RUNNING), imagesJson(List.of(URL, uri)), null, null);

        migrate();

        VideoTask task = store().find(new TaskId("old-large")).orElseThrow();
        ReferenceImage.InlineImage image = (ReferenceImage.InlineImage) task.request().references().allImages().get(1);
        assertThat(image.blob().sha256()).isEqualTo(sha256(large));
        assertThat(image.blob().size()).isEqualTo(large.length);
        assertThat(read(sha256(large))).isEqualTo(large);
        assertThat(requestJson("old-large").length()).isLessThan(1000);
    }

    @Test
    void an_image_whose_base64_breaks_after_its_header_leaves_no_blob_and_the_task_says_so() throws Exception {
        byte[] png = png(300, 200, 5);
        String good = base64(png);
        int at = good.length() / 2 / 4 * 4 + 1;
        String broken = "data:image/png;base64," + good.substring(0, at) + "*" + good.substring(at + 1);
        insertOld("broken-done", "alice", TaskStatus.SUCCESS, List.of(TaskStatus.ACCEPTED, TaskStatus.SUBMITTING,
                TaskStatus.PENDING, TaskStatus.SUCCESS), imagesJson(List.of(broken, URL)), null, null);
        insertOld("broken-waiting", "alice", TaskStatus.ACCEPTED, List.of(TaskStatus.ACCEPTED),
                imagesJson(List.of(URL, broken)), T0.plusSeconds(5), null);

        migrate();

        VideoTask done = store().find(new TaskId("broken-done")).orElseThrow();
        assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(done.imagesRemovedAt()).isEqualTo(MIGRATED_AT);
        ReferenceImage.InlineImage image = (ReferenceImage.InlineImage) done.request().references().allImages().get(0);
        assertThat(List.of(image.format(), image.width(), image.height())).containsExactly(ImageFormat.PNG, 300L, 200L);
        assertThat(blobs.contains(image.blob().sha256())).isFalse();
        assertThat(store().refersToImage(image.blob().sha256())).isFalse();

        VideoTask waiting = store().find(new TaskId("broken-waiting")).orElseThrow();
        assertThat(waiting.status()).isEqualTo(TaskStatus.FAILURE);
        assertThat(waiting.errorMessage()).contains("input.images[1]", "invalid character '*'");
        assertThat(waiting.imagesRemovedAt()).isEqualTo(MIGRATED_AT);
        assertThat(waiting.revision()).isEqualTo(1);
        assertThat(store().checkOf(waiting.id())).as("nothing left to check").isEmpty();
        assertThat(store().keepingImagesEndedBefore(MIGRATED_AT.plusSeconds(1), 10)).isEmpty();
        assertThat(blobs.list()).isEmpty();
    }

    // --- rows as the previous version wrote them ------------------------------------------------------

    private static VideoRequestDraft.Builder draft() {
        return VideoRequestDraft.builder().model("viduq2").prompt(PROMPT).duration(8).seed(7L).aspectRatio("9:16")
                .resolution("1080p").movementAmplitude("auto").bgm(true).callbackUrl("https://hooks.example/done");
    }

    private static String parametersJson(boolean audio) {
        return "\"parameters\":{\"duration\":8,\"seed\":7,\"aspect_ratio\":\"9:16\",\"resolution\":\"1080p\","
                + "\"movement_amplitude\":\"auto\",\"bgm\":true,\"audio\":" + audio
                + ",\"callback_url\":\"https://hooks.example/done\"}";
    }

    private static String imagesJson(List<String> images) {
        return "{\"model\":\"viduq2\",\"input\":{\"images\":[" + quoted(images) + "],\"prompt\":\"" + PROMPT_JSON
                + "\"}," + parametersJson(false) + "}";
    }

    private static String subjectsJson(String cat1, String cat2, String dog) {
        return "{\"model\":\"viduq2\",\"input\":{\"subjects\":[{\"id\":\"cat\",\"images\":[" + quoted(List.of(cat1, cat2))
                + "],\"voice_id\":\"voice-7\"},{\"id\":\"dog\",\"images\":[" + quoted(List.of(dog))
                + "],\"voice_id\":\"\"}],\"prompt\":\"" + PROMPT_JSON + "\"}," + parametersJson(true) + "}";
    }

    private static String quoted(List<String> values) {
        return values.stream().map(value -> "\"" + value + "\"").collect(Collectors.joining(","));
    }

    /** The history of an old row: one status a second from {@link #T0}. */
    private static List<StatusChange> history(List<TaskStatus> statuses) {
        List<StatusChange> history = new ArrayList<>();
        for (int i = 0; i < statuses.size(); i++) {
            history.add(new StatusChange(statuses.get(i), T0.plusSeconds(i)));
        }
        return history;
    }

    private static String historyJson(List<TaskStatus> statuses) {
        return history(statuses).stream()
                .map(change -> "{\"status\":\"" + change.status().name() + "\",\"at\":" + change.at().toEpochMilli() + "}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static VideoTask lived(String id, String owner, VideoRequest request, List<TaskStatus> statuses,
                                   String video) {
        boolean success = statuses.contains(TaskStatus.SUCCESS);
        boolean failure = statuses.contains(TaskStatus.FAILURE);
        return new VideoTask(new TaskId(id), owner, request, history(statuses),
                statuses.contains(TaskStatus.PENDING) ? "provider-" + id : null,
                success ? List.of("https://cdn.example/" + id + ".mp4") : List.of(),
                failure ? "the provider said no" : null,
                video == null ? null : new StoredVideo(video, 4242, "ab".repeat(32), T0.plusSeconds(60)),
                null, statuses.size() - 1);
    }

    /** A row exactly as the previous version's store wrote it (schema version 2). */
    private void insertOld(String id, String owner, TaskStatus status, List<TaskStatus> statuses, String request,
                           Instant nextCheckAt, String video) throws SQLException {
        VideoTask expected = lived(id, owner, VideoRequest.from(draft().images(URL).build(), ModelCatalogue.STANDARD)
                .value(), statuses, video);
        try (Connection connection = dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO video_task (id, owner, status,"
                     + " accepted_at, revision, request_json, history_json, provider_task_id, result_urls_json,"
                     + " error_message, video_location, video_size_bytes, video_sha256, video_stored_at, video_problem,"
                     + " idempotency_key, request_fingerprint, next_check_at, check_attempts)"
                     + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, 0)")) {
            int i = 0;
            insert.setString(++i, id);
            insert.setString(++i, owner);
            insert.setString(++i, status.name());
            insert.setLong(++i, T0.toEpochMilli());
            insert.setInt(++i, expected.revision());
            insert.setCharacterStream(++i, new StringReader(request), request.length());
            insert.setString(++i, historyJson(statuses));
            insert.setString(++i, expected.providerTaskId());
            insert.setString(++i, expected.resultUrls().stream().map(u -> "\"" + u + "\"")
                    .collect(Collectors.joining(",", "[", "]")));
            insert.setString(++i, expected.errorMessage());
            StoredVideo stored = expected.video();
            insert.setString(++i, stored == null ? null : stored.location());
            insert.setObject(++i, stored == null ? null : stored.sizeBytes(), java.sql.Types.BIGINT);
            insert.setString(++i, stored == null ? null : stored.sha256());
            insert.setObject(++i, stored == null ? null : stored.storedAt().toEpochMilli(), java.sql.Types.BIGINT);
            insert.setString(++i, "key-" + id);
            insert.setString(++i, "f".repeat(64));
            insert.setObject(++i, nextCheckAt == null ? null : nextCheckAt.toEpochMilli(), java.sql.Types.BIGINT);
            insert.executeUpdate();
        }
    }

    // --- helpers -------------------------------------------------------------------------------------

    private String requestJson(String id) throws SQLException {
        try (Connection connection = dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT request_json FROM video_task WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    private byte[] read(String sha256) throws IOException {
        try (InputStream in = blobs.open(sha256)) {
            return in.readAllBytes();
        }
    }

    private static List<Path> filesUnder(Path directory) throws IOException {
        return TestFiles.under(directory);
    }

    /** A real PNG of noise (so it does not compress to nothing). */
    static byte[] png(int width, int height, long seed) throws IOException {
        return encode(noise(width, height, seed), "png");
    }

    static byte[] jpeg(int width, int height, long seed) throws IOException {
        return encode(noise(width, height, seed), "jpeg");
    }

    private static BufferedImage noise(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] pixels = new Random(seed).ints(width * height, 0, 0x1000000).toArray();
        image.setRGB(0, 0, width, height, pixels, 0, width);
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(image, format, bytes)) {
            throw new IOException("no " + format + " writer");
        }
        return bytes.toByteArray();
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
