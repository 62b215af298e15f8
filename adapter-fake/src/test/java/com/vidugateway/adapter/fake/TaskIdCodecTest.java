package com.vidugateway.adapter.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.adapter.fake.Script.Outcome;
import com.vidugateway.domain.catalogue.AspectRatio;
import com.vidugateway.domain.catalogue.Resolution;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The id is the fake's whole memory: everything written into it comes back, and nothing else reads as a task. */
class TaskIdCodecTest {

    private static final FakeTask TASK = new FakeTask(Instant.parse("2026-01-15T10:00:00.123Z"),
            Duration.ofMillis(5_022), Duration.ofMillis(23_678), Outcome.SUCCESS,
            new ClipSpec(5, AspectRatio.RATIO_16_9), Resolution.P720, 0x1234_5678);

    @Test
    void a_task_comes_back_from_its_id_unchanged() {
        assertThat(TaskIdCodec.decode(TaskIdCodec.encode(TASK))).hasValue(TASK);
    }

    @ParameterizedTest
    @EnumSource(AspectRatio.class)
    void every_aspect_ratio_comes_back(AspectRatio ratio) {
        FakeTask task = new FakeTask(TASK.submitted(), TASK.pending(), TASK.running(), Outcome.FAILURE,
                new ClipSpec(10, ratio), Resolution.P1080, -1);

        assertThat(TaskIdCodec.decode(TaskIdCodec.encode(task))).hasValue(task);
    }

    @ParameterizedTest
    @EnumSource(Resolution.class)
    void every_resolution_and_the_largest_values_come_back(Resolution resolution) {
        FakeTask task = new FakeTask(Instant.ofEpochMilli((1L << 48) - 1), Duration.ofMillis(TaskIdCodec.MAX_STAGE_MILLIS),
                Duration.ofMillis(TaskIdCodec.MAX_STAGE_MILLIS), Outcome.STUCK,
                new ClipSpec(ClipSpec.MAX_SECONDS, AspectRatio.RATIO_1_1), resolution, Integer.MIN_VALUE);

        assertThat(TaskIdCodec.decode(TaskIdCodec.encode(task))).hasValue(task);
    }

    @Test
    void an_id_is_url_safe_lowercase_and_45_characters() {
        String id = TaskIdCodec.encode(TASK);

        assertThat(id).matches("fake-[a-z2-7]{40}");
        assertThat(URLEncoder.encode(id, StandardCharsets.UTF_8)).isEqualTo(id);
    }

    @Test
    void a_changed_character_makes_the_id_unknown() {
        String id = TaskIdCodec.encode(TASK);
        for (int i = TaskIdCodec.PREFIX.length(); i < id.length(); i++) {
            char replacement = id.charAt(i) == 'a' ? 'b' : 'a';
            String typo = id.substring(0, i) + replacement + id.substring(i + 1);

            assertThat(TaskIdCodec.decode(typo)).as("character %d changed", i).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "no-such-task", "fake-", "fake-abc", "task_123",
            "fake-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "fake-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "fake-0000000000000000000000000000000000000000",
            "fake-../../../../../../../../../etc/passwd.."})
    void what_it_never_wrote_is_unknown(String id) {
        assertThat(TaskIdCodec.decode(id)).isEmpty();
    }

    @Test
    void upper_case_is_not_the_same_id() {
        assertThat(TaskIdCodec.decode(TaskIdCodec.encode(TASK).toUpperCase(Locale.ROOT))).isEmpty();
    }

    @Test
    void null_is_unknown() {
        assertThat(TaskIdCodec.decode(null)).isEmpty();
    }
}
