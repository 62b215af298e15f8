package com.vidugateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.adapter.s3.S3rver;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar with {@code VIDU_STORAGE} as a user sets it: a bad one stops {@code vidu serve} and a task command
 * with one line naming the setting; an {@code s3://} one keeps a submitted task's image and video in the bucket and
 * neither in the data directory. s3rver on loopback is the bucket; the AWS settings are the environment variables.
 */
class StorageSettingIT {

    private static final Duration COMMAND = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @RegisterExtension
    final S3rver.Bucket bucket = new S3rver.Bucket();
    private Path dataDir;
    private ViduProcess vidu;

    @BeforeEach
    void setUp() throws IOException {
        dataDir = Files.createDirectories(dir.resolve("data"));
        vidu = new ViduProcess(dir).with("VIDU_DATA_DIR", dataDir.toString())
                .with("VIDU_PORT", String.valueOf(ViduProcess.freePort()))
                .with("AWS_ENDPOINT_URL", S3rver.endpoint().toString())
                .with("AWS_ACCESS_KEY_ID", S3rver.ACCESS_KEY).with("AWS_SECRET_ACCESS_KEY", S3rver.SECRET_KEY)
                .with("AWS_REGION", "us-east-1").with("AWS_EC2_METADATA_DISABLED", "true");
    }

    @Test
    void serve_with_an_unknown_scheme_stops_with_one_line() throws Exception {
        vidu.with("VIDU_STORAGE", "ftp://media").run(COMMAND, "serve").assertRefusedSetting("vidu serve: VIDU_STORAGE:"
                + " 'ftp://media' is not a storage: use 'file' (the data directory, the default) or s3://bucket[/prefix]");
    }

    @Test
    void serve_with_a_bucket_that_does_not_exist_stops_with_one_line_naming_the_endpoint() throws Exception {
        vidu.with("VIDU_STORAGE", "s3://no-such-bucket-here").run(COMMAND, "serve").assertRefusedSetting("vidu serve:"
                + " VIDU_STORAGE: bucket 'no-such-bucket-here' does not exist at " + S3rver.endpoint() + " (AWS_ENDPOINT_URL)");
    }

    @Test
    void serve_with_refused_credentials_stops_with_one_line_without_the_secret() throws Exception {
        String secret = "sEcReT-of-the-jar-test-0123456789";
        ViduProcess.Result result = vidu.with("VIDU_STORAGE", "s3://" + bucket.name())
                .with("AWS_ACCESS_KEY_ID", "NOT-AN-ACCOUNT").with("AWS_SECRET_ACCESS_KEY", secret)
                .run(COMMAND, "serve");

        assertThat(result.errorLines()).singleElement().asString()
                .startsWith("vidu serve: VIDU_STORAGE: " + S3rver.endpoint() + " (AWS_ENDPOINT_URL) refused the"
                        + " credentials for bucket '" + bucket.name() + "' (HTTP 403")
                .endsWith("; check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
        assertThat(result.err() + result.out()).doesNotContain(secret);
        assertThat(result.exitCode()).isEqualTo(2);
    }

    @Test
    void serve_with_an_unreachable_endpoint_stops_with_one_line_in_a_few_seconds() throws Exception {
        URI closed = S3rver.closedEndpoint();
        long start = System.nanoTime();
        ViduProcess.Result result = vidu.with("VIDU_STORAGE", "s3://" + bucket.name())
                .with("AWS_ENDPOINT_URL", closed.toString()).run(COMMAND, "serve");

        assertThat(result.errorLines()).singleElement().asString()
                .startsWith("vidu serve: VIDU_STORAGE: the object store at " + closed
                        + " (AWS_ENDPOINT_URL) cannot be reached (");
        // An outage, not a wrong setting: the storage exit code.
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void a_task_command_with_a_bad_setting_says_it_in_its_first_line() throws Exception {
        ViduProcess.Result result = vidu.with("VIDU_STORAGE", "s3://").run(COMMAND, "list");

        assertThat(result.errorLines()).first().isEqualTo(
                "vidu list: VIDU_STORAGE: 's3://' names no bucket: expected s3://bucket[/prefix]");
        assertThat(result.exitCode()).isNotZero();
    }

    @Test
    void with_s3_storage_the_image_and_the_video_are_in_the_bucket_and_not_in_the_data_directory() throws Exception {
        Path cat = dir.resolve("cat.png");
        ImageIO.write(new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB), "png", cat.toFile());

        ViduProcess.Result result = vidu.with("VIDU_STORAGE", "s3://" + bucket.name() + "/gw").run(COMMAND, "submit",
                "--image", cat.toString(), "--prompt", "make it dance", "--duration", "4", "--wait");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(bucket.keys()).anySatisfy(key -> assertThat(key).startsWith("gw/blobs/"))
                .anySatisfy(key -> assertThat(key).matches("gw/videos/[^/]+\\.mp4"));
        assertThat(dataDir.resolve("blobs")).doesNotExist();
        assertThat(dataDir.resolve("videos")).doesNotExist();
        try (Stream<Path> staged = Files.list(dataDir.resolve(StorageFactory.S3_STAGING))) {
            assertThat(staged.toList()).as("no upload left in the staging directory").isEmpty();
        }
        try (Stream<Path> all = Files.walk(dataDir)) {
            assertThat(all.filter(Files::isRegularFile)
                    .filter(file -> !file.startsWith(dataDir.resolve("fake-provider")))
                    .map(file -> file.getFileName().toString()))
                    .as("the database and nothing of an image or a video").noneMatch(name -> name.endsWith(".mp4")
                            || name.endsWith(".png") || name.matches("[0-9a-f]{64}"));
        }
    }
}
