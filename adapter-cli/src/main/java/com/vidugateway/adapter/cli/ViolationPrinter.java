package com.vidugateway.adapter.cli;

import com.vidugateway.domain.validation.Violation;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Help.Ansi;

/** Prints every violation on its own line: the provider's field path, the option typed, the reason. */
final class ViolationPrinter {

    private ViolationPrinter() {}

    static void print(PrintWriter out, Ansi ansi, List<Violation> violations, Function<String, String> optionFor) {
        out.println(ansi.string("@|bold,red Invalid|@ — " + violations.size()
                + (violations.size() == 1 ? " rule broken:" : " rules broken:")));
        for (Violation violation : violations) {
            String option = optionFor.apply(violation.field());
            // Only our own field paths go through the markup; what a user typed is printed as it is.
            out.println("  " + ansi.string("@|yellow " + violation.field() + "|@")
                    + (option == null ? "" : " (" + abbreviate(option) + ")") + ": " + violation.message());
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 70 ? text : text.substring(0, 67) + "…";
    }
}
