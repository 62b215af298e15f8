package com.vidugateway.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.application.service.ListModelsService;
import com.vidugateway.application.service.ValidateVideoRequestService;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.catalogue.PriceLatencyTable;
import com.vidugateway.domain.text.Language;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        ViduCli cli = new ViduCli(Language.ENGLISH, 
                new ModelsCommand(new ListModelsService(ModelCatalogue.STANDARD)),
                new ValidateCommand(new ValidateVideoRequestService(ModelCatalogue.STANDARD, PriceLatencyTable.STANDARD)));
        cli.commandLine().setOut(new PrintWriter(out));
        cli.commandLine().setErr(new PrintWriter(err));
        return cli.run(args);
    }

    private Path image(String name, String format, int width, int height) throws IOException {
        Path file = dir.resolve(name);
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), format, file.toFile());
        return file;
    }

    @Test
    void valid_local_png_prints_normalized_request_with_defaults_and_estimate_and_exits_0() throws IOException {
        Path cat = image("cat.png", "png", 300, 200);

        int code = run("validate", "--image", cat.toString(), "--prompt", "make it dance");

        assertThat(code).isZero();
        assertThat(out.toString())
                .contains("Valid")
                .contains("PNG 300×200")
                .contains("720p (default)")
                .contains("5 s (default)")
                .contains("1.41 CNY")
                .contains("28.7 s");
    }

    @Test
    void json_verdict_carries_the_provider_body_and_estimate() throws IOException {
        Path cat = image("cat.jpg", "jpg", 256, 256);

        int code = run("validate", "--image", cat.toString(), "--prompt", "hi", "--duration", "10",
                "--resolution", "1080p", "--json");

        assertThat(code).isZero();
        String json = out.toString().trim();
        assertThat(json).startsWith("{\"valid\":true,\"request\":{\"model\":\"viduq2\",\"input\":{\"images\":[\"data:image/jpeg;base64,<");
        // The image is shown by its header and what it holds, never as megabytes of base64.
        assertThat(json).contains("JPEG 256×256 elided>\"]");
        assertThat(json).contains("\"parameters\":{\"vidu_type\":\"reference2video\",\"duration\":10,"
                + "\"aspect_ratio\":\"16:9\",\"resolution\":\"1080p\",\"movement_amplitude\":\"auto\",\"bgm\":false}");
        assertThat(json).endsWith("\"estimate\":{\"cost_cny\":5.78,\"typical_generation_seconds\":106.0,"
                + "\"basis\":\"provider price list: viduq2 10 s 1080p\"}}");
    }

    @Test
    void every_violation_is_listed_with_field_and_option_and_exit_is_2() throws IOException {
        Path tiny = image("tiny.png", "png", 100, 100);

        int code = run("validate", "--image", tiny.toString(), "--image", dir.resolve("missing.png").toString(),
                "--prompt", " ", "--model", "vidu2.0", "--aspect-ratio", "4:3");

        assertThat(code).isEqualTo(ExitCode.INVALID);
        assertThat(out.toString())
                .contains("4 rules broken")
                .contains("input.images[0] (--image " + tiny + "): image is 100×100 px")
                .contains("input.images[1] (--image ")
                .contains("does not exist")
                .contains("input.prompt (--prompt): is blank")
                .contains("parameters.aspect_ratio (--aspect-ratio): 4:3 is not offered by vidu2.0");
    }

    @Test
    void json_violations_parse_as_one_object_per_rule() throws IOException {
        Path gif = image("anim.gif", "gif", 200, 200);

        int code = run("validate", "--image", gif.toString(), "--prompt", "x", "--json");

        assertThat(code).isEqualTo(ExitCode.INVALID);
        assertThat(out.toString().trim()).isEqualTo("{\"valid\":false,\"violations\":[{\"field\":\"input.images[0]\","
                + "\"message\":\"the image data is a GIF image; the provider accepts only PNG, JPEG and WebP\"}]}");
    }

    @Test
    void subjects_are_read_from_id_and_paths() throws IOException {
        Path a = image("a.png", "png", 200, 200);
        Path b = image("b.png", "png", 200, 300);

        int code = run("validate", "--subject", "1:" + a + "," + b, "--subject", "2:" + a,
                "--prompt", "@1 and @2 run", "--audio", "--json");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("\"subjects\":[{\"id\":\"1\",\"images\":[\"data:image/png;base64,")
                .contains("\"audio\":true")
                .contains("\"cost_cny\":1.87875");
    }

    @Test
    void unknown_option_is_a_usage_error_with_exit_2_on_stderr() {
        int code = run("validate", "--colour", "red");

        assertThat(code).isEqualTo(ExitCode.INVALID);
        assertThat(err.toString()).contains("Unknown option").contains("vidu validate --help");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void an_unknown_option_of_the_root_command_names_vidu_once() {
        int code = run("--colour", "red");

        assertThat(code).isEqualTo(ExitCode.INVALID);
        assertThat(err.toString()).startsWith("vidu: Unknown options: '--colour'").contains("vidu --help")
                .doesNotContain("vidu vidu");
    }

    @Test
    void models_json_lists_every_model_of_the_catalogue() {
        int code = run("models", "--json");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("\"model\":\"viduq2\"").contains("\"model\":\"viduq1\"")
                .contains("\"model\":\"vidu2.0\"").contains("\"model\":\"vidu1.5\"")
                .contains("\"movement_amplitude_supported\":false");
    }

    @Test
    void models_table_groups_durations_that_share_resolutions() {
        run("models");

        assertThat(out.toString()).contains("1–10 s: 540p 720p 1080p (720p)")
                .contains("4 s: 360p 720p 1080p (360p); 8 s: 720p (720p)");
    }

    @Test
    void a_file_larger_than_50_mib_is_refused_without_reading_it() throws IOException {
        Path huge = dir.resolve("huge.png");
        try (var file = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(50L * 1024 * 1024 + 1);
        }

        int code = run("validate", "--image", huge.toString(), "--prompt", "x");

        assertThat(code).isEqualTo(ExitCode.INVALID);
        assertThat(out.toString()).contains("is 50.00 MiB (52428801 bytes); at most 50 MiB (52428800 bytes) is allowed");
    }

    @Test
    void json_writer_escapes_control_characters_and_quotes() {
        assertThat(Json.write(java.util.Map.of("k", "a\"b\\c\nd\u0001"))).isEqualTo("{\"k\":\"a\\\"b\\\\c\\nd\\u0001\"}");
    }
}
