package com.vidugateway.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.domain.client.ApiKeys;
import com.vidugateway.domain.text.Language;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code vidu clients}: over the real client service and the in-memory client store. */
class ClientsCommandTest {

    private static final Pattern KEY = Pattern.compile("vg_[A-Za-z0-9_-]{32}");

    private final InMemoryGateway gateway = new InMemoryGateway();

    /** The one key in {@code printed}; fails unless there is exactly one. */
    private static String onlyKeyIn(String printed) {
        Matcher matcher = KEY.matcher(printed);
        assertThat(matcher.find()).as("a key in\n" + printed).isTrue();
        String key = matcher.group();
        assertThat(matcher.find()).as("the key once in\n" + printed).isFalse();
        return key;
    }

    /** The line of {@code clients list} for {@code name}. */
    private String listLineOf(String name) {
        assertThat(gateway.run("clients", "list")).as(gateway.err()).isZero();
        return gateway.out().lines().filter(line -> line.startsWith(name + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in\n" + gateway.out()));
    }

    @Test
    void add_prints_a_working_key_once_and_says_only_its_prefix_is_kept() {
        assertThat(gateway.run("clients", "add", "acme", "--budget", "12.5", "--concurrency", "2")).as(gateway.err()).isZero();

        String key = onlyKeyIn(gateway.out());
        String prefix = key.substring(0, 11);
        assertThat(gateway.out()).isEqualTo("Added client acme." + System.lineSeparator()
                + "Key: " + key + System.lineSeparator()
                + "This is the only time the key is shown: the gateway keeps only its prefix (" + prefix
                + "), so store the key now." + System.lineSeparator());
        assertThat(gateway.clients.clientOfKey(ApiKeys.hash(key))).contains("acme");
        assertThat(gateway.err()).isEmpty();
    }

    @Test
    void list_shows_each_client_with_its_prefix_limits_and_usage_never_its_key() {
        gateway.run("clients", "add", "acme", "--budget", "12.5", "--concurrency", "2", "--storage", "500MiB");
        String key = onlyKeyIn(gateway.out());
        gateway.run("clients", "add", "bob");

        assertThat(gateway.run("clients", "list")).isZero();

        List<String> lines = gateway.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).split(" {2,}")).containsExactly("NAME", "KEYS", "BUDGET (CNY)", "SPENT THIS MONTH (CNY)",
                "REMAINING (CNY)", "RUNNING / LIMIT", "STORED / QUOTA");
        assertThat(lines.get(1).split(" {2,}")).containsExactly("acme", key.substring(0, 11), "12.50", "0.00", "12.50",
                "0 / 2", "0 B / 500.0 MiB");
        assertThat(lines.get(2).split(" {2,}")).containsExactly("bob", lines.get(2).split(" {2,}")[1], "none", "0.00",
                "-", "0 / none", "0 B / none");
        assertThat(gateway.out()).doesNotContain(key);
    }

    @Test
    void list_json_has_keys_own_and_effective_limits_and_usage() {
        gateway.run("clients", "add", "acme", "--budget", "3");
        String key = onlyKeyIn(gateway.out());

        assertThat(gateway.run("clients", "list", "--json")).isZero();

        assertThat(gateway.out().strip()).isEqualTo("[{\"name\":\"acme\",\"created_at\":\"2026-05-20T10:00:00Z\","
                + "\"keys\":[{\"prefix\":\"" + key.substring(0, 11) + "\",\"created_at\":\"2026-05-20T10:00:00Z\","
                + "\"revoked_at\":null}],"
                + "\"limits\":{\"monthly_budget_cny\":3,\"concurrent_tasks\":null,\"stored_bytes\":null},"
                + "\"effective_limits\":{\"monthly_budget_cny\":3,\"concurrent_tasks\":null,\"stored_bytes\":null},"
                + "\"usage\":{\"spent_this_month_cny\":0,\"remaining_budget_cny\":3,\"running_tasks\":0,\"stored_bytes\":0}}]");
    }

    @Test
    void add_json_is_the_key_once_for_scripts() {
        assertThat(gateway.run("clients", "add", "acme", "--json")).isZero();

        String key = onlyKeyIn(gateway.out());
        assertThat(gateway.out().strip()).isEqualTo("{\"client\":\"acme\",\"key\":\"" + key + "\",\"prefix\":\""
                + key.substring(0, 11) + "\"}");
    }

    @Test
    void set_changes_the_limits_given_and_keeps_the_others() {
        gateway.run("clients", "add", "acme", "--budget", "12.5", "--concurrency", "2");

        assertThat(gateway.run("clients", "set", "acme", "--concurrency", "5", "--storage", "1g")).as(gateway.err()).isZero();

        assertThat(gateway.out().strip()).isEqualTo(
                "Limits of acme: monthly budget (CNY) 12.50; tasks at once 5; storage 1.0 GiB.");
        assertThat(listLineOf("acme").split(" {2,}")).contains("12.50", "0 / 5", "0 B / 1.0 GiB");
    }

    @Test
    void set_without_a_limit_is_a_usage_error() {
        gateway.run("clients", "add", "acme");

        assertThat(gateway.run("clients", "set", "acme")).isEqualTo(ExitCode.INVALID);

        assertThat(gateway.err()).startsWith("vidu clients set: give at least one of --budget, --concurrency, --storage")
                .contains("Try 'vidu clients set --help'.");
    }

    @Test
    void rotate_prints_a_new_key_and_revoking_the_old_prefix_leaves_only_the_new_one() {
        gateway.run("clients", "add", "acme");
        String oldKey = onlyKeyIn(gateway.out());
        String oldPrefix = oldKey.substring(0, 11);

        assertThat(gateway.run("clients", "rotate", "acme")).as(gateway.err()).isZero();
        String newKey = onlyKeyIn(gateway.out());
        String newPrefix = newKey.substring(0, 11);
        assertThat(newKey).isNotEqualTo(oldKey);
        assertThat(gateway.out()).startsWith("New key for client acme." + System.lineSeparator() + "Key: " + newKey)
                .contains("only its prefix (" + newPrefix + ")")
                .contains("Its other keys (" + oldPrefix + ") keep working until revoked: vidu clients revoke " + oldPrefix);
        assertThat(listLineOf("acme")).contains(oldPrefix + ", " + newPrefix);

        assertThat(gateway.run("clients", "revoke", oldPrefix)).as(gateway.err()).isZero();
        assertThat(gateway.out().strip()).isEqualTo("Revoked key " + oldPrefix
                + " of client acme: calls with it are refused from now on.");

        assertThat(listLineOf("acme").split(" {2,}")[1]).isEqualTo(newPrefix + " (+1 revoked)");
        assertThat(gateway.clients.clientOfKey(ApiKeys.hash(oldKey))).isEmpty();
        assertThat(gateway.clients.clientOfKey(ApiKeys.hash(newKey))).contains("acme");
    }

    @Test
    void revoke_of_an_unknown_prefix_exits_2_naming_it() {
        gateway.run("clients", "add", "acme");

        assertThat(gateway.run("clients", "revoke", "vg_nothing")).isEqualTo(ExitCode.INVALID);

        assertThat(gateway.err().strip()).isEqualTo("vidu clients revoke: no active key starts with 'vg_nothing'");
        assertThat(gateway.out()).isEmpty();
    }

    @Test
    void revoke_of_a_prefix_of_two_keys_exits_2_and_revokes_neither() {
        gateway.run("clients", "add", "acme");
        gateway.run("clients", "add", "bob");

        assertThat(gateway.run("clients", "revoke", "vg_")).isEqualTo(ExitCode.INVALID);

        assertThat(gateway.err().strip()).isEqualTo("vidu clients revoke: 2 active keys start with 'vg_'; give more of the key");
        assertThat(listLineOf("acme")).doesNotContain("revoked");
    }

    @Test
    void bad_limits_and_name_exit_2_each_naming_what_was_typed_and_nothing_is_added() {
        assertThat(gateway.run("clients", "add", "Acme Corp", "--budget", "abc", "--concurrency", "0"))
                .isEqualTo(ExitCode.INVALID);

        assertThat(gateway.err().lines().toList()).containsExactly(
                "vidu clients add: NAME: is 'Acme Corp'; a client's name is 1 to 64 of a-z, 0-9, '.', '_' and '-', starting with a letter or digit",
                "vidu clients add: --budget: is 'abc'; a monthly budget is an amount of yuan from 0 to 1000000000, such as 3 or 12.50",
                "vidu clients add: --concurrency: is '0'; a concurrency limit is a whole number of tasks, 1 or more");
        assertThat(gateway.out()).isEmpty();
        assertThat(gateway.clients.list()).isEmpty();
    }

    @Test
    void set_with_a_bad_storage_exits_2_naming_storage_and_changes_nothing() {
        gateway.run("clients", "add", "acme", "--concurrency", "2");

        assertThat(gateway.run("clients", "set", "acme", "--storage", "lots")).isEqualTo(ExitCode.INVALID);

        assertThat(gateway.err().strip()).isEqualTo(
                "vidu clients set: --storage: is 'lots'; a storage quota is a size such as 500MiB, 2g or 1048576");
        assertThat(gateway.clients.find("acme").orElseThrow().limits().concurrentTasks()).isEqualTo(2);
    }

    @Test
    void a_second_client_of_a_name_and_an_unknown_client_exit_2() {
        gateway.run("clients", "add", "acme");

        assertThat(gateway.run("clients", "add", "acme")).isEqualTo(ExitCode.INVALID);
        assertThat(gateway.err().strip()).isEqualTo("vidu clients add: a client named 'acme' already exists");

        assertThat(gateway.run("clients", "rotate", "ghost")).isEqualTo(ExitCode.INVALID);
        assertThat(gateway.err().strip()).isEqualTo("vidu clients rotate: no client is named 'ghost'");

        assertThat(gateway.run("clients", "set", "ghost", "--budget", "1")).isEqualTo(ExitCode.INVALID);
        assertThat(gateway.err().strip()).isEqualTo("vidu clients set: no client is named 'ghost'");
    }

    @Test
    void the_group_alone_is_a_usage_error_naming_its_commands() {
        assertThat(gateway.run("clients")).isEqualTo(ExitCode.INVALID);
        assertThat(gateway.err()).startsWith("vidu clients: Missing required subcommand").contains("Try 'vidu clients --help'.");

        assertThat(gateway.run(Language.CHINESE, "clients")).isEqualTo(ExitCode.INVALID);
        assertThat(gateway.err()).startsWith("vidu clients: 缺少子命令：可选 add, set, rotate, revoke, list");
    }

    @Test
    void an_unknown_command_of_the_group_is_named_with_the_group() {
        assertThat(gateway.run("clients", "remove", "acme")).isEqualTo(ExitCode.INVALID);

        assertThat(gateway.err()).startsWith("vidu clients: Unmatched arguments from index 1: 'remove', 'acme'")
                .contains("Try 'vidu clients --help'.");
    }

    @Test
    void in_chinese_the_key_is_shown_once_and_the_table_and_errors_are_chinese() {
        assertThat(gateway.run(Language.CHINESE, "clients", "add", "acme", "--budget", "5")).isZero();
        String key = onlyKeyIn(gateway.out());
        assertThat(gateway.out()).contains("已添加客户端 acme。").contains("密钥：" + key)
                .contains("密钥只显示这一次：网关只保存它的前缀（" + key.substring(0, 11) + "）");

        assertThat(gateway.run(Language.CHINESE, "clients", "list")).isZero();
        assertThat(gateway.out().lines().findFirst().orElseThrow()).startsWith("名称  密钥").contains("月度预算（元）");
        assertThat(gateway.out()).contains("0 / 不限");

        assertThat(gateway.run(Language.CHINESE, "clients", "revoke", "vg_nothing")).isEqualTo(ExitCode.INVALID);
        assertThat(gateway.err().strip()).isEqualTo("vidu clients revoke: 没有以“vg_nothing”开头的有效密钥");

        assertThat(gateway.run(Language.CHINESE, "clients", "add", "bob", "--budget", "abc")).isEqualTo(ExitCode.INVALID);
        assertThat(gateway.err().strip()).startsWith("vidu clients add: --budget: 为“abc”；月度预算为");
    }

    @Test
    void a_deployment_default_is_shown_as_such() {
        InMemoryGateway withDefaults = new InMemoryGateway("local", new com.vidugateway.domain.client.ClientQuota(
                new com.vidugateway.domain.client.ClientLimits(new java.math.BigDecimal("10"), 3, null)));
        withDefaults.run("clients", "add", "acme", "--concurrency", "1");

        assertThat(withDefaults.run("clients", "list")).isZero();

        String line = withDefaults.out().lines().filter(l -> l.startsWith("acme ")).findFirst().orElseThrow();
        assertThat(line.split(" {2,}")).contains("10.00 (default)", "10.00", "0 / 1", "0 B / none");
    }
}
