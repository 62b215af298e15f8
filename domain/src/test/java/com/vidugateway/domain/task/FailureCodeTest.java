package com.vidugateway.domain.task;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one table of failure codes: every sentence the gateway writes, and the provider's words, to a code. */
class FailureCodeTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            the provider could not be reached for 1 h, so the request was never sent and nothing was charged | provider_unavailable | provider | true
            the provider refused the request: Sensitive check error                                            | content_policy       | client   | false
            the provider refused the request: Sensitive chat messages                                          | content_policy       | client   | false
            the provider refused the request: Invalid param                                                    | invalid_request      | client   | false
            the provider refused the request: Prompt tokens too long                                           | invalid_request      | client   | false
            the provider refused the request: No permission to use the model                                   | provider_rejected    | provider | false
            the provider refused the request: Validate Certification failed                                    | provider_rejected    | provider | false
            the provider did not confirm the submit (read timed out). It may have created, and charged, a task | outcome_unknown      | gateway  | false
            timed out: still Running 15 min after the provider took it                                         | timed_out            | gateway  | true
            the provider no longer knows this task: task not found                                             | provider_failed      | provider | true
            the provider reported a failure without a reason                                                   | provider_failed      | provider | true
            generation failed: the input image violates the content policy                                     | content_policy       | client   | false
            图片内容涉及敏感信息                                                                                   | content_policy       | client   | false
            cancelled by the client                                                                            | cancelled            | client   | false
            """)
    void each_reason_has_its_code_category_and_retry_advice(String message, String code, String category,
                                                            boolean retryable) {
        FailureCode failure = FailureCode.of(message.strip());

        assertThat(failure.code()).isEqualTo(code);
        assertThat(failure.category().wire()).isEqualTo(category);
        assertThat(failure.retryable()).isEqualTo(retryable);
        assertThat(FailureCode.fromCode(code)).contains(failure);
    }
}
