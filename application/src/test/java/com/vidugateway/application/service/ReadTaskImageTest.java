package com.vidugateway.application.service;

import static com.vidugateway.application.service.InlineImagesTest.png;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vidugateway.application.port.in.ReadTaskImage;
import com.vidugateway.application.port.in.SubmitVideoTask;
import com.vidugateway.application.port.in.SubmitVideoTask.Command;
import com.vidugateway.application.port.out.ImageBlobs;
import com.vidugateway.application.testing.InMemoryVideoTasks;
import com.vidugateway.domain.image.ImageFormat;
import com.vidugateway.domain.request.VideoRequestDraft;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.VideoTask;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** A task's reference images read back: the owner's only, by number, URL images and removed ones said apart. */
class ReadTaskImageTest {

    private final byte[] first = png(300, 200);
    private final byte[] second = png(320, 240);
    private final Gateway gateway = Gateway.over(new InMemoryVideoTasks());

    private static String dataUri(byte[] png) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }

    private VideoTask submit(String owner) {
        VideoRequestDraft draft = VideoRequestDraft.builder().model("viduq2").prompt("make it dance")
                .images(dataUri(first), "https://example.com/cat.jpg", dataUri(second)).build();
        return ((SubmitVideoTask.Accepted) gateway.services.submit().submit(new Command(owner, draft, null))).task();
    }

    private ReadTaskImage.Result read(String owner, TaskId id, int index) {
        return gateway.services.image().read(owner, id, index);
    }

    @Test
    void an_inline_image_is_read_back_byte_for_byte_by_its_number_in_request_order() throws IOException {
        VideoTask task = submit("alice");

        ReadTaskImage.Result result = read("alice", task.id(), 2);

        assertThat(result).isInstanceOfSatisfying(ReadTaskImage.Found.class, found -> {
            assertThat(found.index()).isEqualTo(2);
            assertThat(found.image().format()).isEqualTo(ImageFormat.PNG);
            assertThat(found.image().width()).isEqualTo(320);
            assertThat(found.image().decodedBytes()).isEqualTo(second.length);
        });
        try (InputStream bytes = ((ReadTaskImage.Found) result).bytes()) {
            assertThat(bytes.readAllBytes()).isEqualTo(second);
        }
    }

    @Test
    void another_owner_or_an_unknown_task_is_not_found_and_a_number_past_the_images_is_no_such_image() {
        VideoTask task = submit("alice");

        assertThat(read("bob", task.id(), 0)).isEqualTo(new ReadTaskImage.NotFound(task.id()));
        assertThat(read("alice", new TaskId("unknown"), 0)).isInstanceOf(ReadTaskImage.NotFound.class);
        assertThat(read("alice", task.id(), 3)).isInstanceOf(ReadTaskImage.NoSuchImage.class);
        assertThat(read("alice", task.id(), -1)).isInstanceOf(ReadTaskImage.NoSuchImage.class);
    }

    @Test
    void an_image_given_by_url_is_said_to_be_one_with_its_url() {
        VideoTask task = submit("alice");

        assertThat(read("alice", task.id(), 1)).isInstanceOfSatisfying(ReadTaskImage.GivenByUrl.class,
                url -> assertThat(url.image().url()).hasToString("https://example.com/cat.jpg"));
    }

    @Test
    void after_retention_the_images_are_removed_and_say_when_even_if_the_bytes_are_still_somewhere() {
        VideoTask task = submit("alice");
        gateway.syncFor(Duration.ofMinutes(2));
        gateway.clock.advance(Duration.ofDays(8));
        gateway.services.prune(new RetentionSettings(Duration.ofDays(7), Duration.ofDays(30), Duration.ofHours(1),
                Duration.ofMinutes(10))).prune();

        ReadTaskImage.Result result = read("alice", task.id(), 0);

        VideoTask pruned = gateway.store.find(task.id()).orElseThrow();
        assertThat(pruned.imagesRemovedAt()).isNotNull();
        assertThat(result).isInstanceOfSatisfying(ReadTaskImage.Removed.class, removed -> {
            assertThat(removed.removedAt()).isEqualTo(pruned.imagesRemovedAt());
            assertThat(removed.why()).contains("VIDU_KEEP_IMAGES");
        });
    }

    @Test
    void a_blob_missing_from_the_store_is_removed_without_a_time_and_an_outage_is_an_error_not_a_no() {
        VideoTask task = submit("alice");

        ImageBlobs down = (ImageBlobs) Proxy.newProxyInstance(ImageBlobs.class.getClassLoader(),
                new Class<?>[] {ImageBlobs.class}, (proxy, method, args) -> {
                    throw new IOException("the disk does not answer");
                });
        assertThatThrownBy(() -> new ReadTaskImageService(gateway.store, down).read("alice", task.id(), 0))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("the disk does not answer");

        gateway.images.delete(InlineImagesTest.sha256(first));
        assertThat(read("alice", task.id(), 0)).isInstanceOfSatisfying(ReadTaskImage.Removed.class,
                removed -> assertThat(removed.removedAt()).isNull());
    }
}
