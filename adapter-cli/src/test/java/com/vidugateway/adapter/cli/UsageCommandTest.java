package com.vidugateway.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.domain.client.ClientQuota;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.request.VideoRequestDraft;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import com.vidugateway.domain.text.Language;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code vidu usage} over tasks of two clients on two days in the in-memory store. The price list's figures:
 * viduq2 5 s 720p costs 1.41 CNY, 10 s 1080p 5.78 CNY.
 */
class UsageCommandTest {

    private static final String N = System.lineSeparator();

    private final InMemoryGateway gateway = new InMemoryGateway();
    private int counter;

    @BeforeEach
    void two_clients_over_two_days() {
        Instant may3 = Instant.parse("2026-05-03T09:00:00Z");
        Instant may4 = Instant.parse("2026-05-04T23:59:00Z");
        // acme, May 3: two 5 s videos made, one failure (released); May 4: one 10 s 1080p still running (reserved).
        store(succeeded("acme", request(5, "720p"), may3));
        store(succeeded("acme", request(5, "720p"), may3.plusSeconds(60)));
        store(failed("acme", request(5, "720p"), may3.plusSeconds(120)));
        store(running("acme", request(10, "1080p"), may4));
        // bob, May 4: one 10 s 1080p video made.
        store(succeeded("bob", request(10, "1080p"), may4.minusSeconds(3600)));
        // Before this month and after the last day asked for: never counted by default / with --to.
        store(succeeded("acme", request(5, "720p"), Instant.parse("2026-04-30T23:59:59Z")));
        store(succeeded("bob", request(5, "720p"), Instant.parse("2026-05-05T00:00:00Z")));
    }

    @Test
    void the_table_has_a_line_per_client_and_day_and_a_total() {
        assertThat(gateway.run("usage", "--to", "2026-05-04")).as(gateway.err()).isZero();

        assertThat(gateway.out()).isEqualTo(
                "CLIENT  DAY (UTC)   TASKS                            VIDEO (S)  RESERVED (CNY)  SETTLED (CNY)" + N
                + "acme    2026-05-03  2 Success, 1 Failure             10         0.00            2.82" + N
                + "acme    2026-05-04  1 Running                        0          5.78            0.00" + N
                + "bob     2026-05-04  1 Success                        10         0.00            5.78" + N
                + "TOTAL               1 Running, 3 Success, 1 Failure  20         5.78            8.60" + N);
    }

    @Test
    void json_has_the_lines_and_totals_in_snake_case() {
        assertThat(gateway.run("usage", "--from", "2026-05-01", "--to", "2026-05-04", "--json")).isZero();

        assertThat(gateway.out().strip()).isEqualTo("{\"from\":\"2026-05-01\",\"to\":\"2026-05-04\",\"by\":\"day\","
                + "\"client\":null,\"lines\":["
                + "{\"client\":\"acme\",\"group\":\"2026-05-03\",\"tasks\":{\"Success\":2,\"Failure\":1},"
                + "\"video_seconds\":10,\"reserved_cny\":0,\"settled_cny\":2.82},"
                + "{\"client\":\"acme\",\"group\":\"2026-05-04\",\"tasks\":{\"Running\":1},"
                + "\"video_seconds\":0,\"reserved_cny\":5.78,\"settled_cny\":0},"
                + "{\"client\":\"bob\",\"group\":\"2026-05-04\",\"tasks\":{\"Success\":1},"
                + "\"video_seconds\":10,\"reserved_cny\":0,\"settled_cny\":5.78}],"
                + "\"totals\":{\"tasks\":{\"Running\":1,\"Success\":3,\"Failure\":1},\"video_seconds\":20,"
                + "\"reserved_cny\":5.78,\"settled_cny\":8.6}}");
    }

    @Test
    void the_default_is_this_month_up_to_today_and_by_model_groups_by_model() {
        assertThat(gateway.run("usage", "--by", "model", "--client", "bob")).isZero();

        // Today is 2026-05-20: bob's task of May 5 counts now, as does the one of May 4; acme's are not asked for.
        assertThat(gateway.out()).isEqualTo(
                "CLIENT  MODEL   TASKS      VIDEO (S)  RESERVED (CNY)  SETTLED (CNY)" + N
                + "bob     viduq2  2 Success  15         0.00            7.19" + N
                + "TOTAL           2 Success  15         0.00            7.19" + N);
    }

    @Test
    void a_time_without_tasks_says_so() {
        assertThat(gateway.run("usage", "--from", "2026-03-01", "--to", "2026-03-31")).isZero();

        assertThat(gateway.out().strip()).isEqualTo("No tasks were accepted from 2026-03-01 to 2026-03-31.");
    }

    @Test
    void bad_options_exit_2_naming_the_option() {
        assertThat(gateway.run("usage", "--from", "2026-13-01")).isEqualTo(ExitCode.INVALID);
        assertThat(gateway.err().strip())
                .isEqualTo("vidu usage: --from: '2026-13-01' is not a date; write YYYY-MM-DD, e.g. 2026-05-01");

        assertThat(gateway.run("usage", "--to", "yesterday", "--by", "week")).isEqualTo(ExitCode.INVALID);
        assertThat(gateway.err().lines().toList()).containsExactly(
                "vidu usage: --to: 'yesterday' is not a date; write YYYY-MM-DD, e.g. 2026-05-01",
                "vidu usage: --by: 'week' is neither day nor model");

        assertThat(gateway.run("usage", "--from", "2026-05-10", "--to", "2026-05-01")).isEqualTo(ExitCode.INVALID);
        assertThat(gateway.err().strip()).isEqualTo("vidu usage: --from 2026-05-10 is after --to 2026-05-01");
        assertThat(gateway.out()).isEmpty();
    }

    @Test
    void in_chinese_the_columns_and_errors_are_chinese_and_the_statuses_stay() {
        assertThat(gateway.run(Language.CHINESE, "usage", "--to", "2026-05-04")).isZero();
        List<String> lines = gateway.out().lines().toList();
        assertThat(lines.get(0)).startsWith("客户端  日期（UTC）").contains("已结算（元）");
        assertThat(lines.get(lines.size() - 1)).startsWith("合计").contains("1 Running, 3 Success, 1 Failure");

        assertThat(gateway.run(Language.CHINESE, "usage", "--by", "week")).isEqualTo(ExitCode.INVALID);
        assertThat(gateway.err().strip()).isEqualTo("vidu usage: --by：'week' 既不是 day 也不是 model");
    }

    private void store(VideoTask task) {
        gateway.tasks.add(task, null, task.lastChangedAt(), ClientQuota.NONE);
    }

    private static VideoRequest request(int seconds, String resolution) {
        return InMemoryGateway.VALIDATE.validate(VideoRequestDraft.builder().model("viduq2")
                .imageInputs(VideoRequestDraft.texts(List.of("https://example.com/cat.png"))).prompt("a cat")
                .duration(seconds).resolution(resolution).build()).request();
    }

    private VideoTask running(String owner, VideoRequest request, Instant at) {
        counter++;
        return VideoTask.accept(new TaskId("t-" + counter), owner, request, at)
                .moveTo(TaskStatus.SUBMITTING, at).submitted("p-" + counter, at.plusSeconds(1))
                .moveTo(TaskStatus.RUNNING, at.plusSeconds(5));
    }

    private VideoTask succeeded(String owner, VideoRequest request, Instant at) {
        VideoTask running = running(owner, request, at);
        return running.observed(TaskStatus.SUCCESS, List.of("https://example.com/" + running.id().value() + ".mp4"), null,
                at.plus(Duration.ofSeconds(40)));
    }

    private VideoTask failed(String owner, VideoRequest request, Instant at) {
        return running(owner, request, at).failed("the provider said no", at.plusSeconds(30));
    }
}
