package com.vidugateway.domain.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vidugateway.domain.catalogue.ModelCatalogue;
import com.vidugateway.domain.catalogue.PriceLatencyTable;
import com.vidugateway.domain.request.VideoRequest;
import com.vidugateway.domain.request.VideoRequestDraft;
import com.vidugateway.domain.task.TaskId;
import com.vidugateway.domain.task.TaskStatus;
import com.vidugateway.domain.task.VideoTask;
import com.vidugateway.domain.text.Language;
import com.vidugateway.domain.text.Messages;
import com.vidugateway.domain.validation.Violation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientRulesTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final ClientQuota NO_DEFAULTS = ClientQuota.NONE;

    @Test
    void limits_as_typed_are_parsed_and_every_bad_one_names_its_field() {
        assertThat(ClientLimits.parse("3", "2", "500MiB"))
                .isEqualTo(new ClientLimits(new BigDecimal("3"), 2, 500L * 1024 * 1024));
        assertThat(ClientLimits.parse(null, " ", "")).isEqualTo(ClientLimits.NONE);

        assertThatThrownBy(() -> ClientLimits.parse("-1", "zero", "lots"))
                .isInstanceOfSatisfying(InvalidClientInput.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("budget", "concurrency", "storage"));
        assertThatThrownBy(() -> ClientLimits.parse("abc", null, null))
                .isInstanceOfSatisfying(InvalidClientInput.class, e -> assertThat(e.violations().get(0).message())
                        .contains("'abc'").contains("yuan"));
        assertThatThrownBy(() -> ClientLimits.parse(null, "0", null)).isInstanceOf(InvalidClientInput.class);
    }

    @Test
    void a_clients_own_limit_wins_over_the_default_and_a_change_keeps_the_others() {
        ClientLimits own = new ClientLimits(new BigDecimal("3"), null, null);
        ClientLimits defaults = new ClientLimits(new BigDecimal("100"), 5, 1024L);

        assertThat(own.orElse(defaults)).isEqualTo(new ClientLimits(new BigDecimal("3"), 5, 1024L));
        assertThat(own.with(new ClientLimits(null, 2, null))).isEqualTo(new ClientLimits(new BigDecimal("3"), 2, null));
    }

    @Test
    void a_budget_refuses_the_task_that_would_go_over_it_and_says_what_remains() {
        ClientLimits budget = new ClientLimits(new BigDecimal("3"), null, null);
        ClientUsage spent = new ClientUsage(new BigDecimal("2.82"), 0, 0);

        assertThat(NO_DEFAULTS.check(budget, spent, new BigDecimal("0.18"), 0)).isEmpty();
        ClientQuota.Refusal refusal = NO_DEFAULTS.check(budget, spent, new BigDecimal("1.41"), 0).orElseThrow();

        assertThat(refusal.limit().code()).isEqualTo("insufficient_quota");
        assertThat(refusal.reason().english()).isEqualTo("the monthly budget would be exceeded: 0.18 CNY of 3.00 CNY"
                + " remain this month and this task is estimated at 1.41 CNY");
        assertThat(refusal.retryAfter()).isNull();
    }

    @Test
    void concurrency_and_storage_limits_refuse_with_their_codes() {
        ClientQuota defaults = new ClientQuota(new ClientLimits(null, 2, 1000L));

        ClientQuota.Refusal busy = defaults.check(null, new ClientUsage(BigDecimal.ZERO, 2, 0), BigDecimal.ONE, 0)
                .orElseThrow();
        assertThat(busy.limit().code()).isEqualTo("concurrency_limit");
        assertThat(busy.retryAfter()).isEqualTo(ClientQuota.CONCURRENCY_RETRY_AFTER);
        assertThat(busy.reason().english()).contains("2 tasks are running and the limit is 2");

        ClientQuota.Refusal full = defaults.check(null, new ClientUsage(BigDecimal.ZERO, 0, 900), BigDecimal.ONE, 200)
                .orElseThrow();
        assertThat(full.limit().code()).isEqualTo("storage_quota");
        assertThat(full.reason().english()).contains("900 B stored").contains("200 B").contains("1000 B");
        assertThat(defaults.check(null, new ClientUsage(BigDecimal.ZERO, 1, 900), BigDecimal.ONE, 0)).isEmpty();
    }

    @Test
    void a_task_reserves_its_estimate_settles_on_success_and_releases_on_failure() {
        VideoTask accepted = task();
        BigDecimal price = new BigDecimal("1.41");

        assertThat(Charge.of(accepted, PriceLatencyTable.STANDARD)).isEqualTo(new Charge(price, Charge.State.RESERVED));
        VideoTask success = accepted.moveTo(TaskStatus.SUBMITTING, T0).submitted("p1", T0)
                .observed(TaskStatus.SUCCESS, List.of("https://x/v.mp4"), null, T0.plusSeconds(30));
        assertThat(Charge.of(success, PriceLatencyTable.STANDARD)).isEqualTo(new Charge(price, Charge.State.SETTLED));
        VideoTask failure = accepted.failed("refused", T0);
        assertThat(Charge.of(failure, PriceLatencyTable.STANDARD))
                .isEqualTo(new Charge(BigDecimal.ZERO, Charge.State.RELEASED));
        VideoTask unknown = accepted.moveTo(TaskStatus.SUBMITTING, T0).moveTo(TaskStatus.OUTCOME_UNKNOWN, T0)
                .failed("no answer", T0.plusSeconds(60));
        assertThat(Charge.of(unknown, PriceLatencyTable.STANDARD)).isEqualTo(new Charge(price, Charge.State.UNKNOWN));
        assertThat(Charge.of(unknown, PriceLatencyTable.STANDARD).counts()).isTrue();
    }

    @Test
    void a_task_the_provider_never_took_lets_its_images_go_in_the_same_change() {
        VideoTask submitting = task().moveTo(TaskStatus.SUBMITTING, T0);

        VideoTask refused = submitting.failedUnsent("the provider refused the request", T0.plusSeconds(1));

        assertThat(refused.status()).isEqualTo(TaskStatus.FAILURE);
        assertThat(refused.revision()).isEqualTo(submitting.revision() + 1);
        assertThat(refused.imagesRemovedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(refused.errorMessage()).isEqualTo("the provider refused the request");
        assertThat(Charge.of(refused, PriceLatencyTable.STANDARD).state()).isEqualTo(Charge.State.RELEASED);
    }

    @Test
    void names_are_checked_and_keys_are_kept_as_hashes_with_a_prefix() {
        assertThat(ApiKeys.nameProblem("team-a.video_1")).isEmpty();
        assertThat(ApiKeys.nameProblem("Team A")).get().extracting(Violation::field).isEqualTo("name");
        assertThat(ApiKeys.nameProblem("local")).isPresent();

        String key = ApiKeys.newKey();
        assertThat(key).startsWith("vg_").hasSize(35);
        assertThat(ApiKeys.newKey()).isNotEqualTo(key);
        assertThat(ApiKeys.prefixOf(key)).hasSize(11).isEqualTo(key.substring(0, 11));
        assertThat(ApiKeys.hash(key)).hasSize(64).doesNotContain(key);
        assertThat(ApiKeys.settingsKeyClient("secret-key")).matches("key:[0-9a-f]{16}");
    }

    @Test
    void every_client_sentence_reads_in_chinese() {
        Messages english = Messages.english();
        Messages chinese = Messages.in(Language.CHINESE);
        for (String key : english.part("rules").keySet()) {
            if (key.startsWith("rule.client.") || key.startsWith("rule.quota.")) {
                assertThat(chinese.part("rules")).as(key).containsKey(key);
                assertThat(Messages.placeholders(chinese.part("rules").get(key)))
                        .as("placeholders of %s", key)
                        .containsExactlyInAnyOrderElementsOf(Messages.placeholders(english.part("rules").get(key)));
            }
        }
    }

    private static VideoTask task() {
        VideoRequestDraft draft = VideoRequestDraft.builder().model("viduq2").prompt("a cat")
                .images("https://example.com/cat.png").build();
        VideoRequest request = VideoRequest.from(draft, ModelCatalogue.STANDARD).value();
        return VideoTask.accept(TaskId.random(), "alice", request, T0);
    }
}
