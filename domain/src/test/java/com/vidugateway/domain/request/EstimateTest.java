package com.vidugateway.domain.request;

import static com.vidugateway.domain.testing.Drafts.accepted;
import static com.vidugateway.domain.testing.Drafts.urls;
import static com.vidugateway.domain.testing.Drafts.valid;
import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.domain.catalogue.PriceLatencyTable;
import com.vidugateway.domain.catalogue.Resolution;
import com.vidugateway.domain.request.VideoRequestDraft.SubjectDraft;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cost and typical generation time from the provider's published table (rules.md, "Price and …"). */
class EstimateTest {

    private static Estimate estimate(VideoRequestDraft.Builder draft) {
        return Estimate.of(accepted(draft), PriceLatencyTable.STANDARD);
    }

    @Test
    void viduq2_5s_720p_costs_1_41_cny_and_typically_takes_28_7_s() {
        Estimate estimate = estimate(valid("viduq2").duration(5).resolution("720p"));

        assertThat(estimate.isKnown()).isTrue();
        assertThat(estimate.costCny()).isEqualByComparingTo("1.41");
        assertThat(estimate.typicalGenerationTime()).isEqualTo(Duration.ofMillis(28_700));
        assertThat(estimate.basis()).contains("viduq2").contains("5 s").contains("720p");
    }

    @Test
    void the_defaults_of_viduq2_are_estimated_as_5s_720p() {
        assertThat(estimate(valid("viduq2")).costCny()).isEqualByComparingTo("1.41");
    }

    @Test
    void audio_adds_0_46875_cny_and_no_time() {
        Estimate estimate = estimate(VideoRequestDraft.builder().model("viduq2").prompt("@cat sings")
                .subjects(List.of(SubjectDraft.of("cat", urls(1), null))).audio(true));

        assertThat(estimate.costCny()).isEqualByComparingTo("1.87875");
        assertThat(estimate.typicalGenerationTime()).isEqualTo(Duration.ofMillis(28_700));
        assertThat(estimate.basis()).contains("0.46875").contains("audio");
    }

    @Test
    void subjects_without_audio_cost_the_plain_price() {
        Estimate estimate = estimate(VideoRequestDraft.builder().model("viduq2").prompt("@cat sings")
                .subjects(List.of(SubjectDraft.of("cat", urls(1), null))));

        assertThat(estimate.costCny()).isEqualByComparingTo("1.41");
        assertThat(estimate.basis()).doesNotContain("audio");
    }

    @Test
    void viduq2_10s_1080p_costs_5_78_cny_and_typically_takes_106_s() {
        Estimate estimate = estimate(valid("viduq2").duration(10).resolution("1080p"));

        assertThat(estimate.costCny()).isEqualByComparingTo("5.78");
        assertThat(estimate.typicalGenerationTime()).isEqualTo(Duration.ofSeconds(106));
    }

    /** The whole viduq2 table of rules.md, copied by hand. */
    @ParameterizedTest(name = "viduq2 {0} s {1}: {2} CNY, {3} s")
    @CsvSource({
            "1, 540p, 0.47, 5.0", "1, 720p, 0.78, 8.1", "1, 1080p, 2.34, 9.9",
            "2, 540p, 0.63, 6.6", "2, 720p, 0.94, 12.4", "2, 1080p, 2.66, 15.7",
            "3, 540p, 0.78, 8.4", "3, 720p, 1.09, 16.3", "3, 1080p, 2.97, 20.4",
            "4, 540p, 0.94, 11.0", "4, 720p, 1.25, 22.3", "4, 1080p, 3.28, 27.1",
            "5, 540p, 1.09, 14.7", "5, 720p, 1.41, 28.7", "5, 1080p, 3.59, 35.3",
            "6, 540p, 1.25, 16.5", "6, 720p, 1.56, 34.9", "6, 1080p, 3.91, 44.1",
            "7, 540p, 1.41, 18.7", "7, 720p, 1.72, 41.2", "7, 1080p, 4.22, 53.0",
            "8, 540p, 1.56, 22.1", "8, 720p, 1.88, 49.5", "8, 1080p, 4.53, 62.9",
            "9, 540p, 2.19, 37.0", "9, 720p, 2.50, 75.0", "9, 1080p, 5.16, 90.0",
            "10, 540p, 2.81, 43.0", "10, 720p, 3.13, 89.0", "10, 1080p, 5.78, 106.0"})
    void every_published_viduq2_price_and_time(int seconds, String resolution, String price, String time) {
        Estimate estimate = estimate(valid("viduq2").duration(seconds).resolution(resolution));

        assertThat(estimate.costCny()).isEqualByComparingTo(price);
        assertThat(estimate.typicalGenerationTime())
                .isEqualTo(Duration.ofMillis(new BigDecimal(time).movePointRight(3).longValueExact()));
    }

    @ParameterizedTest(name = "{0} {1} s {2}")
    @CsvSource({"viduq1, 5, 1080p", "vidu2.0, 4, 360p", "vidu2.0, 4, 720p", "vidu1.5, 4, 1080p", "vidu1.5, 8, 720p"})
    void other_models_cost_is_unknown_and_the_basis_says_so(String model, int seconds, String resolution) {
        Estimate estimate = estimate(valid(model).duration(seconds).resolution(resolution));

        assertThat(estimate.isKnown()).isFalse();
        assertThat(estimate.costCny()).isNull();
        assertThat(estimate.typicalGenerationTime()).isNull();
        assertThat(estimate.basis()).contains("no price").contains(model).contains(seconds + " s").contains(resolution);
    }

    @Test
    void audio_on_an_unpublished_model_stays_unknown() {
        Estimate estimate = estimate(VideoRequestDraft.builder().model("viduq1").prompt("@cat sings")
                .subjects(List.of(SubjectDraft.of("cat", urls(1), null))).audio(true));

        assertThat(estimate.costCny()).isNull();
    }

    @Test
    void the_table_has_no_entry_outside_what_viduq2_renders() {
        assertThat(PriceLatencyTable.STANDARD.lookup("viduq2", 11, Resolution.P720)).isEmpty();
        assertThat(PriceLatencyTable.STANDARD.lookup("viduq2", 5, Resolution.P360)).isEmpty();
        assertThat(PriceLatencyTable.STANDARD.lookup("viduq1", 5, Resolution.P1080)).isEmpty();
    }
}
