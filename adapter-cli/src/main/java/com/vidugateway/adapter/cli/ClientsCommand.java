package com.vidugateway.adapter.cli;

import com.vidugateway.application.port.in.ManageClients;
import com.vidugateway.application.port.out.Clients;
import com.vidugateway.domain.client.ApiKeys;
import com.vidugateway.domain.client.ByteSizes;
import com.vidugateway.domain.client.ClientLimits;
import com.vidugateway.domain.client.ClientQuota;
import com.vidugateway.domain.client.InvalidClientInput;
import com.vidugateway.domain.text.Messages;
import com.vidugateway.domain.text.Sentence;
import com.vidugateway.domain.validation.Violation;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code vidu clients add|set|rotate|revoke|list}: the operator's work on clients and their keys, in the task database,
 * so that a running server sees each change at once. A key is printed once, when it is made; from then on only its
 * prefix is known, which is what {@code list} shows and {@code revoke} takes.
 */
@Command(name = "clients")
public final class ClientsCommand implements CommandGroup {

    private final TaskServices services;

    public ClientsCommand(TaskServices services) {
        this.services = services;
    }

    @Override
    public List<Object> subcommands() {
        return List.of(new Add(services), new SetLimits(services), new Rotate(services), new Revoke(services),
                new ListClients(services));
    }

    /** The limits {@code add} and {@code set} take, as typed: {@link ClientLimits#parse} reads them and names each bad one. */
    static final class LimitOptions {

        @Option(names = "--budget", paramLabel = "YUAN")
        String budget;

        @Option(names = "--concurrency", paramLabel = "N")
        String concurrency;

        @Option(names = "--storage", paramLabel = "SIZE")
        String storage;

        boolean noneGiven() {
            return budget == null && concurrency == null && storage == null;
        }

        /** @throws InvalidClientInput each violation naming its field: budget, concurrency or storage */
        ClientLimits parse() {
            return ClientLimits.parse(budget, concurrency, storage);
        }
    }

    @Command(name = "add")
    static final class Add extends TaskCommand {

        @Parameters(paramLabel = "NAME", descriptionKey = "name")
        String name;

        @Mixin
        LimitOptions limits = new LimitOptions();

        @Option(names = "--json")
        boolean json;

        Add(TaskServices services) {
            super(services);
        }

        @Override
        public Integer call() {
            // The name is checked here too (the service checks it again) so that a bad name and a bad limit are
            // reported together, not one per attempt.
            List<Violation> problems = new ArrayList<>();
            ApiKeys.nameProblem(name).ifPresent(problems::add);
            ClientLimits parsed = null;
            try {
                parsed = limits.parse();
            } catch (InvalidClientInput e) {
                problems.addAll(e.violations());
            }
            if (!problems.isEmpty()) {
                return invalid(terminal, "add", problems);
            }
            ManageClients.NewKey made;
            try {
                made = services.clients().add(name, parsed);
            } catch (InvalidClientInput | Clients.ClientProblem e) {
                return refused(terminal, "add", e);
            }
            if (json) {
                return printJson(terminal, newKeyJson(made));
            }
            Messages messages = terminal.messages();
            PrintWriter out = terminal.out();
            out.println(messages.text("cli.clients.added", "client", made.client()));
            printKey(terminal, made);
            out.flush();
            return ExitCode.SUCCESS;
        }
    }

    @Command(name = "set")
    static final class SetLimits extends TaskCommand {

        @Parameters(paramLabel = "NAME", descriptionKey = "name")
        String name;

        @Mixin
        LimitOptions limits = new LimitOptions();

        @Option(names = "--json")
        boolean json;

        SetLimits(TaskServices services) {
            super(services);
        }

        @Override
        public Integer call() {
            Messages messages = terminal.messages();
            if (limits.noneGiven()) {
                throw new ParameterException(terminal.spec.commandLine(), messages.text("cli.clients.set.nothing"));
            }
            ManageClients.Account account;
            try {
                account = services.clients().set(name, limits.parse());
            } catch (InvalidClientInput | Clients.ClientProblem e) {
                return refused(terminal, "set", e);
            }
            if (json) {
                return printJson(terminal, accountJson(account));
            }
            PrintWriter out = terminal.out();
            out.println(messages.text("cli.clients.set.done", "client", account.client().name(),
                    "budget", budget(account, messages), "concurrency", concurrency(account, messages),
                    "storage", storageQuota(account, messages)));
            out.flush();
            return ExitCode.SUCCESS;
        }
    }

    @Command(name = "rotate")
    static final class Rotate extends TaskCommand {

        @Parameters(paramLabel = "NAME", descriptionKey = "name")
        String name;

        @Option(names = "--json")
        boolean json;

        Rotate(TaskServices services) {
            super(services);
        }

        @Override
        public Integer call() {
            ManageClients.NewKey made;
            try {
                made = services.clients().rotate(name);
            } catch (InvalidClientInput | Clients.ClientProblem e) {
                return refused(terminal, "rotate", e);
            }
            if (json) {
                return printJson(terminal, newKeyJson(made));
            }
            Messages messages = terminal.messages();
            PrintWriter out = terminal.out();
            out.println(messages.text("cli.clients.rotated", "client", made.client()));
            printKey(terminal, made);
            List<String> others = services.clients().account(made.client()).stream()
                    .flatMap(account -> account.client().keys().stream())
                    .filter(key -> key.isActive() && !key.prefix().equals(made.prefix()))
                    .map(Clients.KeyInfo::prefix).toList();
            if (!others.isEmpty()) {
                out.println(messages.text("cli.clients.rotate.old_keys", "prefixes", String.join(", ", others),
                        "command", "vidu clients revoke " + others.get(0)));
            }
            out.flush();
            return ExitCode.SUCCESS;
        }
    }

    @Command(name = "revoke")
    static final class Revoke extends TaskCommand {

        @Parameters(paramLabel = "KEY-PREFIX", descriptionKey = "prefix")
        String prefix;

        @Option(names = "--json")
        boolean json;

        Revoke(TaskServices services) {
            super(services);
        }

        @Override
        public Integer call() {
            Clients.RevokedKey revoked;
            try {
                revoked = services.clients().revoke(prefix);
            } catch (InvalidClientInput | Clients.ClientProblem e) {
                return refused(terminal, "revoke", e);
            }
            if (json) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("client", revoked.client());
                body.put("prefix", revoked.prefix());
                return printJson(terminal, body);
            }
            PrintWriter out = terminal.out();
            out.println(terminal.messages().text("cli.clients.revoked", "prefix", revoked.prefix(),
                    "client", revoked.client()));
            out.flush();
            return ExitCode.SUCCESS;
        }
    }

    @Command(name = "list")
    static final class ListClients extends TaskCommand {

        @Option(names = "--json")
        boolean json;

        ListClients(TaskServices services) {
            super(services);
        }

        @Override
        public Integer call() {
            List<ManageClients.Account> accounts = services.clients().list();
            if (json) {
                return printJson(terminal, accounts.stream().map(ClientsCommand::accountJson).toList());
            }
            Messages messages = terminal.messages();
            PrintWriter out = terminal.out();
            if (accounts.isEmpty()) {
                out.println(messages.text("cli.clients.none_yet"));
                out.flush();
                return ExitCode.SUCCESS;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(Arrays.stream(new String[] {"name", "keys", "budget", "spent", "remaining", "running", "stored"})
                    .map(column -> messages.text("cli.clients.column." + column)).toArray(String[]::new));
            for (ManageClients.Account account : accounts) {
                rows.add(new String[] {account.client().name(), keys(account.client(), messages),
                    budget(account, messages), ClientQuota.yuan(account.usage().spentThisMonthCny()),
                    account.remainingBudget().map(ClientQuota::yuan).orElse("-"),
                    account.usage().runningTasks() + " / " + concurrency(account, messages),
                    ByteSizes.format(account.usage().storedBytes()) + " / " + storageQuota(account, messages)});
            }
            terminal.table(rows);
            out.flush();
            return ExitCode.SUCCESS;
        }
    }

    /** The key, the one time it is shown, and that only its prefix is kept. */
    private static void printKey(Terminal terminal, ManageClients.NewKey made) {
        Messages messages = terminal.messages();
        PrintWriter out = terminal.out();
        out.println(messages.text("cli.clients.key", "key", made.key()));
        out.println(messages.text("cli.clients.key_shown_once", "prefix", made.prefix()));
    }

    /** The active keys' prefixes; revoked keys are left out and only counted. */
    private static String keys(Clients.Client client, Messages messages) {
        String active = client.keys().stream().filter(Clients.KeyInfo::isActive).map(Clients.KeyInfo::prefix)
                .collect(Collectors.joining(", "));
        long revoked = client.keys().stream().filter(key -> !key.isActive()).count();
        String shown = active.isEmpty() ? messages.text("cli.clients.no_active_key") : active;
        return revoked == 0 ? shown : shown + " " + messages.text("cli.clients.revoked_count", "count", revoked);
    }

    /** "12.50", "10.00 (default)" when the deployment's applies, "none". */
    private static String budget(ManageClients.Account account, Messages messages) {
        return limit(account.effective().monthlyBudgetCny(), account.client().limits().monthlyBudgetCny(),
                ClientQuota::yuan, messages);
    }

    private static String concurrency(ManageClients.Account account, Messages messages) {
        return limit(account.effective().concurrentTasks(), account.client().limits().concurrentTasks(),
                String::valueOf, messages);
    }

    private static String storageQuota(ManageClients.Account account, Messages messages) {
        return limit(account.effective().storedBytes(), account.client().limits().storedBytes(), ByteSizes::format,
                messages);
    }

    private static <T> String limit(T effective, T own, java.util.function.Function<T, String> format, Messages messages) {
        if (effective == null) {
            return messages.text("cli.clients.no_limit");
        }
        return own == null ? messages.text("cli.clients.default_limit", "limit", format.apply(effective))
                : format.apply(effective);
    }

    private static Map<String, Object> newKeyJson(ManageClients.NewKey made) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("client", made.client());
        json.put("key", made.key());
        json.put("prefix", made.prefix());
        return json;
    }

    /** One client for scripts: its keys, its own limits, those that apply, and what it uses this month. */
    static Map<String, Object> accountJson(ManageClients.Account account) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", account.client().name());
        json.put("created_at", account.client().createdAt() == null ? null : account.client().createdAt().toString());
        json.put("keys", account.client().keys().stream().map(key -> {
            Map<String, Object> keyJson = new LinkedHashMap<>();
            keyJson.put("prefix", key.prefix());
            keyJson.put("created_at", key.createdAt() == null ? null : key.createdAt().toString());
            keyJson.put("revoked_at", key.revokedAt() == null ? null : key.revokedAt().toString());
            return keyJson;
        }).toList());
        json.put("limits", limitsJson(account.client().limits()));
        json.put("effective_limits", limitsJson(account.effective()));
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("spent_this_month_cny", account.usage().spentThisMonthCny());
        usage.put("remaining_budget_cny", account.remainingBudget().orElse(null));
        usage.put("running_tasks", account.usage().runningTasks());
        usage.put("stored_bytes", account.usage().storedBytes());
        json.put("usage", usage);
        return json;
    }

    private static Map<String, Object> limitsJson(ClientLimits limits) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("monthly_budget_cny", limits.monthlyBudgetCny());
        json.put("concurrent_tasks", limits.concurrentTasks());
        json.put("stored_bytes", limits.storedBytes());
        return json;
    }

    private static int printJson(Terminal terminal, Object body) {
        terminal.out().println(Json.write(body));
        terminal.out().flush();
        return ExitCode.SUCCESS;
    }

    /** A bad name or limit, one line each, naming what was typed ({@code NAME}, {@code --budget}, …): exit 2. */
    private static int invalid(Terminal terminal, String command, List<Violation> violations) {
        PrintWriter err = terminal.err();
        for (Violation violation : violations) {
            String typed = violation.field().equals("name") ? "NAME" : "--" + violation.field();
            err.println("vidu clients " + command + ": " + typed + ": " + violation.message(terminal.messages()));
        }
        err.flush();
        return ExitCode.INVALID;
    }

    /** The service refused: a bad name or limit, or a client or key that is missing or already taken. Exit 2. */
    private static int refused(Terminal terminal, String command, RuntimeException problem) {
        if (problem instanceof InvalidClientInput invalid) {
            return invalid(terminal, command, invalid.violations());
        }
        terminal.err().println("vidu clients " + command + ": "
                + reason((Clients.ClientProblem) problem).in(terminal.messages()));
        terminal.err().flush();
        return ExitCode.INVALID;
    }

    /** What a missing or conflicting client or key means, with the value it is about. */
    static Sentence reason(Clients.ClientProblem problem) {
        if (problem instanceof Clients.AmbiguousKey ambiguous) {
            return Sentence.of("rule.client.key_ambiguous", "value", ambiguous.value(), "count", ambiguous.count());
        }
        String key = problem instanceof Clients.ClientExists ? "rule.client.exists"
                : problem instanceof Clients.UnknownClient ? "rule.client.unknown"
                : problem instanceof Clients.KeyTaken ? "rule.client.key_taken"
                : "rule.client.key_unknown";
        return Sentence.of(key, "value", problem.value());
    }
}
