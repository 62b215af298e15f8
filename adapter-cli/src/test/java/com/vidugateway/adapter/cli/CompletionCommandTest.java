package com.vidugateway.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.application.service.ListModelsService;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.text.Language;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vidu completion bash|zsh}: a script on stdout, from the commands and the catalogue, without any service. */
class CompletionCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** The commands as bootstrap registers them, the task commands without services (completion needs none). */
    private int run(ModelCatalogue catalogue, String... args) {
        ViduCli cli = new ViduCli(Language.ENGLISH, new SubmitCommand(null, null), new WaitCommand(null), new StatusCommand(null),
                new ListCommand(null), new DownloadCommand(null), new PruneCommand(null), new ValidateCommand(null),
                new ModelsCommand(new ListModelsService(catalogue)), new CompletionCommand());
        cli.commandLine().setOut(new PrintWriter(out));
        cli.commandLine().setErr(new PrintWriter(err));
        return cli.run(args);
    }

    @Test
    void bash_prints_a_script_that_completes_vidu_with_its_commands_and_the_catalogues_values() {
        int code = run(ModelCatalogue.STANDARD, "completion", "bash");

        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).isEmpty();
        String script = out.toString();
        assertThat(script).startsWith("#!/usr/bin/env bash")
                .contains("complete -F _complete_vidu")
                .contains("submit", "wait", "status", "list", "download", "prune", "validate", "models", "completion")
                .contains("--model", "--duration", "--resolution", "--aspect-ratio", "--movement-amplitude")
                .contains("\"viduq2\"", "\"viduq1\"", "\"vidu2.0\"", "\"vidu1.5\"")
                .contains("\"1080p\"", "\"4:3\"", "\"medium\"");
    }

    @Test
    void zsh_prints_the_same_script_which_loads_bashcompinit_under_zsh() {
        assertThat(run(ModelCatalogue.STANDARD, "completion", "zsh")).isZero();

        assertThat(out.toString()).startsWith("#!/usr/bin/env bash\n# vidu completion for zsh")
                .contains("ZSH_VERSION").contains("autoload -U +X bashcompinit && bashcompinit")
                .contains("complete -F _complete_vidu");
    }

    @Test
    void the_script_offers_only_the_models_the_deployment_offers() {
        run(ModelCatalogue.STANDARD.restrictedTo(List.of("viduq1")), "completion", "bash");

        assertThat(out.toString()).contains("\"viduq1\"").doesNotContain("\"viduq2\"").doesNotContain("\"vidu1.5\"");
    }

    @Test
    void an_unknown_shell_is_one_line_on_stderr_and_exit_2() {
        int code = run(ModelCatalogue.STANDARD, "completion", "fish");

        assertThat(code).isEqualTo(ExitCode.INVALID);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).contains("fish").contains("bash or zsh");
    }

    @Test
    void no_shell_is_a_usage_error_and_help_says_how_to_install() {
        assertThat(run(ModelCatalogue.STANDARD, "completion")).isEqualTo(ExitCode.INVALID);
        assertThat(err.toString()).contains("SHELL");

        assertThat(run(ModelCatalogue.STANDARD, "completion", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: vidu completion").contains("bash, zsh")
                .contains("source <(vidu completion bash)");
    }

    @Test
    void bash_sources_it_registers_vidu_and_completes_subcommands_and_model_names() throws Exception {
        Path bash = Path.of("/bin/bash");
        Assumptions.assumeTrue(Files.isExecutable(bash), "no bash here");
        assertThat(run(ModelCatalogue.STANDARD, "completion", "bash")).isZero();
        Path script = dir.resolve("vidu-completion.bash");
        Files.writeString(script, out.toString());

        String registered = bash(script, "complete -p vidu");
        String commands = bash(script, "COMP_WORDS=(vidu va); COMP_CWORD=1; COMP_LINE='vidu va'; COMP_POINT=7;"
                + " _complete_vidu; printf '%s\\n' \"${COMPREPLY[@]}\"");
        String models = bash(script, "COMP_WORDS=(./vidu submit --model vidu); COMP_CWORD=3;"
                + " COMP_LINE='./vidu submit --model vidu'; COMP_POINT=${#COMP_LINE};"
                + " _complete_vidu; printf '%s\\n' \"${COMPREPLY[@]}\"");

        assertThat(registered).contains("complete").contains("_complete_vidu").contains("vidu");
        assertThat(commands.lines()).contains("validate");
        assertThat(models.lines()).containsExactlyInAnyOrder("viduq2", "viduq1", "vidu2.0", "vidu1.5");
    }

    /** stdout of a bash that sourced the script and ran the command; stderr only in the message of a failure. */
    private String bash(Path script, String command) throws IOException, InterruptedException {
        Path stderr = Files.createTempFile(dir, "bash", ".err");
        Process process = new ProcessBuilder("/bin/bash", "-c", "source \"$1\" && " + command, "bash", script.toString())
                .redirectError(stderr.toFile()).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output + Files.readString(stderr)).isZero();
        return output;
    }
}
