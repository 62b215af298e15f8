package com.vidugateway.adapter.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vidugateway.application.port.out.ProviderFailure.Reason;
import com.vidugateway.application.port.out.ProviderFailure;
import com.vidugateway.application.port.out.ProviderTask;
import com.vidugateway.application.testing.InMemoryImageBlobs;
import com.vidugateway.domain.task.TaskStatus;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every prompt trigger of {@link Script}, through the generator as a caller meets it. */
class ScriptTriggersTest {

    private final TestClock clock = new TestClock();
    private FakeVideoGenerator generator;

    @BeforeEach
    void start(@TempDir Path videos) {
        generator = new FakeVideoGenerator(clock, 10, videos, new InMemoryImageBlobs());
    }

    @AfterEach
    void stop() {
        generator.close();
    }

    @ParameterizedTest(name = "{0} → {2} {3}")
    @CsvSource({
            "[reject:sensitive], SENSITIVE_CONTENT,   400, sensitive_check_error, Sensitive check error",
            "[reject:param],     BAD_PARAMETER,       400, param_error,           Invalid param",
            "[reject:model],     NO_MODEL_PERMISSION, 400, model_error,           No permission to use the model",
            "[reject:auth],      AUTHENTICATION,      401, auth_error,            Validate Certification failed",
            "[reject:forbidden], FORBIDDEN,           403, forbidden,             Forbidden: the spending limit is reached or this IP address is not allowed"})
    void a_reject_trigger_is_refused_at_submit_like_the_provider_refuses(
            String trigger, Reason reason, int httpStatus, String code, String message) {
        assertThatThrownBy(() -> generator.submit(Requests.viduq2("make it dance " + trigger)))
                .isInstanceOfSatisfying(ProviderFailure.Rejected.class, rejected -> {
                    assertThat(rejected.reason()).isEqualTo(reason);
                    assertThat(rejected.httpStatus()).isEqualTo(httpStatus);
                    assertThat(rejected.code()).isEqualTo(code);
                    assertThat(rejected).hasMessage(message);
                });
    }

    @Test
    void rate_limit_throttles_the_submit_for_a_second() {
        assertThatThrownBy(() -> generator.submit(Requests.viduq2("make it dance [rate-limit]")))
                .isInstanceOfSatisfying(ProviderFailure.RateLimited.class, limited -> {
                    assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(1));
                    assertThat(limited).hasMessage("Rate limit exceeded, please try again later");
                });
    }

    @Test
    void unavailable_is_an_unreachable_provider_that_took_nothing() {
        assertThatThrownBy(() -> generator.submit(Requests.viduq2("make it dance [unavailable]")))
                .isInstanceOfSatisfying(ProviderFailure.Unavailable.class, unavailable -> {
                    assertThat(unavailable.httpStatus()).isZero();
                    assertThat(unavailable).hasMessageContaining("nothing was submitted");
                });
    }

    @Test
    void timeout_leaves_the_outcome_of_the_submit_unknown() {
        assertThatThrownBy(() -> generator.submit(Requests.viduq2("make it dance [timeout]")))
                .isInstanceOf(ProviderFailure.OutcomeUnknown.class)
                .hasMessage("Request timeout, please try again later");
    }

    @Test
    void fail_runs_then_fails_with_a_provider_like_message_that_names_the_trigger() throws ProviderFailure {
        String id = generator.submit(Requests.viduq2("make it dance [fail]")).providerTaskId();
        assertThat(generator.status(id).status()).isEqualTo(TaskStatus.PENDING);
        clock.advance(Duration.ofMillis(700));
        assertThat(generator.status(id).status()).isEqualTo(TaskStatus.RUNNING);
        clock.advance(Duration.ofSeconds(10));

        ProviderTask failed = generator.status(id);

        assertThat(failed.status()).isEqualTo(TaskStatus.FAILURE);
        assertThat(failed.errorMessage()).startsWith("Video generation failed").contains("[fail]");
        assertThat(failed.urls()).isEmpty();
        assertThat(failed.finishTime()).isAfter(failed.submitTime());
        assertThat(failed.usageSeconds()).isEqualTo(5);
    }

    @Test
    void slow_and_stuck_are_accepted_and_only_change_the_timing() throws ProviderFailure {
        String slow = generator.submit(Requests.viduq2("make it dance [slow]")).providerTaskId();
        String stuck = generator.submit(Requests.viduq2("make it dance [stuck]")).providerTaskId();
        clock.advance(Duration.ofSeconds(5));
        assertThat(generator.status(slow).status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(generator.status(stuck).status()).isEqualTo(TaskStatus.RUNNING);
        clock.advance(Duration.ofSeconds(11));

        assertThat(generator.status(slow).status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(generator.status(stuck).status()).isEqualTo(TaskStatus.RUNNING);
    }

    @Test
    void triggers_are_found_in_any_letter_case_anywhere_in_the_prompt() {
        assertThatThrownBy(() -> generator.submit(Requests.viduq2("[Reject:SENSITIVE] at the start")))
                .isInstanceOf(ProviderFailure.Rejected.class);
        assertThat(Script.of("in the [FAIL] middle").outcome()).isEqualTo(Script.Outcome.FAILURE);
        assertThat(Script.of("at the end [Slow]").slow()).isTrue();
    }

    @Test
    void a_prompt_without_triggers_is_a_plain_task() {
        assertThat(Script.of("make it dance, fail-safe, slowly [not a trigger]")).isEqualTo(Script.PLAIN);
    }

    @Test
    void of_several_submit_triggers_the_first_in_the_table_wins() {
        assertThatThrownBy(() -> generator.submit(Requests.viduq2("[reject:sensitive] [rate-limit] [reject:auth]")))
                .isInstanceOfSatisfying(ProviderFailure.Rejected.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo(Reason.AUTHENTICATION));
        assertThatThrownBy(() -> generator.submit(Requests.viduq2("[reject:sensitive] [rate-limit]")))
                .isInstanceOf(ProviderFailure.RateLimited.class);
    }

    @Test
    void a_submit_trigger_wins_over_a_generation_trigger() {
        assertThatThrownBy(() -> generator.submit(Requests.viduq2("[fail] [reject:param]")))
                .isInstanceOf(ProviderFailure.Rejected.class);
    }
}
