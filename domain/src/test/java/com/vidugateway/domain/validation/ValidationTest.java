package com.vidugateway.domain.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ValidationTest {

    @Test
    void a_valid_outcome_has_its_value_and_no_violations() {
        Validation<String> valid = Validation.valid("ok");

        assertThat(valid.isValid()).isTrue();
        assertThat(valid.value()).isEqualTo("ok");
        assertThat(valid.violations()).isEmpty();
        assertThat(valid.map(String::length).value()).isEqualTo(2);
    }

    @Test
    void an_invalid_outcome_has_its_violations_and_no_value() {
        Validation<String> invalid = Validation.invalid(List.of(new Violation("model", "is required")));

        assertThat(invalid.isValid()).isFalse();
        assertThat(invalid.violations()).containsExactly(new Violation("model", "is required"));
        assertThatIllegalStateException().isThrownBy(invalid::value).withMessageContaining("model: is required");
        assertThat(invalid.map(String::length).violations()).isEqualTo(invalid.violations());
    }

    @Test
    void an_invalid_outcome_names_at_least_one_violation() {
        assertThatIllegalArgumentException().isThrownBy(() -> Validation.invalid(List.of()));
    }

    @Test
    void violations_collect_in_order_and_build_the_value_only_when_there_are_none() {
        Violations violations = new Violations();
        AtomicBoolean built = new AtomicBoolean();
        violations.add("input.prompt", "is blank");
        violations.addAll(List.of(new Violation("parameters.seed", "is -1")));

        Validation<String> outcome = violations.toValidation(() -> {
            built.set(true);
            return "value";
        });

        assertThat(outcome.violations()).extracting(Violation::field).containsExactly("input.prompt", "parameters.seed");
        assertThat(built).isFalse();
        assertThat(new Violations().toValidation(() -> "value").value()).isEqualTo("value");
    }

    @Test
    void a_violation_reads_as_field_and_reason() {
        assertThat(new Violation("input.images[2]", "has no host name")).hasToString("input.images[2]: has no host name");
    }
}
