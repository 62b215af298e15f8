package com.vidugateway.bootstrap;

import com.vidugateway.adapter.cli.ExitCode;
import com.vidugateway.domain.text.Language;
import com.vidugateway.domain.text.Messages;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vidu serve}; its help is the catalogue's {@code cli.help.serve.*}, like every other command's. */
@Command(name = "serve")
final class ServeCommand implements Callable<Integer> {

    static final String LOOPBACK = "127.0.0.1";

    @Spec
    CommandSpec spec;

    private final Language language;

    ServeCommand(Language language) {
        this.language = language;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        Messages messages = Messages.in(language);
        int port = Integer.parseInt(System.getenv().getOrDefault("VIDU_PORT", "8080"));
        if (!free(port)) {
            err.println(messages.text("cli.serve.port_in_use", "port", port));
            return ExitCode.PROVIDER_OR_STORAGE_ERROR;
        }
        Optional<String> host = bindHost(System.getenv("VIDU_HOST"), System.getenv("VIDU_API_KEYS"));
        // Built and started by hand rather than by Micronaut.start(), which logs a bad setting with the framework's
        // account of the bean graph and exits: the gateway's beans (storage check, store, provider) and then the HTTP
        // server come up here, and a setting either fails is one line.
        ApplicationContext context = Micronaut.build(new String[0]).banner(false).deduceEnvironment(false)
                .properties(serverProperties(host))
                .mainClass(Vidu.class).build();
        try {
            context.start();
            if (context.getBean(ProviderChoice.class) == ProviderChoice.FAKE) {
                err.println(ProviderChoice.fakeNotice(messages));
            }
            if (context.getBean(com.vidugateway.application.port.out.VideoGenerator.class) instanceof LazyVideoGenerator lazy) {
                lazy.start();
            }
            SyncLoop sync = context.getBean(SyncLoop.class);
            WebhookLoop webhooks = context.getBean(WebhookLoop.class);
            FollowLoop follow = context.getBean(FollowLoop.class);
            context.getBean(EmbeddedServer.class).start();
            follow.start();
            sync.start();
            webhooks.start();
        } catch (RuntimeException e) {
            IllegalArgumentException setting = LazyGateway.badSetting(e).orElseThrow(() -> e);
            context.close();
            err.println("vidu serve: " + setting.getMessage());
            // A store that cannot be reached is an outage, not a wrong setting (PRODUCT.md's exit codes).
            return setting instanceof StorageFactory.Unreachable ? ExitCode.PROVIDER_OR_STORAGE_ERROR : ExitCode.INVALID;
        }
        // On Ctrl-C or SIGTERM: the instance hands its work over while the server still answers (readiness DOWN), then
        // the server stops (requests in flight finish) and the beans close — the store last.
        HandOver handOver = context.getBean(HandOver.class);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            handOver.run();
            context.close();
        }, "vidu-shutdown"));
        Path dataDir = DataDirectory.of(context.getProperty("vidu.data-dir", String.class).orElse(""));
        err.println(host.map(h -> messages.text("cli.serve.serving_on", "host", h, "port", port, "dir", dataDir))
                .orElseGet(() -> messages.text("cli.serve.serving_everywhere", "port", port, "dir", dataDir)));
        err.flush();
        new CountDownLatch(1).await();
        return ExitCode.SUCCESS;
    }

    /** This process is a server instance ({@link ThisProcess}), listening where {@link #bindHost} says. */
    private static Map<String, Object> serverProperties(Optional<String> host) {
        Map<String, Object> properties = new java.util.HashMap<>(Map.of("vidu.instance.kind", "server",
                "vidu.instance.id", ThisProcess.ID));
        host.ifPresent(h -> properties.put("micronaut.server.host", h));
        return properties;
    }

    /**
     * Where the server listens: {@code VIDU_HOST} when it is set; otherwise, with no client key configured, loopback
     * only, because such a server trusts whoever reaches it from this machine and nobody else should reach it at
     * all; with keys, every interface (empty: Micronaut's own default), as a server meant for a network expects.
     * Decided here, not in application.yml, because a placeholder cannot choose its default by another setting.
     */
    static Optional<String> bindHost(String viduHost, String apiKeys) {
        if (viduHost != null && !viduHost.isBlank()) {
            return Optional.of(viduHost.strip());
        }
        boolean keys = apiKeys != null && Arrays.stream(apiKeys.split(",")).anyMatch(k -> !k.isBlank());
        return keys ? Optional.empty() : Optional.of(LOOPBACK);
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
