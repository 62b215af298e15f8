package com.vidugateway.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.application.service.ListModelsService;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.text.Language;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Option help lists the values of the catalogue the CLI is given, not values written into the help by hand. */
class CatalogueHelpTest {

    private static String help(ModelCatalogue catalogue, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ViduCli cli = new ViduCli(Language.ENGLISH, new SubmitCommand(null, null), new ValidateCommand(null), new StatusCommand(null),
                new ModelsCommand(new ListModelsService(catalogue)), new CompletionCommand());
        cli.commandLine().setOut(new PrintWriter(out));
        cli.commandLine().setErr(new PrintWriter(err));
        int code = cli.run(args);
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }

    /** The help line(s) of one option in the option list: from its line up to the next option's. */
    private static String option(String help, String name) {
        List<String> lines = Arrays.asList(help.split("\\R"));
        StringBuilder text = new StringBuilder();
        boolean in = false;
        for (String line : lines) {
            String trimmed = line.strip();
            boolean optionLine = trimmed.startsWith("-");
            if (optionLine) {
                in = trimmed.contains(name + "=");
            } else if (trimmed.isEmpty()) {
                in = false;
            }
            if (in) {
                text.append(trimmed).append(' ');
            }
        }
        assertThat(text).as(name + " in\n" + help).isNotEmpty();
        return text.toString().replaceAll("\\s+", " ");
    }

    /** The section after the options: "Allowed values by model" and its rows. */
    private static String section(String help) {
        int at = help.indexOf("Allowed values by model");
        assertThat(at).as(help).isNotNegative();
        return help.substring(at).replaceAll("\\s+", " ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"submit", "validate"})
    void request_options_list_every_value_of_the_standard_catalogue(String command) {
        String help = help(ModelCatalogue.STANDARD, command, "--help");

        assertThat(option(help, "--model")).contains("viduq2, viduq1, vidu2.0, vidu1.5").contains("default: viduq2");
        assertThat(option(help, "--duration")).contains("1, 2, 3, 4, 5, 6, 7, 8, 9, 10");
        assertThat(option(help, "--resolution")).contains("360p, 540p, 720p, 1080p");
        assertThat(option(help, "--aspect-ratio")).contains("16:9, 9:16, 4:3, 3:4, 1:1");
        assertThat(option(help, "--movement-amplitude")).contains("auto, small, medium, large");
    }

    @Test
    void the_section_says_briefly_what_each_model_allows_where_they_differ() {
        String section = section(help(ModelCatalogue.STANDARD, "submit", "--help"));

        assertThat(section)
                .contains("--image viduq2, viduq1: 1–7 images; vidu2.0, vidu1.5: 1–3 images")
                .contains("--duration viduq2: 1–10 s (default 5); viduq1: 5 s; vidu2.0: 4 s; vidu1.5: 4, 8 s (default 4)")
                .contains("viduq2: 540p 720p 1080p (default 720p); viduq1: 1080p; vidu2.0: 360p 720p (default 360p);"
                        + " vidu1.5: 4 s: 360p 720p 1080p (default 360p), 8 s: 720p")
                .contains("viduq2: 16:9 9:16 4:3 3:4 1:1 (default 16:9); viduq1, vidu2.0, vidu1.5: 16:9 9:16 1:1 (default 16:9)")
                .contains("viduq2: auto only; viduq1, vidu2.0, vidu1.5: auto small medium large (default auto)");
    }

    @Test
    void a_deployment_offering_fewer_models_gets_help_for_those_only() {
        ModelCatalogue offered = ModelCatalogue.STANDARD.restrictedTo(List.of("vidu2.0", "vidu1.5"));

        String help = help(offered, "validate", "--help");

        assertThat(option(help, "--model")).contains("Model: vidu2.0, vidu1.5 ").doesNotContain("viduq1");
        assertThat(option(help, "--duration")).contains("seconds: 4, 8,");
        assertThat(option(help, "--resolution")).contains("360p, 720p, 1080p,").doesNotContain("540p");
        assertThat(option(help, "--aspect-ratio")).contains("16:9, 9:16, 1:1,").doesNotContain("4:3");
        assertThat(section(help)).contains("--image 1–3 images").doesNotContain("viduq")
                .contains("--movement-amplitude auto small medium large (default auto)");
    }

    @Test
    void commands_without_request_options_get_no_catalogue_section() {
        assertThat(help(ModelCatalogue.STANDARD, "status", "--help")).doesNotContain("Allowed values by model");
        assertThat(help(ModelCatalogue.STANDARD, "models", "--help")).doesNotContain("Allowed values by model");
    }

    @Test
    void without_a_catalogue_help_still_works_with_the_standard_one() {
        StringWriter out = new StringWriter();
        ViduCli cli = new ViduCli(Language.ENGLISH, new SubmitCommand(null, null), new ModelsCommand(null));
        cli.commandLine().setOut(new PrintWriter(out));

        assertThat(cli.run("submit", "--help")).isZero();
        assertThat(out.toString()).contains("viduq2, viduq1, vidu2.0, vidu1.5");
    }
}
