package com.vidugateway.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.domain.image.ReferenceImage;
import com.vidugateway.domain.request.References;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory made by the previous release (commit 62f71b3: requests with inline images as data URIs inside
 * the task rows, schema 2), by the CLI as a user runs it: `vidu submit --image a.png`, a subjects task with two local
 * files and a URL, a URL-only task, and a task still Pending. Opening it with this version moves the images into the
 * blob store and leaves every task as it was.
 */
class PreviousVersionDataDirectoryTest {

    @TempDir
    Path dataDir;

    @Test
    void opening_a_previous_data_directory_moves_its_inline_images_to_blobs_and_keeps_every_task() throws Exception {
        copy("vidu.mv.db", dataDir.resolve("vidu.mv.db"));
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dataDir.resolve("vidu"));
        h2.setUser("sa");
        LocalImageBlobs blobs = new LocalImageBlobs(dataDir.resolve("blobs"));

        DatabaseMigrations.migrateIfNeeded(h2, blobs);

        JdbcVideoTasks tasks = new JdbcVideoTasks(h2);
        Map<String, VideoTask> byPrompt = tasks.list("local", null, null, 10).stream()
                .map(line -> tasks.find(line.id()).orElseThrow())
                .collect(Collectors.toMap(t -> t.request().prompt(), t -> t));
        assertThat(byPrompt).containsOnlyKeys("old inline task", "@cat and @dog", "old url task", "old queued [fail]");
        String a = sha256(resource("a.png"));
        String b = sha256(resource("b.png"));

        VideoTask inline = byPrompt.get("old inline task");
        assertThat(inline.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(inline.video()).isNotNull();
        ReferenceImage.InlineImage image = (ReferenceImage.InlineImage) inline.request().references().allImages().get(0);
        assertThat(image.blob().sha256()).isEqualTo(a);
        assertThat(image.dataUriPrefix()).isEqualTo("data:image/png;base64,");
        assertThat(List.of(image.width(), image.height())).containsExactly(200L, 150L);

        References.Subjects subjects = (References.Subjects) byPrompt.get("@cat and @dog").request().references();
        assertThat(subjects.subjects()).extracting(References.Subject::id).containsExactly("cat", "dog");
        assertThat(subjects.subjects().get(0).images()).extracting(i -> ((ReferenceImage.InlineImage) i).blob().sha256())
                .containsExactly(a, b);
        assertThat(subjects.subjects().get(1).images()).containsExactly(
                new ReferenceImage.RemoteImage(java.net.URI.create("https://example.com/dog.png")));
        assertThat(byPrompt.get("@cat and @dog").request().audio()).isTrue();

        assertThat(byPrompt.get("old url task").request().references().allImages()).containsExactly(
                new ReferenceImage.RemoteImage(java.net.URI.create("https://example.com/cat.png")));
        VideoTask pending = byPrompt.get("old queued [fail]");
        assertThat(pending.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(tasks.checkOf(pending.id())).isPresent();

        // Each image once, byte for byte; the rows no longer hold them.
        assertThat(blobs.list()).extracting(b2 -> b2.sha256()).containsExactlyInAnyOrder(a, b);
        try (InputStream kept = blobs.open(a)) {
            assertThat(kept.readAllBytes()).isEqualTo(resource("a.png"));
        }
        assertThat(tasks.refersToImage(a)).isTrue();
        assertThat(tasks.refersToImage(b)).isTrue();
        try (var connection = h2.getConnection(); var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT MAX(LENGTH(request_json)) FROM video_task")) {
            rows.next();
            assertThat(rows.getLong(1)).isLessThan(2_000);
        }
    }

    private static void copy(String name, Path target) throws IOException {
        try (InputStream in = PreviousVersionDataDirectoryTest.class.getResourceAsStream("/previous-version/" + name)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = PreviousVersionDataDirectoryTest.class.getResourceAsStream("/previous-version/" + name)) {
            return in.readAllBytes();
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
