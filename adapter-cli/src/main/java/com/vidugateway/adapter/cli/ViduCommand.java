package com.vidugateway.adapter.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root command: {@code vidu <command>}. Subcommands are added by {@link ViduCli}. */
// INHERIT: every subcommand takes --help (and --version) too, as PRODUCT.md promises.
@Command(name = "vidu", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, versionProvider = ViduCommand.Version.class,
        description = "Vidu Gateway: reference images and a prompt in, a video out, through Modelverse Vidu reference2video.",
        footer = {"", "Exit codes: 0 success · 1 the task failed · 2 usage or validation error · 3 provider, network or storage error."})
public final class ViduCommand {

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "On errors, print the details (stack trace) too.")
    boolean verbose;

    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ViduCommand.class.getPackage().getImplementationVersion();
            return new String[] {"vidu " + (version == null ? "(development build)" : version)};
        }
    }
}
