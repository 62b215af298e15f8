package com.vidugateway.bootstrap;

import com.vidugateway.adapter.cli.CompletionCommand;
import com.vidugateway.adapter.cli.DownloadCommand;
import com.vidugateway.adapter.cli.ListCommand;
import com.vidugateway.adapter.cli.ModelsCommand;
import com.vidugateway.adapter.cli.CancelCommand;
import com.vidugateway.adapter.cli.ClientsCommand;
import com.vidugateway.adapter.cli.PruneCommand;
import com.vidugateway.adapter.cli.UsageCommand;
import com.vidugateway.adapter.cli.StatusCommand;
import com.vidugateway.adapter.cli.SubmitCommand;
import com.vidugateway.adapter.cli.ValidateCommand;
import com.vidugateway.adapter.cli.ViduCli;
import com.vidugateway.adapter.cli.WaitCommand;
import com.vidugateway.application.port.in.ValidateVideoRequest;
import com.vidugateway.application.service.ListModelsService;
import com.vidugateway.application.service.ValidateVideoRequestService;
import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.catalogue.PriceLatencyTable;
import com.vidugateway.domain.text.Language;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The one entry point: {@code ./vidu <command>}. Every CLI command is wired by hand and starts no bean context
 * (task commands open the store on first use, {@link LazyGateway}); {@code serve} starts the bean context and the
 * HTTP server.
 */
public final class Vidu {

    static final String DEFAULT_LOG_LEVEL = "warn";

    private Vidu() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and says how it ended (an exit code of {@code PRODUCT.md}). */
    static int run(String[] args) {
        // The embedded H2 shares its file with other local processes (AUTO_SERVER): on loopback only.
        System.setProperty("h2.bindAddress", "127.0.0.1");
        Map<String, String> environment = System.getenv();
        boolean utf8 = utf8Output(environment);
        Language language = language(environment, utf8 ? "UTF-8"
                : System.getProperty("sun.stdout.encoding", System.getProperty("native.encoding", "US-ASCII")));
        configureLogging(environment);
        EnvironmentSettings.warnings(environment, com.vidugateway.domain.text.Messages.in(language))
                .forEach(System.err::println);
        int code;
        try {
            ModelCatalogue catalogue = ViduProperties.fromEnvironment(environment).catalogue();
            try (LazyGateway gateway = new LazyGateway(System.err, environment, catalogue, language, brief(args))) {
                ViduCli cli = cli(gateway, catalogue, language, args);
                if (utf8) {
                    cli.commandLine().setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
                    cli.commandLine().setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
                }
                code = cli.run(args);
            }
        } catch (IllegalArgumentException badSetting) {
            // A setting read before any command runs (VIDU_MODELS): one line, like every other error.
            System.err.println("vidu: " + badSetting.getMessage());
            code = com.vidugateway.adapter.cli.ExitCode.INVALID;
        }
        return code;
    }

    /**
     * The language the locale asks for ({@link Language#ofEnvironment}), unless the output cannot show it: Chinese on an
     * output that is neither UTF-8 nor a Chinese encoding (a {@code zh_CN.GBK} locale that is not installed leaves the
     * JVM at ASCII) would be a line of question marks, so such a terminal gets English.
     */
    static Language language(Map<String, String> environment, String outputEncoding) {
        Language wanted = Language.ofEnvironment(environment);
        if (wanted == Language.ENGLISH) {
            return wanted;
        }
        try {
            return java.nio.charset.Charset.forName(outputEncoding).newEncoder().canEncode("中文") ? wanted : Language.ENGLISH;
        } catch (RuntimeException unknownEncoding) {
            return Language.ENGLISH;
        }
    }

    /**
     * Output in UTF-8 whenever the locale names it ({@code LC_ALL}, else {@code LC_CTYPE}, else {@code LANG}), installed
     * or not: the JVM takes its output encoding from the locale the C library found, and a locale that is named but
     * not installed (`LANG=zh_CN.UTF-8` on a minimal machine) leaves it at ASCII, which prints {@code ?} for every
     * {@code —}, {@code ×} and Chinese character.
     *
     * @return whether stdout and stderr now write UTF-8
     */
    static boolean utf8Output(Map<String, String> environment) {
        String locale = null;
        for (String name : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                locale = value;
                break;
            }
        }
        if (locale == null || !locale.toLowerCase(java.util.Locale.ROOT).replace("-", "").contains("utf8")) {
            return false;
        }
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        return true;
    }

    /**
     * SLF4J's simple backend, on stderr: warnings by default ({@code VIDU_LOG_LEVEL} to change), the HTTP client
     * never below INFO, because at TRACE it logs bodies, and the bean context never below DEBUG (secrets at TRACE).
     */
    private static void configureLogging(Map<String, String> environment) {
        String level = logLevel(environment);
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
        System.setProperty("org.slf4j.simpleLogger.log.io.micronaut.http.client",
                level.equals("trace") || level.equals("debug") ? "info" : level);
        // At TRACE, Micronaut logs every property value it resolves and every value it injects: client keys, the
        // provider key, webhook secrets. DEBUG at most for those two, whatever VIDU_LOG_LEVEL says.
        String capped = level.equals("trace") ? "debug" : level;
        System.setProperty("org.slf4j.simpleLogger.log.io.micronaut.context", capped);
        System.setProperty("org.slf4j.simpleLogger.log.io.micronaut.inject", capped);
        // Hikari warns, with a stack trace, of every connection the embedded database closed under it: the file handed
        // over between processes (a CLI command that served it ended), or H2's own exit hook racing serve's hand-over
        // on Ctrl-C. The store does that work again on another connection (Database.closedUnder), and a failure that
        // stays is reported by the store itself; Hikari's warnings are shown from DEBUG on.
        System.setProperty("org.slf4j.simpleLogger.log.com.zaxxer.hikari.pool.ProxyConnection",
                level.equals("trace") || level.equals("debug") ? level : "error");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    }

    /**
     * {@code VIDU_LOG_LEVEL}, the one setting read before any other (logging comes first); {@value #DEFAULT_LOG_LEVEL}
     * when not set.
     */
    static String logLevel(Map<String, String> environment) {
        String level = environment.get("VIDU_LOG_LEVEL");
        return (level == null || level.isBlank() ? DEFAULT_LOG_LEVEL : level.strip()).toLowerCase(java.util.Locale.ROOT);
    }

    /** Every command, for {@code vidu --help}, completion and any command line not known to be {@link #brief}. */
    static ViduCli cli(LazyGateway gateway, ModelCatalogue catalogue, Language language) {
        ValidateVideoRequest validate = new ValidateVideoRequestService(catalogue, PriceLatencyTable.STANDARD);
        return new ViduCli(language, catalogue.models(),
                new SubmitCommand(gateway, validate),
                new WaitCommand(gateway),
                new StatusCommand(gateway),
                new CancelCommand(gateway),
                new ListCommand(gateway),
                new DownloadCommand(gateway),
                new PruneCommand(gateway),
                new ClientsCommand(gateway),
                new UsageCommand(gateway),
                new ValidateCommand(validate),
                new ModelsCommand(new ListModelsService(catalogue)),
                new ConfigCommand(language, System.getenv()),
                new CompletionCommand(),
                new ServeCommand(language));
    }

    /**
     * The command line for {@code args}: only the one command a {@link #brief} command line runs (picocli builds the
     * model of every command it is given, a third of such a command's start), every command otherwise.
     */
    static ViduCli cli(LazyGateway gateway, ModelCatalogue catalogue, Language language, String[] args) {
        return switch (brief(args) ? command(args) : "") {
            case "list" -> new ViduCli(language, catalogue.models(), new ListCommand(gateway));
            case "status" -> new ViduCli(language, catalogue.models(), new StatusCommand(gateway));
            default -> cli(gateway, catalogue, language);
        };
    }

    /**
     * Whether {@code args} run a command that only uses the store for a moment and never calls the provider:
     * {@code list}, {@code clients}, {@code usage}, or {@code status} without {@code --refresh}. Such a command may
     * open the embedded database alone and does not join the cluster ({@link LazyGateway}).
     */
    static boolean brief(String[] args) {
        String command = command(args);
        boolean refresh = java.util.Arrays.stream(args).anyMatch(arg -> arg.startsWith("--refresh"));
        return command.equals("list") || command.equals("clients") || command.equals("usage")
                || command.equals("status") && !refresh;
    }

    /** The subcommand's name: the first argument that is not an option (the root's options take no value). */
    private static String command(String[] args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return "";
            }
            if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return "";
    }
}
