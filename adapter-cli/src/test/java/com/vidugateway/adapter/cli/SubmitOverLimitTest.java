package com.vidugateway.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.domain.client.ClientLimits;
import com.vidugateway.domain.client.ClientQuota;
import com.vidugateway.domain.text.Language;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * {@code vidu submit} refused by a limit of its owner's: the quota-checking submit over the in-memory store, the
 * client's budget set with {@code vidu clients}. viduq2 5 s 720p is estimated at 1.41 CNY.
 */
class SubmitOverLimitTest {

    private static final String[] SUBMIT = {"submit", "--image", "https://example.com/cat.png", "--prompt", "a cat"};

    private final InMemoryGateway gateway = new InMemoryGateway("acme", ClientQuota.NONE);

    private static String[] with(String... more) {
        String[] args = java.util.Arrays.copyOf(SUBMIT, SUBMIT.length + more.length);
        System.arraycopy(more, 0, args, SUBMIT.length, more.length);
        return args;
    }

    @Test
    void over_budget_exits_2_with_the_reason_in_one_line_and_stores_nothing() {
        assertThat(gateway.run("clients", "add", "acme", "--budget", "2")).isZero();
        assertThat(gateway.run(SUBMIT)).as(gateway.err()).isZero();
        assertThat(gateway.tasks.all()).hasSize(1);

        assertThat(gateway.run(SUBMIT)).isEqualTo(ExitCode.INVALID);

        assertThat(gateway.err()).isEqualTo("vidu submit: the monthly budget would be exceeded: 0.59 CNY of 2.00 CNY"
                + " remain this month and this task is estimated at 1.41 CNY (insufficient_quota); nothing was stored"
                + " or sent" + System.lineSeparator());
        assertThat(gateway.out()).isEmpty();
        assertThat(gateway.tasks.all()).hasSize(1);
    }

    @Test
    void over_budget_with_json_gives_the_code_and_english_text_on_stdout() {
        gateway.run("clients", "add", "acme", "--budget", "1");

        assertThat(gateway.run(with("--json"))).isEqualTo(ExitCode.INVALID);

        assertThat(gateway.out().strip()).isEqualTo("{\"over_limit\":{\"code\":\"insufficient_quota\",\"message\":"
                + "\"the monthly budget would be exceeded: 1.00 CNY of 1.00 CNY remain this month and this task is"
                + " estimated at 1.41 CNY\",\"retry_after_seconds\":null}}");
        assertThat(gateway.err()).startsWith("vidu submit: the monthly budget would be exceeded");
    }

    @Test
    void over_the_concurrency_limit_in_chinese() {
        gateway.run("clients", "add", "acme", "--concurrency", "1");
        assertThat(gateway.run(SUBMIT)).as(gateway.err()).isZero();

        assertThat(gateway.run(Language.CHINESE, with("--json"))).isEqualTo(ExitCode.INVALID);

        assertThat(gateway.err().strip()).isEqualTo(
                "vidu submit: 正在运行 1 个任务，上限为 1；请在有任务结束后重试（concurrency_limit）；未保存也未发送任何内容");
        assertThat(gateway.out()).contains("\"code\":\"concurrency_limit\"").contains("\"retry_after_seconds\":15");
    }

    @Test
    void a_deployment_default_budget_refuses_too() {
        InMemoryGateway limited = new InMemoryGateway("local",
                new ClientQuota(new ClientLimits(new BigDecimal("1.00"), null, null)));

        assertThat(limited.run(SUBMIT)).isEqualTo(ExitCode.INVALID);

        assertThat(limited.err()).contains(": 1.00 CNY of 1.00 CNY remain").doesNotContain("Exception");
        assertThat(limited.tasks.all()).isEmpty();
    }
}
