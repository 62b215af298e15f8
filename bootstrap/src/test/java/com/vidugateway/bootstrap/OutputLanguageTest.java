package com.vidugateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.domain.text.Language;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CLI speaks the locale's language when the terminal can show it, English otherwise. */
class OutputLanguageTest {

    @ParameterizedTest
    @CsvSource({
            "zh_CN.UTF-8, UTF-8, CHINESE",
            "zh_CN.GBK, GBK, CHINESE",          // an installed GBK locale shows Chinese
            "zh_CN.GBK, US-ASCII, ENGLISH",     // a GBK locale that is not installed leaves the JVM at ASCII
            "zh_CN, ANSI_X3.4-1968, ENGLISH",
            "zh_CN, no-such-charset, ENGLISH",
            "en_US.UTF-8, UTF-8, ENGLISH",
            "C, US-ASCII, ENGLISH"})
    void chinese_only_where_the_output_can_show_it(String lang, String outputEncoding, Language expected) {
        assertThat(Vidu.language(Map.of("LANG", lang), outputEncoding)).isEqualTo(expected);
    }
}
