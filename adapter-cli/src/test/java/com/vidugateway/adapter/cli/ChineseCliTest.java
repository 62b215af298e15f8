package com.vidugateway.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.application.port.in.AwaitVideoTask;
import com.vidugateway.application.port.in.GetVideoTask;
import com.vidugateway.application.port.in.ListVideoTasks;
import com.vidugateway.application.port.in.ManageClients;
import com.vidugateway.application.port.in.PruneStorage;
import com.vidugateway.application.port.in.ReadTaskVideo;
import com.vidugateway.application.port.in.ReportUsage;
import com.vidugateway.application.port.in.SubmitVideoTask;
import com.vidugateway.application.service.ListModelsService;
import com.vidugateway.application.service.ManageClientsService;
import com.vidugateway.application.service.ReportUsageService;
import com.vidugateway.application.service.ValidateVideoRequestService;
import com.vidugateway.application.testing.InMemoryClients;
import com.vidugateway.application.testing.InMemoryVideoTasks;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.catalogue.PriceLatencyTable;
import com.vidugateway.domain.client.ClientQuota;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.request.VideoRequestDraft;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.VideoTask;
import com.vidugateway.domain.text.Language;
import com.vidugateway.domain.text.Messages;
import com.vidugateway.domain.validation.Violation;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;

/**
 * With a Chinese locale the CLI speaks Simplified Chinese: help (descriptions, headings, the catalogue's section),
 * errors, what commands print and the rules' violations; option names, field paths, statuses and models stay as
 * they are, and {@code --json} stays the same.
 */
class ChineseCliTest {

    private static final Messages CHINESE = Messages.in(Language.CHINESE);
    private static final ValidateVideoRequestService VALIDATE =
            new ValidateVideoRequestService(ModelCatalogue.STANDARD, PriceLatencyTable.STANDARD);

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<VideoTask> stored = new ArrayList<>();
    private final InMemoryClients clients = new InMemoryClients(new InMemoryVideoTasks());

    private ViduCli cli(Language language) {
        TaskServices services = new StoredTasks();
        ViduCli cli = new ViduCli(language, new SubmitCommand(services, VALIDATE), new WaitCommand(services),
                new StatusCommand(services), new ListCommand(services), new DownloadCommand(services),
                new PruneCommand(services), new ValidateCommand(VALIDATE),
                new ModelsCommand(new ListModelsService(ModelCatalogue.STANDARD)), new CompletionCommand(),
                new ClientsCommand(services), new UsageCommand(services));
        cli.commandLine().setOut(new PrintWriter(out));
        cli.commandLine().setErr(new PrintWriter(err));
        return cli;
    }

    private int run(String... args) {
        return cli(Language.CHINESE).run(args);
    }

    private static boolean hasHan(String text) {
        return text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }

    /** The first line of {@code text} that holds {@code what}. */
    private static String lineWith(String text, String what) {
        return text.lines().filter(line -> line.contains(what)).findFirst()
                .orElseThrow(() -> new AssertionError("no line with " + what + " in\n" + text));
    }

    /** The line of the option list that starts with {@code option} ("-p, --prompt=TEXT"), not the synopsis's. */
    private static String optionLine(String help, String option) {
        return help.lines().filter(line -> line.startsWith("  ") && line.strip().startsWith(option)).findFirst()
                .orElseThrow(() -> new AssertionError("no option " + option + " in\n" + help));
    }

    @Test
    void root_help_is_chinese_with_the_commands_and_options_as_they_are() {
        assertThat(run("--help")).isZero();

        String help = out.toString();
        assertThat(help).startsWith("用法：vidu [-hV] [--verbose] [COMMAND]")
                .contains("Vidu 网关：").contains("命令：")
                .contains("退出码：0 成功 · 1 任务失败 · 2 用法错误或请求无效 · 3 服务商、网络或存储错误。")
                .doesNotContain("Usage:").doesNotContain("Commands:").doesNotContain("Exit codes");
        assertThat(optionLine(help, "-h, --help")).contains("显示此帮助信息并退出");
        assertThat(optionLine(help, "--verbose")).contains("出错时");
        for (String command : List.of("submit", "wait", "status", "list", "download", "prune", "validate", "models",
                "completion", "clients", "usage")) {
            assertThat(hasHan(lineWith(help, "  " + command + " "))).as(command + " in\n" + help).isTrue();
        }
    }

    @Test
    void submit_help_describes_every_option_in_chinese_and_keeps_names_and_catalogue_values() {
        assertThat(run("submit", "--help")).isZero();

        String help = out.toString();
        assertThat(help).startsWith("用法：vidu submit ").contains("检查请求、保存并发送给服务商");
        // The synopsis's next lines start under its first option, as in English (the heading is 6 columns wide).
        assertThat(help.lines().skip(1).findFirst().orElseThrow()).startsWith(" ".repeat(18) + "[");
        List<String> optionLines = help.lines().filter(line -> line.matches("\\s+(-\\w, )?--[a-z-]+.*")).toList();
        assertThat(optionLines).hasSizeGreaterThan(15);
        for (String line : List.of("--image=PATH|URL...", "-p, --prompt=TEXT", "-m, --model=MODEL", "--wait",
                "-o, --output=FILE", "--timeout=DURATION", "--idempotency-key=KEY", "--json", "--bgm", "--audio")) {
            assertThat(hasHan(optionLine(help, line))).as(line + " in\n" + help).isTrue();
        }
        assertThat(optionLine(help, "-m, --model=MODEL")).contains("viduq2, viduq1, vidu2.0, vidu1.5").contains("默认：");
        assertThat(help).contains("30m）");
        // The catalogue's section below the options, in Chinese too.
        assertThat(help).contains("各模型允许的取值（来自模型目录；`vidu models` 显示全部规则）：")
                .contains("viduq2, viduq1: 1–7 张图; vidu2.0, vidu1.5: 1–3 张图")
                .contains("viduq2: 1–10 s (默认 5)")
                .contains("viduq2: 仅 auto")
                .doesNotContain("Allowed values").doesNotContain("images;");
    }

    /**
     * Every command, option and parameter has a description from the catalogue (the annotations carry none), and in
     * Chinese it is Chinese wherever the English one is a sentence (not a list of values such as "bash, zsh").
     */
    @Test
    void every_command_option_and_parameter_has_a_description_in_both_languages() {
        Map<String, String> english = descriptions(Language.ENGLISH);
        Map<String, String> chinese = descriptions(Language.CHINESE);

        assertThat(chinese.keySet()).isEqualTo(english.keySet()).hasSizeGreaterThan(40);
        english.forEach((what, text) -> {
            assertThat(text).as(what).isNotBlank();
            if (text.split(" ").length > 3) {
                assertThat(hasHan(chinese.get(what))).as(what + ": " + chinese.get(what)).isTrue();
            }
        });
    }

    private Map<String, String> descriptions(Language language) {
        CommandLine root = cli(language).commandLine();
        List<CommandLine> commands = new ArrayList<>(List.of(root));
        // Every command, those of a group (vidu clients add) too.
        for (int i = 0; i < commands.size(); i++) {
            commands.addAll(commands.get(i).getSubcommands().values());
        }
        Map<String, String> descriptions = new TreeMap<>();
        for (CommandLine command : commands) {
            String name = command.getCommandSpec().qualifiedName(" ");
            descriptions.put(name, String.join(" ", command.getCommandSpec().usageMessage().description()));
            List<ArgSpec> args = new ArrayList<>(command.getCommandSpec().options());
            args.addAll(command.getCommandSpec().positionalParameters());
            for (ArgSpec arg : args) {
                String argName = arg instanceof CommandLine.Model.OptionSpec option ? option.longestName() : arg.paramLabel();
                descriptions.put(name + " " + argName, String.join(" ", arg.description()));
            }
        }
        return descriptions;
    }

    @Test
    void an_unknown_task_is_a_chinese_error_and_exit_2() {
        assertThat(run("status", "t-nope")).isEqualTo(ExitCode.INVALID);

        assertThat(err.toString().strip()).isEqualTo("vidu status: 没有任务 t-nope（参见：vidu list）");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void a_bad_option_value_is_a_chinese_usage_error_with_the_option_as_typed() {
        assertThat(run("list", "--limit", "many")).isEqualTo(ExitCode.INVALID);
        assertThat(err.toString()).contains("vidu list: 选项 '--limit' 的值无效：'many' 不是整数")
                .contains("运行 'vidu list --help' 查看用法。").doesNotContain("Invalid value").doesNotContain("Try ");

        err.getBuffer().setLength(0);
        assertThat(run("wait", "t-1", "--timeout", "soon")).isEqualTo(ExitCode.INVALID);
        assertThat(err.toString()).contains("vidu wait: 选项 '--timeout' 的值无效：'soon' 不是时长");
    }

    @Test
    void picocli_usage_errors_we_print_are_chinese() {
        assertThat(run("validate", "--modle", "x")).isEqualTo(ExitCode.INVALID);
        assertThat(err.toString()).contains("未知选项：'--modle'").contains("你是不是想输入：--model")
                .doesNotContain("Unknown").doesNotContain("Possible solutions");

        err.getBuffer().setLength(0);
        assertThat(run("completion")).isEqualTo(ExitCode.INVALID);
        assertThat(err.toString()).contains("缺少必需的参数：SHELL");

        err.getBuffer().setLength(0);
        assertThat(run("validate", "--prompt")).isEqualTo(ExitCode.INVALID);
        assertThat(err.toString()).contains("选项 '--prompt' 缺少值（TEXT）");

        err.getBuffer().setLength(0);
        assertThat(run("validate", "--prompt", "a", "--prompt", "b")).isEqualTo(ExitCode.INVALID);
        assertThat(err.toString()).contains("选项 '--prompt' 只能指定一次");
    }

    @Test
    void a_validation_failure_lists_every_violation_in_chinese_and_json_stays_english() throws IOException {
        Path tiny = image("tiny.png", 100, 100);
        String[] args = {"validate", "--image", tiny.toString(), "--image", dir.resolve("missing.png").toString(),
            "--prompt", " ", "--model", "vidu2.0", "--aspect-ratio", "4:3"};
        List<Violation> fromRules = VALIDATE.validate(VideoRequestDraft.builder().model("vidu2.0")
                .imageInputs(VideoRequestDraft.texts(List.of("https://example.com/a.png"))).prompt(" ")
                .aspectRatio("4:3").build()).violations();

        assertThat(run(args)).isEqualTo(ExitCode.INVALID);

        String printed = out.toString();
        assertThat(printed).contains("请求无效 — 违反了 4 条规则：")
                .contains("input.images[1] (--image " + dir.resolve("missing.png") + "): 文件 '"
                        + dir.resolve("missing.png") + "' 不存在")
                .contains("input.images[0] (--image " + tiny + "): ");
        for (Violation violation : fromRules) {
            assertThat(printed).contains(violation.field() + " (").contains(": " + violation.message(CHINESE));
        }

        out.getBuffer().setLength(0);
        String[] json = java.util.Arrays.copyOf(args, args.length + 1);
        json[args.length] = "--json";
        assertThat(run(json)).isEqualTo(ExitCode.INVALID);
        assertThat(out.toString()).startsWith("{\"valid\":false,\"violations\":[").doesNotContain("不存在")
                .contains("\"message\":\"file '" + dir.resolve("missing.png") + "' does not exist\"");
        for (Violation violation : fromRules) {
            assertThat(out.toString()).contains(violation.message());
        }
    }

    @Test
    void submit_refuses_an_invalid_request_in_chinese() throws IOException {
        Path tiny = image("tiny.png", 100, 100);

        assertThat(run("submit", "--image", tiny.toString(), "--prompt", "x")).isEqualTo(ExitCode.INVALID);

        assertThat(err.toString()).contains("请求无效 — 违反了 1 条规则：").contains("input.images[0] (--image ")
                .endsWith("未发送任何内容。" + System.lineSeparator());
    }

    @Test
    void a_valid_request_reads_in_chinese_with_the_values_as_they_are() throws IOException {
        Path cat = image("cat.png", 300, 200);

        assertThat(run("validate", "--image", cat.toString(), "--prompt", "make it dance")).isZero();

        assertThat(out.toString()).startsWith("请求有效 — 提交后会被受理。")
                .contains("  模型           viduq2" + System.lineSeparator())
                .contains("  宽高比         16:9 (默认)")
                .contains("PNG 300×200，内联 ")
                .contains("估算：1.41 元，生成通常需要 28.7 秒（服务商价目表：viduq2 5 s 720p）");
    }

    @Test
    void a_task_reads_in_chinese_with_its_labels_lined_up_and_its_status_as_it_is() {
        VideoRequest request = VALIDATE.validate(VideoRequestDraft.builder().model("viduq2")
                .imageInputs(VideoRequestDraft.texts(List.of("https://example.com/cat.png"))).prompt("make it dance")
                .build()).request();
        Instant at = Instant.parse("2026-01-02T03:04:05Z");
        stored.add(VideoTask.accept(new TaskId("t-1"), "local", request, at).failed("the provider said no", at));

        assertThat(run("status", "t-1")).isEqualTo(ExitCode.TASK_FAILED);

        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).isEqualTo("任务 t-1  Failure");
        assertThat(lines).contains("  提示词     make it dance", "  错误       [provider_failed] the provider said no",
                "  图片       https://example.com/cat.png");
        assertThat(lines.stream().filter(line -> line.startsWith("  受理时间   ")).count()).isEqualTo(1);
        // Every value starts in the same terminal column (13), whatever the width of its label.
        for (String line : lines.subList(1, lines.size())) {
            int labelEnd = line.indexOf(' ', 2);
            int valueStart = labelEnd;
            while (line.charAt(valueStart) == ' ') {
                valueStart++;
            }
            assertThat(TaskText.width(line.substring(0, valueStart))).as(line).isEqualTo(13);
        }
    }

    @Test
    void list_and_models_speak_chinese_and_the_models_table_keeps_its_columns() {
        assertThat(run("list")).isZero();
        assertThat(out.toString()).startsWith("还没有任务。提交一个：vidu submit --image FILE --prompt TEXT");

        out.getBuffer().setLength(0);
        assertThat(run("models")).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).startsWith("模型     图片数  时长（默认）");
        int headerColumn = TaskText.width(lines.get(0).substring(0, lines.get(0).indexOf("宽高比")));
        int rowColumn = TaskText.width(lines.get(1).substring(0, lines.get(1).indexOf("16:9")));
        assertThat(rowColumn).isEqualTo(headerColumn);
        assertThat(out.toString()).contains("不支持（仅 auto）").doesNotContain("?");
    }

    @Test
    void english_is_the_default_outside_a_chinese_locale_and_says_what_it_said() {
        ViduCli english = cli(Language.ENGLISH);
        assertThat(english.language()).isEqualTo(Language.ENGLISH);
        assertThat(new ViduCli().language()).isEqualTo(Language.ofEnvironment(System.getenv()));

        assertThat(english.run("status", "t-nope")).isEqualTo(ExitCode.INVALID);
        assertThat(err.toString().strip()).isEqualTo("vidu status: no task t-nope (see: vidu list)");
        assertThat(english.run("--help")).isZero();
        assertThat(out.toString()).startsWith("Usage: vidu [-hV] [--verbose] [COMMAND]").doesNotContain("用法");
    }

    @Test
    void pad_counts_a_chinese_character_as_two_columns() {
        assertThat(TaskText.pad("request", 10)).isEqualTo("request   ");
        assertThat(TaskText.pad("请求", 10)).isEqualTo("请求      ");
        assertThat(TaskText.width("时长（默认）")).isEqualTo(12);
        assertThat(TaskText.width("1–10 s")).isEqualTo(6);
    }

    private Path image(String name, int width, int height) throws IOException {
        Path file = dir.resolve(name);
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", file.toFile());
        return file;
    }

    /** The task use cases over a list: enough for status and list. */
    private final class StoredTasks implements TaskServices {
        @Override
        public SubmitVideoTask submit() {
            throw new AssertionError("nothing is submitted here");
        }

        @Override
        public GetVideoTask get() {
            return (owner, id, refresh) -> stored.stream().filter(t -> t.id().equals(id)).findFirst();
        }

        @Override
        public com.vidugateway.application.port.in.CancelVideoTask cancel() {
            throw new UnsupportedOperationException("not used by these tests");
        }

        @Override
        public ListVideoTasks list() {
            return (owner, status, limit, cursor) -> new ListVideoTasks.Page(stored.stream().map(VideoTask::summary).toList(), null);
        }

        @Override
        public AwaitVideoTask await() {
            throw new AssertionError("nothing is awaited here");
        }

        @Override
        public ReadTaskVideo video() {
            return (owner, id) -> new ReadTaskVideo.NotFound(id);
        }

        @Override
        public PruneStorage prune() {
            return () -> new PruneStorage.Report(0, 0, 0, 0, 0, List.of());
        }

        @Override
        public ManageClients clients() {
            return new ManageClientsService(clients, ClientQuota.NONE, Clock.systemUTC());
        }

        @Override
        public ReportUsage usage() {
            return new ReportUsageService(clients);
        }

        @Override
        public String owner() {
            return "local";
        }
    }
}
