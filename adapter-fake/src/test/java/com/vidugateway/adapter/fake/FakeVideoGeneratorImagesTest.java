package com.vidugateway.adapter.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vidugateway.application.port.out.ImageBlobs;
import com.vidugateway.application.port.out.ProviderFailure;
import com.vidugateway.application.testing.InMemoryImageBlobs;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.image.ImageContent;
import com.vidugateway.domain.image.ImageInput;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.request.VideoRequestDraft;
import com.vidugateway.domain.request.VideoRequestDraft.SubjectDraft;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A submit reads its inline images from the blob store as the Modelverse adapter does when it sends them (each
 * streamed whole, size and SHA-256 checked) and refuses what that adapter refuses, with the same codes.
 */
class FakeVideoGeneratorImagesTest {

    private static final String PNG_PREFIX = "data:image/png;base64,";

    private final TestClock clock = new TestClock();
    private final InMemoryImageBlobs blobs = new InMemoryImageBlobs();
    /** Bytes read from each blob the fake opened, once it closed the stream. */
    private final Map<String, Long> readWhole = new ConcurrentHashMap<>();
    private FakeVideoGenerator generator;

    @BeforeEach
    void start(@TempDir Path videos) {
        generator = new FakeVideoGenerator(clock, 10, videos, recordingReads(blobs));
    }

    @AfterEach
    void stop() {
        generator.close();
    }

    /** The store as the fake sees it, noting how many bytes of each blob were read by the time it was closed. */
    private ImageBlobs recordingReads(ImageBlobs delegate) {
        return (ImageBlobs) Proxy.newProxyInstance(ImageBlobs.class.getClassLoader(), new Class<?>[] {ImageBlobs.class},
                (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (!method.getName().equals("open")) {
                        return result;
                    }
                    String sha256 = (String) args[0];
                    return new FilterInputStream((InputStream) result) {
                        private long read;

                        @Override
                        public int read(byte[] b, int off, int len) throws IOException {
                            int n = super.read(b, off, len);
                            read += Math.max(n, 0);
                            return n;
                        }

                        @Override
                        public void close() throws IOException {
                            super.close();
                            readWhole.put(sha256, read);
                        }
                    };
                });
    }

    /** A PNG signature and IHDR (all the rules read), then seeded noise up to {@code size} bytes. */
    private static byte[] png(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        ByteBuffer.wrap(bytes).put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})
                .putInt(13).put(new byte[] {'I', 'H', 'D', 'R'}).putInt(1024).putInt(768).put(new byte[] {8, 2, 0, 0, 0});
        return bytes;
    }

    private static String sha256(byte[] bytes) {
        return ImageContent.of(bytes).sha256();
    }

    private void store(String sha256, byte[] bytes) {
        try (ImageBlobs.Upload upload = blobs.upload()) {
            upload.write(bytes, 0, bytes.length);
            upload.keep(sha256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] storedPng(int size, long seed) {
        byte[] png = png(size, seed);
        store(sha256(png), png);
        return png;
    }

    private static ImageInput decoded(String prefix, byte[] bytes) {
        return new ImageInput.Decoded(prefix, ImageContent.of(bytes), null);
    }

    private static VideoRequest request(ImageInput... images) {
        return VideoRequest.from(VideoRequestDraft.builder().model("viduq2").imageInputs(List.of(images))
                .prompt("make it dance.").duration(5).build(), ModelCatalogue.STANDARD).value();
    }

    @Test
    void inline_images_are_read_whole_from_the_store_and_the_task_is_accepted() throws Exception {
        byte[] first = storedPng(300_001, 1);
        byte[] second = storedPng(200_000, 2);
        VideoRequest subjects = VideoRequest.from(VideoRequestDraft.builder().model("viduq2")
                .subjects(List.of(new SubjectDraft("1", List.of(decoded(PNG_PREFIX, first), ImageInput.of(Requests.IMAGE_URL)), ""),
                        new SubjectDraft("2", List.of(decoded(null, second)), "")))
                .prompt("@1 and @2 dance").duration(5).build(), ModelCatalogue.STANDARD).value();

        String id = generator.submit(subjects).providerTaskId();

        assertThat(generator.status(id).taskId()).isEqualTo(id);
        assertThat(readWhole).containsOnly(Map.entry(sha256(first), (long) first.length),
                Map.entry(sha256(second), (long) second.length));
    }

    @Test
    void an_image_missing_from_the_store_is_refused_before_any_is_read() {
        byte[] kept = storedPng(100_000, 3);
        byte[] neverKept = png(100_000, 4);

        assertThatThrownBy(() -> generator.submit(request(decoded(PNG_PREFIX, kept), decoded(PNG_PREFIX, neverKept))))
                .isInstanceOfSatisfying(ProviderFailure.Rejected.class, e -> {
                    assertThat(e.reason()).isEqualTo(ProviderFailure.Reason.BAD_PARAMETER);
                    assertThat(e.httpStatus()).isZero();
                    assertThat(e.code()).isEqualTo("image_missing");
                    assertThat(e.getMessage()).contains("input.images[1]").contains(sha256(neverKept))
                            .contains("removed").contains("never stored").contains("nothing was sent");
                });
        assertThat(readWhole).isEmpty();
    }

    @Test
    void an_image_whose_blob_is_not_its_bytes_is_refused_as_damaged() {
        byte[] png = png(100_000, 5);
        byte[] shorter = png(100_000, 6);
        byte[] longer = png(100_000, 7);
        store(sha256(png), png(100_000, 8));
        store(sha256(shorter), Arrays.copyOf(shorter, shorter.length - 1));
        store(sha256(longer), Arrays.copyOf(longer, longer.length + 1));

        assertThatThrownBy(() -> generator.submit(request(decoded(PNG_PREFIX, png))))
                .isInstanceOfSatisfying(ProviderFailure.Rejected.class, e -> {
                    assertThat(e.code()).isEqualTo("image_damaged");
                    assertThat(e.reason()).isEqualTo(ProviderFailure.Reason.BAD_PARAMETER);
                    assertThat(e.getMessage()).contains("input.images[0]").contains(sha256(png))
                            .contains("SHA-256 " + sha256(png(100_000, 8))).contains("nothing was submitted");
                });
        assertThatThrownBy(() -> generator.submit(request(ImageInput.of(Requests.IMAGE_URL), decoded(null, shorter))))
                .isInstanceOfSatisfying(ProviderFailure.Rejected.class, e -> {
                    assertThat(e.code()).isEqualTo("image_damaged");
                    assertThat(e.getMessage()).contains("input.images[1]").contains("holds " + (shorter.length - 1) + " bytes");
                });
        assertThatThrownBy(() -> generator.submit(request(decoded(PNG_PREFIX, longer))))
                .isInstanceOfSatisfying(ProviderFailure.Rejected.class, e -> {
                    assertThat(e.code()).isEqualTo("image_damaged");
                    assertThat(e.getMessage()).contains("holds " + (longer.length + 1) + " bytes");
                });
    }

    @Test
    void a_submit_never_holds_an_image_whole() throws Exception {
        ImageInput[] images = new ImageInput[4];
        for (int i = 0; i < images.length; i++) {
            images[i] = decoded(PNG_PREFIX, storedPng(10 * 1024 * 1024, 10 + i));
        }
        VideoRequest request = request(images);
        generator.submit(request(decoded(PNG_PREFIX, storedPng(100_000, 9))));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);

        generator.submit(request);

        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertThat(readWhole.values()).contains(10L * 1024 * 1024);
        assertThat(allocated).as("bytes allocated to read 40 MiB of images").isLessThan(1024 * 1024);
    }
}
