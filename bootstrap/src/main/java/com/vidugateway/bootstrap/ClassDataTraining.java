package com.vidugateway.bootstrap;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
        System.exit(0);
    }
}
