package com.vidugateway.bootstrap;

import com.vidugateway.adapter.modelverse.ModelverseSettings;
import com.vidugateway.application.port.out.Storage;
import io.micronaut.serde.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The launcher's training run for the class-data sharing archive ({@code bootstrap/target/vidu.jsa}): the JVM archives
 * the classes one process loaded, so this process runs the commands people run most — help, a submit that waits, a
 * list, a task's status — and the archive holds the classes of each (their JSON rows, their printing), not only those
 * of one command. Run by {@code ./vidu} once per build, in a throw-away data directory with the fake provider.
 */
final class ClassDataTraining {

    private static final Pattern TASK_ID = Pattern.compile("\"task_id\"\\s*:\\s*\"([^\"]+)\"");

    private ClassDataTraining() {}

    /** @param args an image file to submit (the launcher passes {@code docs/examples/cat.png}) */
    public static void main(String[] args) {
        PrintStream out = System.out;
        Vidu.run(new String[] {"--help"});
        Vidu.run(new String[] {"submit", "--image", args[0], "--prompt", "class-data training", "--duration", "1",
                "--resolution", "540p", "--wait"});
        Vidu.run(new String[] {"list"});
        ByteArrayOutputStream listed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(listed, true, StandardCharsets.UTF_8));
        Vidu.run(new String[] {"list", "--json", "--limit", "1"});
        System.setOut(out);
        Matcher id = TASK_ID.matcher(listed.toString(StandardCharsets.UTF_8));
        if (id.find()) {
            Vidu.run(new String[] {"status", id.group(1)});
        }
        buildModelverseClient();
        System.exit(0);
    }

    /**
     * The Modelverse adapter's classes too (its JSON mapper, which comes with a small bean context, and its HTTP
     * clients), built but never called: nothing is sent anywhere. A command that talks to Modelverse then starts from
     * the archive like the others (without this, a submit took ~0.25 s longer than with issue 6's wiring).
     */
    private static void buildModelverseClient() {
        Clock clock = ProviderFactory.millisecondClock();
        try (Storage storage = StorageFactory.open("file", ViduProperties.fromEnvironment(System.getenv()).dataDirectory(),
                clock, DownloadProperties.fromEnvironment(java.util.Map.of()).download(java.util.Optional::empty));
             LazyVideoGenerator modelverse = ProviderFactory.generator(ProviderChoice.MODELVERSE, clock, storage.images(),
                     () -> ModelverseSettings.defaults(URI.create("http://127.0.0.1:9"), "class-data-training"),
                     ObjectMapper::getDefault, Path.of("."), 1, 0)) {
            modelverse.start();
        } catch (Exception e) {
            // Training only: the archive then lacks these classes, nothing else.
        }
    }
}
