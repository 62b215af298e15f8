package com.vidugateway.bootstrap;

import com.vidugateway.domain.client.ByteSizes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vidugateway.adapter.rest.RequestBodySettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one reader of durations (and of sizes) in settings, and the messages of the settings that use it. */
class DurationsTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"500ms, PT0.5S", "90s, PT1M30S", "10m, PT10M", "10min, PT10M", "24h, PT24H", "7d, PT168H",
            "' 7 D ', PT168H", "12H, PT12H", "P30D, PT720H", "p30d, PT720H", "PT10M, PT10M", "pt1h30m, PT1H30M"})
    void reads_a_number_and_a_unit_or_iso_8601(String text, Duration expected) {
        assertThat(Durations.parse(text)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "keep", "soon", "10", "10 minutes", "1w", "-5m", "P", "PT"})
    void anything_else_is_no_duration(String text) {
        assertThat(Durations.parse(text)).isEmpty();
    }

    @Test
    void a_retention_may_be_for_good_and_says_so_otherwise() {
        assertThat(Durations.retention("VIDU_KEEP_VIDEOS", "keep")).isNull();
        assertThat(Durations.retention("VIDU_KEEP_VIDEOS", " Forever ")).isNull();
        assertThat(Durations.retention("VIDU_KEEP_VIDEOS", "30d")).isEqualTo(Duration.ofDays(30));
        assertThatThrownBy(() -> Durations.retention("VIDU_KEEP_VIDEOS", "3x"))
                .hasMessage("VIDU_KEEP_VIDEOS: '3x' is not a retention; give a duration such as 7d, 12h or 90m, or 'keep'");
    }

    @Test
    void a_positive_duration_setting_names_itself_and_its_rule() {
        assertThat(Durations.positive("vidu.sync.lease", null, Duration.ofMinutes(2))).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.positive("vidu.sync.lease", "90s", Duration.ofMinutes(2))).isEqualTo(Duration.ofSeconds(90));
        for (String bad : new String[] {"0s", "soon", "keep"}) {
            assertThatThrownBy(() -> Durations.positive("vidu.sync.lease", bad, Duration.ZERO))
                    .hasMessageStartingWith("vidu.sync.lease: '" + bad + "' is not a duration longer than 0");
        }
    }

    @Test
    void request_body_settings_read_as_people_write_them() {
        assertThat(new RequestBodyProperties("90s", "32KiB/s", "", null).settings().deadline())
                .isEqualTo(Duration.ofSeconds(90));
        assertThat(new RequestBodyProperties("90s", "32KiB/s", "", null).settings().minBytesPerSecond())
                .isEqualTo(32 * 1024);
        assertThat(new RequestBodyProperties("PT15M", "1MB", "2s", null).settings().deadline())
                .isEqualTo(Duration.ofMinutes(15));
        assertThat(new RequestBodyProperties("1h", "1024", "500ms", null).settings().grace())
                .isEqualTo(Duration.ofMillis(500));
        assertThat(new RequestBodyProperties(null, null, null, "32MiB").settings().memory()).isEqualTo(32L << 20);
        assertThat(new RequestBodyProperties("", " ", null, null).settings()).isEqualTo(RequestBodySettings.defaults());
        assertThatThrownBy(() -> new RequestBodyProperties("soon", "", "", null).settings())
                .hasMessage("VIDU_BODY_DEADLINE (vidu.request-body.deadline) must be a duration such as 10m, 90s or"
                        + " PT10M, not 'soon'");
        assertThatThrownBy(() -> new RequestBodyProperties("0s", "", "", null).settings())
                .hasMessage("VIDU_BODY_DEADLINE (vidu.request-body.deadline) must be longer than 0, not '0s'");
        assertThatThrownBy(() -> new RequestBodyProperties("", "fast", "", null).settings())
                .hasMessage("VIDU_BODY_MIN_RATE (vidu.request-body.min-rate) must be a size such as 512MB or 536870912,"
                        + " not 'fast'");
    }

    @Test
    void the_defaults_shown_as_text_are_the_defaults_in_force() {
        assertThat(Durations.parse(RequestBodySettings.DEFAULT_DEADLINE_TEXT)).contains(RequestBodySettings.DEFAULT_DEADLINE);
        assertThat(ByteSizes.parse("x", RequestBodySettings.DEFAULT_MIN_RATE_TEXT))
                .isEqualTo(RequestBodySettings.DEFAULT_MIN_BYTES_PER_SECOND);
    }

    @ParameterizedTest
    @CsvSource({"512MiB, 536870912", "512MB, 536870912", "512m, 536870912", "1g, 1073741824", "64KB, 65536",
            "1048576, 1048576", "' 2 mb ', 2097152"})
    void sizes_are_binary(String text, long bytes) {
        assertThat(ByteSizes.parse("setting", text)).isEqualTo(bytes);
    }

    @Test
    void what_is_not_a_size_is_refused_by_name() {
        assertThatThrownBy(() -> ByteSizes.parse("VIDU_MAX_REQUEST_SIZE", "lots")).hasMessageContaining("VIDU_MAX_REQUEST_SIZE")
                .hasMessageContaining("'lots'");
        assertThatThrownBy(() -> ByteSizes.parse("s", "0")).hasMessageContaining("at least 1 byte");
        assertThatThrownBy(() -> ByteSizes.parse("s", "99999999999T")).hasMessageContaining("too large");
        assertThatThrownBy(() -> ByteSizes.parse("s", "99999999999999999999999")).hasMessage("s is too large: 99999999999999999999999");
    }
}
