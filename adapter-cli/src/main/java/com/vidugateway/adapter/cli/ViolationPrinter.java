package com.vidugateway.adapter.cli;

import com.vidugateway.domain.text.Messages;
import com.vidugateway.domain.validation.Violation;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Help.Ansi;

/** Prints every violation on its own line: the provider's field path, the option typed, the reason (in the CLI's language). */
final class ViolationPrinter {

    private ViolationPrinter() {}

    static void print(PrintWriter out, Ansi ansi, Messages messages, List<Violation> violations,
                      Function<String, String> optionFor) {
        out.println(ansi.string("@|bold,red " + messages.text("cli.violations.invalid") + "|@ — "
                + messages.text(violations.size() == 1 ? "cli.violations.one" : "cli.violations.many",
                        "count", violations.size())));
        for (Violation violation : violations) {
            String option = optionFor.apply(violation.field());
            // Only our own field paths go through the markup; what a user typed is printed as it is.
            out.println("  " + ansi.string("@|yellow " + violation.field() + "|@")
                    + (option == null ? "" : " (" + abbreviate(option) + ")") + ": " + violation.message(messages));
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 70 ? text : text.substring(0, 67) + "…";
    }
}
