package com.vidugateway.adapter.cli;

import com.vidugateway.domain.text.Messages;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What a command writes with, mixed into each ({@code @Mixin}): the streams and colours of the command line it runs
 * in, and the catalogue of its language ({@link CliText#messages(CommandSpec)}). It adds no options; the bare
 * {@code @Command} is what picocli asks of a mixin.
 */
@Command
final class Terminal {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    Ansi ansi() {
        return spec.commandLine().getColorScheme().ansi();
    }

    Messages messages() {
        return CliText.messages(spec);
    }

    /** A printer for one task on these streams; {@code live}: a progress line redrawn in place (a person watches). */
    TaskPrinter printer(TaskServices services, boolean live) {
        return new TaskPrinter(services, out(), err(), ansi(), messages(), live);
    }

    /**
     * Prints {@code rows} as a table: the first row the bold heading, each column as wide as its widest cell (wide
     * characters count twice) and two spaces apart, the last column as it is.
     */
    void table(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], TaskText.width(row[i]));
            }
        }
        PrintWriter out = out();
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                line.append(i == widths.length - 1 ? rows.get(r)[i] : TaskText.pad(rows.get(r)[i], widths[i] + 2));
            }
            String text = line.toString().stripTrailing();
            out.println(r == 0 ? ansi().string("@|bold " + text + "|@") : text);
        }
    }

    /** Whether a person is at the terminal (a console is attached), not a script or a pipe. */
    static boolean interactive() {
        return System.console() != null;
    }
}
