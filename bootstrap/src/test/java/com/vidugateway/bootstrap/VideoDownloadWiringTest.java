package com.vidugateway.bootstrap;

import static com.vidugateway.application.testing.VideoSources.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.vidugateway.adapter.http.HttpVideoDownload;
import com.vidugateway.adapter.persistence.LocalStorage;
import com.vidugateway.application.port.in.SubmitVideoTask;
import com.vidugateway.application.port.out.ProviderTask;
import com.vidugateway.application.port.out.Storage;
import com.vidugateway.application.port.out.VideoDownload;
import com.vidugateway.application.port.out.VideoGenerator;
import com.vidugateway.application.service.SyncSettings;
import com.vidugateway.application.service.VideoTaskServices;
import com.vidugateway.application.testing.InMemoryImageBlobMarks;
import com.vidugateway.application.testing.InMemoryVideoTasks;
import com.vidugateway.application.testing.MutableClock;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.catalogue.PriceLatencyTable;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.request.VideoRequestDraft;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Video downloads as {@code serve} and CLI commands wire them ({@link Downloads}): a provider whose result URL points
 * at loopback gets its task's copy refused — the task keeps the provider's URL and says why — unless
 * {@code VIDU_DOWNLOAD_ALLOW_PRIVATE} (and the port) allow it, or the URL is the running fake provider's own server.
 */
class VideoDownloadWiringTest {

    private static final byte[] VIDEO = "a video, as far as this test is concerned".repeat(100).getBytes();

    @TempDir
    Path dataDir;

    private HttpServer storage;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void serve() throws IOException {
        storage = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        storage.setExecutor(Executors.newCachedThreadPool());
        storage.createContext("/videos/", exchange -> {
            requests.add(exchange.getRequestURI().getPath());
            send(exchange, 200, VIDEO, VIDEO.length);
        });
        storage.start();
    }

    @AfterEach
    void stop() {
        storage.stop(0);
    }

    @Test
    void a_result_url_on_loopback_is_refused_and_the_task_keeps_the_url_and_says_why() throws Exception {
        VideoTask task = runToTheEnd(new DownloadProperties(null, null).download(Optional::empty));

        assertThat(task.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(task.video()).isNull();
        assertThat(task.resultUrls()).containsExactly(resultUrl());
        assertThat(task.videoProblem()).contains("could not be copied")
                .contains("127.0.0.1 is a loopback address").contains("VIDU_DOWNLOAD_ALLOW_PRIVATE=true");
        assertThat(requests).isEmpty();
    }

    @Test
    void with_the_setting_and_the_port_allowed_the_video_is_kept() throws Exception {
        VideoTask task = runToTheEnd(new DownloadProperties("true", String.valueOf(storage.getAddress().getPort()))
                .download(Optional::empty));

        assertThat(task.video()).isNotNull();
        assertThat(task.video().sizeBytes()).isEqualTo(VIDEO.length);
        assertThat(requests).hasSize(1);
    }

    @Test
    void the_fake_providers_own_server_is_trusted_without_the_setting_and_no_other_loopback_port_is() throws Exception {
        InetSocketAddress own = storage.getAddress();

        VideoTask fromTheFake = runToTheEnd(new DownloadProperties(null, null).download(() -> Optional.of(own)));
        VideoTask fromElsewhere = runToTheEnd(new DownloadProperties(null, null)
                .download(() -> Optional.of(new InetSocketAddress(own.getAddress(), own.getPort() + 1))));

        assertThat(fromTheFake.video()).isNotNull();
        assertThat(fromElsewhere.video()).isNull();
        assertThat(fromElsewhere.videoProblem()).contains("loopback");
        assertThat(requests).hasSize(1);
    }

    @Test
    void bad_values_are_refused_naming_their_setting() {
        assertThatThrownBy(() -> new DownloadProperties("yes", null).download(Optional::empty))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("VIDU_DOWNLOAD_ALLOW_PRIVATE: ");
        assertThatThrownBy(() -> new DownloadProperties("false", "8080,http").download(Optional::empty))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("VIDU_DOWNLOAD_ALLOWED_PORTS: ");
        assertThatThrownBy(() -> new DownloadProperties(null, "70000").download(Optional::empty))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("VIDU_DOWNLOAD_ALLOWED_PORTS: ");
    }

    @Test
    void serve_reads_the_settings_from_its_properties_and_is_strict_without_them() {
        try (ApplicationContext strict = ApplicationContext.run(Map.of("vidu.data-dir", dataDir.toString()));
             ApplicationContext loose = ApplicationContext.run(Map.of("vidu.data-dir", dataDir.toString(),
                     "vidu.downloads.allow-private-addresses", "true", "vidu.downloads.allowed-ports", "8080, 8443"))) {
            HttpVideoDownload byDefault = (HttpVideoDownload) strict.getBean(VideoDownload.class);
            HttpVideoDownload configured = (HttpVideoDownload) loose.getBean(VideoDownload.class);

            assertThat(byDefault.policy().allowsPrivateAddresses()).isFalse();
            assertThat(byDefault.policy().allowedPorts()).containsExactly(80, 443);
            assertThat(configured.policy().allowsPrivateAddresses()).isTrue();
            assertThat(configured.policy().allowedPorts()).containsExactly(80, 443, 8080, 8443);
        }
    }

    /** A task submitted to a provider that says Success at once with {@link #resultUrl()}, synced until it settles. */
    private VideoTask runToTheEnd(VideoDownload download) throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-05-01T08:00:00Z"));
        InMemoryVideoTasks tasks = new InMemoryVideoTasks();
        try (Storage local = LocalStorage.in(dataDir.resolve("storage-" + System.nanoTime()), clock, download)) {
            VideoTaskServices services = new VideoTaskServices(ModelCatalogue.STANDARD, PriceLatencyTable.STANDARD,
                    tasks, new Finished(resultUrl()), local.videos(), local.images(),
                    new InMemoryImageBlobMarks(clock, tasks::refersToImage), clock, clock, SyncSettings.defaults());
            SubmitVideoTask.Result result = services.submit().submit(new SubmitVideoTask.Command("alice",
                    VideoRequestDraft.builder().model("viduq2").images("https://example.com/cat.jpg")
                            .prompt("make it dance").build(), null));
            VideoTask task = ((SubmitVideoTask.Accepted) result).task();
            for (int minute = 0; minute < 5; minute++) {
                clock.advance(Duration.ofMinutes(1));
                services.sync().syncDue();
            }
            return tasks.find(task.id()).orElseThrow();
        }
    }

    private String resultUrl() {
        return "http://127.0.0.1:" + storage.getAddress().getPort() + "/videos/v1.mp4";
    }

    /** A provider whose every task is done, its video at one URL. */
    private record Finished(String url) implements VideoGenerator {
        @Override
        public Submission submit(VideoRequest request) {
            return new Submission("p-1", "r-1");
        }

        @Override
        public ProviderTask status(String providerTaskId) {
            Instant at = Instant.parse("2026-05-01T08:00:00Z");
            return new ProviderTask(providerTaskId, TaskStatus.SUCCESS, List.of(url), at, at, null, 5, "r");
        }

        @Override
        public String name() {
            return "finished";
        }
    }
}
