package com.vidugateway.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.domain.text.Language;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PRODUCT.md: --help on every command. Help needs no use case, so the commands get none. */
class HelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"submit", "wait", "status", "list", "download", "prune", "validate", "models", "usage",
        "clients", "clients add", "clients set", "clients rotate", "clients revoke", "clients list"})
    void every_command_answers_help_with_its_usage_and_exit_0(String command) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ViduCli cli = new ViduCli(Language.ENGLISH, new SubmitCommand(null, null), new WaitCommand(null), new StatusCommand(null),
                new ListCommand(null), new DownloadCommand(null), new PruneCommand(null), new ValidateCommand(null),
                new ModelsCommand(null), new ClientsCommand(null), new UsageCommand(null));
        cli.commandLine().setOut(new PrintWriter(out));
        cli.commandLine().setErr(new PrintWriter(err));

        int code = cli.run((command + " --help").split(" "));

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Usage: vidu " + command).contains("--help");
    }
}
