package com.vidugateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.domain.text.Language;
import com.vidugateway.domain.text.Messages;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvironmentSettingsTest {

    private static final Messages ENGLISH = Messages.english();

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "VIDU_WEBHOOK_RETRY, VIDU_WEBHOOK_RETRY_FOR",
            "VIDU_PORTT, VIDU_PORT",
            "VIDU_API_KEY, VIDU_API_KEYS",
            "VIDU_KEEP_IMAGE, VIDU_KEEP_IMAGES",
            "VIDU_SUBMT_GRACE, VIDU_SUBMIT_GRACE",
            "VIDU_PROVIDER_CALLS_PER_SEC, VIDU_PROVIDER_CALLS_PER_SECOND"})
    void a_misspelt_setting_is_named_with_the_one_it_was_meant_to_be(String typed, String meant) {
        assertThat(EnvironmentSettings.warnings(Map.of(typed, "x", "PATH", "/bin"), ENGLISH)).containsExactly(
                "vidu: warning: " + typed + " is not a setting of the gateway and is ignored; did you mean " + meant
                        + "?");
    }

    @Test
    void a_variable_like_no_setting_is_pointed_out_without_a_guess() {
        assertThat(EnvironmentSettings.warnings(Map.of("VIDU_COMPLETELY_UNRELATED_THING", "1"), ENGLISH))
                .containsExactly("vidu: warning: VIDU_COMPLETELY_UNRELATED_THING is not a setting of the gateway and is"
                        + " ignored (the README lists the settings)");
    }

    @Test
    void known_settings_and_other_variables_say_nothing() {
        Map<String, String> environment = new java.util.HashMap<>();
        EnvironmentSettings.known().forEach(name -> environment.put(name, "x"));
        environment.put("HOME", "/root");
        environment.put("MODELVERSE_API_KEY", "secret");

        assertThat(EnvironmentSettings.warnings(environment, ENGLISH)).isEmpty();
    }

    @Test
    void the_warning_is_said_in_the_users_language() {
        assertThat(EnvironmentSettings.warnings(Map.of("VIDU_PORTT", "8080"), Messages.in(Language.CHINESE)))
                .containsExactly("vidu：警告：VIDU_PORTT 不是网关的设置项，已忽略；您是想设置 VIDU_PORT 吗？");
    }

    /** The README's tables are the settings users read of: each is known, and each known one is in the README. */
    @Test
    void every_setting_the_readme_names_is_known_and_every_known_one_is_documented() throws IOException {
        Set<String> documented = ReadmeSettings.viduNames();

        assertThat(EnvironmentSettings.known()).containsAll(documented);
        assertThat(documented).containsAll(EnvironmentSettings.known());
    }
}
