package com.vidugateway.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.application.port.in.PruneStorage;
import com.vidugateway.application.port.in.ReceiveImage;
import com.vidugateway.application.port.in.SubmitVideoTask;
import com.vidugateway.application.port.in.SubmitVideoTask.Command;
import com.vidugateway.application.testing.InMemoryVideoTasks;
import com.vidugateway.domain.image.ImageInput;
import com.vidugateway.domain.image.ReferenceImage;
import com.vidugateway.domain.request.VideoRequestDraft;
import com.vidugateway.domain.task.StoredVideo;
import com.vidugateway.domain.task.VideoTask;
import java.io.IOException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Inline images become blobs: kept when a submit is accepted, dropped otherwise, removed by retention. */
class InlineImagesTest {

    private final Gateway gateway = Gateway.over(new InMemoryVideoTasks());
    private final byte[] png = png(300, 200);
    private final String uri = "data:image/png;base64," + Base64.getEncoder().encodeToString(png);

    private SubmitVideoTask.Result submit(VideoRequestDraft draft, String key) {
        return gateway.services.submit().submit(new Command("alice", draft, key));
    }

    private static VideoRequestDraft.Builder draft() {
        return VideoRequestDraft.builder().model("viduq2").prompt("make it dance");
    }

    @Test
    void an_accepted_submit_keeps_its_inline_image_as_a_blob_and_the_task_refers_to_it() {
        SubmitVideoTask.Result result = submit(draft().images(uri).build(), null);

        VideoTask task = ((SubmitVideoTask.Accepted) result).task();
        ReferenceImage.InlineImage image = (ReferenceImage.InlineImage) task.request().references().allImages().get(0);
        assertThat(image.blob().sha256()).isEqualTo(sha256(png));
        assertThat(image.dataUriPrefix()).isEqualTo("data:image/png;base64,");
        assertThat(gateway.images.bytes(image.blob().sha256())).isEqualTo(png);
        assertThat(gateway.images.openUploads()).isZero();
    }

    @Test
    void a_refused_request_keeps_no_blob() {
        SubmitVideoTask.Result result = submit(draft().images(uri).prompt(" ").build(), null);

        assertThat(result).isInstanceOf(SubmitVideoTask.Invalid.class);
        assertThat(gateway.images.list()).isEmpty();
        assertThat(gateway.images.openUploads()).isZero();
    }

    @Test
    void a_streamed_image_is_kept_once_however_often_it_is_sent() throws IOException {
        for (int i = 0; i < 2; i++) {
            try (ReceiveImage.Receipt receipt = gateway.services.receiveImage().receive()) {
                char[] text = uri.toCharArray();
                for (int at = 0; at < text.length; at += 1000) {
                    receipt.write(text, at, Math.min(1000, text.length - at));
                }
                ImageInput image = receipt.finish();
                assertThat(submit(draft().imageInputs(List.of(image)).build(), null))
                        .isInstanceOf(SubmitVideoTask.Accepted.class);
            }
        }

        assertThat(gateway.images.list()).hasSize(1);
        assertThat(gateway.images.openUploads()).isZero();
    }

    @Test
    void base64_broken_after_a_valid_header_is_refused_naming_the_image_and_nothing_is_kept() throws IOException {
        String base64 = Base64.getEncoder().encodeToString(png);
        int at = base64.length() - 8;
        String broken = "data:image/png;base64," + base64.substring(0, at) + "!" + base64.substring(at + 1);
        SubmitVideoTask.Result result;
        try (ReceiveImage.Receipt receipt = gateway.services.receiveImage().receive()) {
            receipt.write(broken.toCharArray(), 0, broken.length());
            result = submit(draft().imageInputs(List.of(ImageInput.of("https://example.com/a.png"), receipt.finish()))
                    .build(), null);
        }

        assertThat(result).isInstanceOfSatisfying(SubmitVideoTask.Invalid.class, invalid ->
                assertThat(invalid.violations()).singleElement().satisfies(v -> {
                    assertThat(v.field()).isEqualTo("input.images[1]");
                    assertThat(v.message()).contains("invalid character '!' at position " + at);
                }));
        assertThat(gateway.images.list()).isEmpty();
        assertThat(gateway.images.openUploads()).isZero();
        assertThat(gateway.provider.submits()).isEmpty();
    }

    @Test
    void a_resent_submit_with_the_same_key_and_image_is_the_same_task() {
        VideoTask first = ((SubmitVideoTask.Accepted) submit(draft().images(uri).build(), "k-1")).task();
        SubmitVideoTask.Result again = submit(draft().images(uri).build(), "k-1");
        String otherImage = "data:image/png;base64," + Base64.getEncoder().encodeToString(png(301, 200));
        SubmitVideoTask.Result other = submit(draft().images(otherImage).build(), "k-1");

        assertThat(again).isInstanceOfSatisfying(SubmitVideoTask.Accepted.class, accepted -> {
            assertThat(accepted.replayed()).isTrue();
            assertThat(accepted.task().id()).isEqualTo(first.id());
        });
        assertThat(other).isInstanceOf(SubmitVideoTask.IdempotencyConflict.class);
        assertThat(gateway.provider.submits()).hasSize(1);
    }

    @Test
    void retention_removes_the_images_of_tasks_ended_long_ago_then_the_blobs_no_task_keeps() {
        RetentionSettings retention = new RetentionSettings(Duration.ofDays(7), Duration.ofDays(30),
                Duration.ofHours(1), Duration.ofMinutes(10));
        VideoTask task = ((SubmitVideoTask.Accepted) submit(draft().images(uri).build(), null)).task();
        gateway.syncFor(Duration.ofMinutes(2));
        VideoTask ended = gateway.store.find(task.id()).orElseThrow();
        assertThat(ended.isTerminal()).isTrue();
        String sha = sha256(png);

        gateway.clock.advance(Duration.ofDays(6));
        PruneStorage.Report early = gateway.services.prune(retention).prune();
        gateway.clock.advance(Duration.ofDays(2));
        PruneStorage.Report late = gateway.services.prune(retention).prune();

        assertThat(early.removedNothing()).isTrue();
        assertThat(gateway.images.contains(sha)).isFalse();
        assertThat(late.tasksWithImagesRemoved()).isEqualTo(1);
        assertThat(late.blobsRemoved()).isEqualTo(1);
        assertThat(late.blobBytes()).isEqualTo(png.length);
        VideoTask after = gateway.store.find(task.id()).orElseThrow();
        assertThat(after.imagesRemovedAt()).isEqualTo(gateway.clock.instant());
        assertThat(after.status()).isEqualTo(ended.status());
    }

    @Test
    void retention_removes_videos_only_when_a_video_retention_is_set() {
        VideoTask task = ((SubmitVideoTask.Accepted) submit(draft().images(uri).build(), null)).task();
        gateway.syncFor(Duration.ofMinutes(2));
        StoredVideo video = gateway.store.find(task.id()).orElseThrow().video();
        assertThat(video).isNotNull();
        gateway.clock.advance(Duration.ofDays(40));

        gateway.services.prune(RetentionSettings.defaults()).prune();
        assertThat(gateway.archive.deleted()).isEmpty();

        PruneStorage.Report report = gateway.services.prune(new RetentionSettings(Duration.ofDays(7),
                Duration.ofDays(30), Duration.ofHours(1), Duration.ofMinutes(10))).prune();
        assertThat(report.videosRemoved()).isEqualTo(1);
        assertThat(gateway.archive.deleted()).containsExactly(video);
        assertThat(gateway.store.find(task.id()).orElseThrow().video().removedAt()).isEqualTo(gateway.clock.instant());
        assertThat(gateway.services.video().read("alice", task.id()))
                .isInstanceOfSatisfying(com.vidugateway.application.port.in.ReadTaskVideo.NotReady.class,
                        notReady -> assertThat(notReady.why()).contains("VIDU_KEEP_VIDEOS"));
    }

    @Test
    void a_blob_no_task_refers_to_goes_only_once_its_mark_is_an_hour_old() throws IOException {
        // As a submit keeps an image: marked first, then kept (its task never stored: a crash, a lost connection).
        gateway.marks.mark(sha256(png));
        try (var upload = gateway.images.upload()) {
            upload.write(png, 0, png.length);
            upload.keep(sha256(png));
        }
        gateway.clock.advance(Duration.ofMinutes(59));
        assertThat(gateway.services.prune(RetentionSettings.defaults()).prune().blobsRemoved()).isZero();
        gateway.clock.advance(Duration.ofMinutes(2));
        assertThat(gateway.services.prune(RetentionSettings.defaults()).prune().blobsRemoved()).isEqualTo(1);
    }

    /** A PNG header of the given size followed by a little filler: all the inspection reads. */
    static byte[] png(int width, int height) {
        byte[] bytes = new byte[600];
        byte[] head = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[16] = (byte) (width >>> 24);
        bytes[17] = (byte) (width >>> 16);
        bytes[18] = (byte) (width >>> 8);
        bytes[19] = (byte) width;
        bytes[20] = (byte) (height >>> 24);
        bytes[21] = (byte) (height >>> 16);
        bytes[22] = (byte) (height >>> 8);
        bytes[23] = (byte) height;
        for (int i = 24; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
