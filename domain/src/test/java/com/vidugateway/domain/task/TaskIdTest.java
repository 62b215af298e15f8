package com.vidugateway.domain.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "task_1", "0c9a-44_Z", "x123456789012345678901234567890123456789012345678901234567890123"})
    void accepts_1_to_64_letters_digits_dashes_and_underscores(String value) {
        assertThat(new TaskId(value)).hasToString(value);
    }

    @ParameterizedTest
    // The characters on either side of each allowed range, too: / : @ [ ` {
    @ValueSource(strings = {"", "a b", "a/b", "../etc", "täsk", "a:", "@a", "a[", "`a", "a{", "a.b", "a\u0000",
            "x1234567890123456789012345678901234567890123456789012345678901234"})
    void refuses_anything_else(String value) {
        assertThatIllegalArgumentException().isThrownBy(() -> new TaskId(value));
    }

    @Test
    void refuses_null() {
        assertThatNullPointerException().isThrownBy(() -> new TaskId(null));
    }

    @Test
    void random_ids_are_valid_and_differ() {
        TaskId one = TaskId.random();
        TaskId two = TaskId.random();

        assertThat(one).isNotEqualTo(two);
        assertThat(new TaskId(one.value())).isEqualTo(one);
    }
}
