package com.vidugateway.adapter.cli;

import com.vidugateway.domain.text.Messages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The root command: {@code vidu <command>}. Subcommands are added by {@link ViduCli}; every text of the help is the
 * catalogue's ({@code cli.help.vidu.*}, and {@code cli.help.common.*} for what every command shares, the footer with
 * the exit codes among it).
 */
// INHERIT: every subcommand takes --help (and --version) too, as PRODUCT.md promises.
@Command(name = "vidu", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, versionProvider = ViduCommand.Version.class)
public final class ViduCommand {

    @Option(names = "--verbose", scope = ScopeType.INHERIT)
    boolean verbose;

    static final class Version implements picocli.CommandLine.IVersionProvider {
        private final Messages messages;

        Version() {
            this(Messages.english());
        }

        Version(Messages messages) {
            this.messages = messages;
        }

        @Override
        public String[] getVersion() {
            String version = ViduCommand.class.getPackage().getImplementationVersion();
            return new String[] {"vidu " + (version == null ? messages.text("cli.version.development") : version)};
        }
    }
}
