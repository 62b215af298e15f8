package com.vidugateway.bootstrap;

import com.vidugateway.adapter.cli.ExitCode;
import com.vidugateway.domain.text.Language;
import com.vidugateway.domain.text.Messages;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vidu serve}; its help is the catalogue's {@code cli.help.serve.*}, like every other command's. */
@Command(name = "serve")
final class ServeCommand implements Callable<Integer> {

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
        // Built and started by hand rather than by Micronaut.start(), which logs a bad setting with the framework's
        // account of the bean graph and exits: the gateway's beans (storage check, store, provider) and then the HTTP
        // server come up here, and a setting either fails is one line. Every setting is read by the context, from the
        // environment through application.yml (and from MICRONAUT_CONFIG_FILES, if any): none here.
        ApplicationContext context = Micronaut.build(new String[0]).banner(false).deduceEnvironment(false)
                .properties(Map.of("vidu.instance.kind", "server", "vidu.instance.id", ThisProcess.ID))
                .mainClass(Vidu.class).build();
        ViduProperties settings;
        EmbeddedServer server;
        try {
            context.start();
            settings = context.getBean(ViduProperties.class);
            // The port the server will take, as its configuration says (VIDU_PORT, or a configuration file's): taken
            // already, the store and the provider are not even opened.
            int port = context.getBean(HttpServerConfiguration.class).getPort().orElse(HttpServerConfiguration.DEFAULT_PORT);
            if (port > 0 && !free(port)) {
                context.close();
                err.println(messages.text("cli.serve.port_in_use", "port", port));
                return ExitCode.PROVIDER_OR_STORAGE_ERROR;
            }
            if (context.getBean(ProviderChoice.class) == ProviderChoice.FAKE) {
                err.println(ProviderChoice.fakeNotice(messages));
            }
            if (context.getBean(com.vidugateway.application.port.out.VideoGenerator.class) instanceof LazyVideoGenerator lazy) {
                lazy.start();
            }
            SyncLoop sync = context.getBean(SyncLoop.class);
            WebhookLoop webhooks = context.getBean(WebhookLoop.class);
            FollowLoop follow = context.getBean(FollowLoop.class);
            server = context.getBean(EmbeddedServer.class);
            server.start();
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
        // The port the server listens on, whoever chose it.
        int port = server.getPort();
        Path dataDir = settings.dataDirectory();
        err.println(settings.bindHost().map(h -> messages.text("cli.serve.serving_on", "host", h, "port", port, "dir", dataDir))
                .orElseGet(() -> messages.text("cli.serve.serving_everywhere", "port", port, "dir", dataDir)));
        err.flush();
        new CountDownLatch(1).await();
        return ExitCode.SUCCESS;
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
