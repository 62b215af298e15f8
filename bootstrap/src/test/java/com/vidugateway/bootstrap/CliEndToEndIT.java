package com.vidugateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.jcodec.common.DemuxerTrackMeta;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.containers.mp4.demuxer.MP4Demuxer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as a user runs it: the built jar in a child process, a temporary data directory, the fake provider. */
class CliEndToEndIT {

    private static final Duration COMMAND = Duration.ofSeconds(60);
    private final ObjectMapper json = ObjectMapper.getDefault();

    @TempDir
    Path dir;

    private ViduProcess vidu;
    private Path cat;

    @BeforeEach
    void setUp() throws IOException {
        vidu = new ViduProcess(dir);
        cat = dir.resolve("cat.png");
        ImageIO.write(new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB), "png", cat.toFile());
    }

    private Map<String, Object> parse(String text) throws IOException {
        return json.readValue(text.trim(), Argument.mapOf(String.class, Object.class));
    }

    @Test
    void submit_wait_output_gives_a_playable_mp4_of_the_requested_length_and_shape() throws Exception {
        Path video = dir.resolve("out/cat.mp4");

        ViduProcess.Result result = vidu.run(COMMAND, "submit", "--image", cat.toString(), "--prompt", "make it dance",
                "--duration", "4", "--aspect-ratio", "9:16", "--wait", "--output", video.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Success").contains("saved " + video);
        assertThat(result.err()).containsOnlyOnce("FAKE provider");
        try (SeekableByteChannel channel = NIOUtils.readableChannel(video.toFile())) {
            DemuxerTrackMeta meta = MP4Demuxer.createMP4Demuxer(channel).getVideoTrack().getMeta();
            assertThat(meta.getTotalDuration()).isCloseTo(4.0, org.assertj.core.data.Offset.offset(0.2));
            assertThat(meta.getVideoCodecMeta().getSize().getHeight()).isGreaterThan(meta.getVideoCodecMeta().getSize().getWidth());
        }
    }

    @Test
    void status_list_and_download_read_the_same_task_and_json_parses() throws Exception {
        ViduProcess.Result submitted = vidu.run(COMMAND, "submit", "--image", cat.toString(), "--prompt", "hello",
                "--duration", "1", "--resolution", "540p", "--wait", "--json");
        assertThat(submitted.exitCode()).as(submitted.err()).isZero();
        Map<String, Object> task = parse(submitted.out());
        String id = (String) task.get("task_id");
        assertThat(task).containsEntry("status", "Success");

        ViduProcess.Result status = vidu.run(COMMAND, "status", id, "--json");
        ViduProcess.Result list = vidu.run(COMMAND, "list", "--json");
        ViduProcess.Result table = vidu.run(COMMAND, "list");
        Path saved = dir.resolve("saved.mp4");
        ViduProcess.Result download = vidu.run(COMMAND, "download", id, "-o", saved.toString());

        assertThat(status.exitCode()).isZero();
        assertThat(parse(status.out())).containsEntry("task_id", id).containsEntry("status", "Success");
        List<Map<String, Object>> tasks = json.readValue(list.out().trim(),
                Argument.listOf(Argument.mapOf(String.class, Object.class)));
        assertThat(tasks).extracting(t -> t.get("task_id")).containsExactly(id);
        assertThat(table.out()).contains("ID").contains("STATUS").contains(id).contains("Success");
        assertThat(download.exitCode()).as(download.err()).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> stored = (Map<String, Object>) task.get("video");
        assertThat(sha256(saved)).isEqualTo(stored.get("sha256"));
    }

    @Test
    void exit_codes_follow_the_product_contract() throws Exception {
        ViduProcess.Result invalid = vidu.run(COMMAND, "submit", "--image", cat.toString(), "--prompt", "x", "--duration", "11");
        ViduProcess.Result failed = vidu.run(COMMAND, "submit", "--image", cat.toString(), "--prompt", "x [fail]",
                "--duration", "1", "--resolution", "540p", "--wait");
        ViduProcess.Result refusedKey = vidu.run(COMMAND, "submit", "--image", cat.toString(), "--prompt", "x [reject:auth]");
        ViduProcess.Result refusedContent = vidu.run(COMMAND, "submit", "--image", cat.toString(), "--prompt", "x [reject:sensitive]");
        ViduProcess.Result unknown = vidu.run(COMMAND, "status", "no-such-task");
        ViduProcess.Result usage = vidu.run(COMMAND, "list", "--limit", "many");
        ViduProcess.Result stuck = vidu.run(COMMAND, "submit", "--image", cat.toString(), "--prompt", "x [stuck]",
                "--wait", "--timeout", "3s");

        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.err()).contains("parameters.duration").contains("Nothing was sent");
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.err()).contains("the task failed");
        assertThat(refusedKey.exitCode()).isEqualTo(3);
        assertThat(refusedContent.exitCode()).isEqualTo(1);
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(stuck.exitCode()).isEqualTo(3);
        assertThat(stuck.err()).contains("still").contains("vidu wait");
        for (ViduProcess.Result result : List.of(invalid, failed, refusedKey, unknown, usage, stuck)) {
            assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void without_VIDU_DATA_DIR_the_data_lives_in_the_home_directory() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path workingDirectory = dir;
        ViduProcess.Result list = new ViduProcess(workingDirectory).without("VIDU_DATA_DIR")
                .with("JAVA_TOOL_OPTIONS", "-Duser.home=" + home).run(COMMAND, "list");

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(home.resolve(".vidu-gateway").resolve("vidu.mv.db")).exists();
        try (var files = Files.list(workingDirectory)) {
            // Once, an unresolved ${user.home} placeholder put the data in the working directory under that very name.
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains("$"))
                    .noneMatch(name -> name.startsWith("vidu.mv.db"));
        }
    }

    @Test
    void offline_commands_never_open_the_store_or_name_the_provider() throws Exception {
        ViduProcess.Result help = vidu.run(COMMAND, "--help");
        ViduProcess.Result models = vidu.run(COMMAND, "models", "--json");
        ViduProcess.Result validate = vidu.run(COMMAND, "validate", "--image", cat.toString(), "--prompt", "x", "--json");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("submit").contains("wait").contains("status").contains("list")
                .contains("download").contains("validate").contains("models").contains("serve");
        assertThat(models.exitCode()).isZero();
        assertThat(validate.exitCode()).isZero();
        assertThat(parse(validate.out())).containsEntry("valid", true);
        assertThat(help.err() + models.err() + validate.err()).doesNotContain("FAKE");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("vidu.mv.db"));
        }
    }

    @Test
    void the_cli_and_a_running_server_share_one_data_directory() throws Exception {
        int port = ViduProcess.freePort();
        Process server = vidu.with("VIDU_PORT", String.valueOf(port)).start("serve");
        try {
            ViduProcess.Result submitted = vidu.run(COMMAND, "submit", "--image", cat.toString(), "--prompt", "shared",
                    "--duration", "1", "--resolution", "540p", "--json");
            assertThat(submitted.exitCode()).as(submitted.err()).isZero();
            String id = (String) parse(submitted.out()).get("task_id");

            // The CLI process has ended; only the server's sync can move the task on now.
            Instant deadline = Instant.now().plusSeconds(60);
            Map<String, Object> seen = Map.of();
            while (Instant.now().isBefore(deadline)) {
                seen = parse(vidu.run(COMMAND, "status", id, "--json").out());
                @SuppressWarnings("unchecked")
                Map<String, Object> video = (Map<String, Object>) seen.get("video");
                if (Boolean.TRUE.equals(video.get("stored"))) {
                    break;
                }
                Thread.sleep(500);
            }
            assertThat(seen).as(Files.readString(dir.resolve("serve.log"))).containsEntry("status", "Success");
            assertThat(server.isAlive()).isTrue();

            // No keys: loopback only. The kernel's table of listening sockets says where it listens (no traffic is
            // sent to another address to find out).
            assertThat(Files.readString(dir.resolve("serve.log"))).contains("serving on 127.0.0.1 port " + port);
            assertThat(ListeningSockets.addresses(port)).isNotEmpty()
                    .allMatch(ListeningSockets.LOOPBACK::contains);
        } finally {
            server.destroy();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("serve stops on SIGTERM").isTrue();
        }
    }


    /**
     * On SIGTERM the instance leaves the cluster before it ends, on the embedded database too, and says nothing alarming.
     * H2's own exit hook may close the file under the hand-over (it cannot be turned off beside AUTO_SERVER); the store
     * then does the work again on a new connection, and the pool's warning about the closed one is not shown.
     */
    @Test
    void serve_stopped_by_sigterm_leaves_the_cluster(@TempDir Path directory) throws Exception {
        try (ServeProcess server = ServeProcess.start("stopped", directory, Map.of(), false)) {
            server.awaitHealthy(Duration.ofSeconds(60));

            server.stop(Duration.ofSeconds(30));

            assertThat(server.logText()).contains("left the cluster").doesNotContain("could not unregister")
                    .doesNotContain("already closed").doesNotContain("Exception");
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
