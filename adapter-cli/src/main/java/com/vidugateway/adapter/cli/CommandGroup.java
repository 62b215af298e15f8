package com.vidugateway.adapter.cli;

import java.util.List;

/**
 * A command that only groups others ({@code vidu clients add|set|…}). Its commands are objects made with what they
 * drive, not classes picocli makes, so {@link ViduCli} adds them under the group itself.
 */
interface CommandGroup {

    List<Object> subcommands();
}
