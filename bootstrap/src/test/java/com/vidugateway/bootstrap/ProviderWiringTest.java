package com.vidugateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vidugateway.application.port.out.VideoGenerator;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProviderWiringTest {

    @TempDir
    Path dataDir;

    @ParameterizedTest(name = "VIDU_PROVIDER=''{0}'' MODELVERSE_API_KEY=''{1}'' -> {2}")
    @CsvSource({
        "'', '', FAKE",
        "'', sk-1, MODELVERSE",
        "fake, sk-1, FAKE",
        "FAKE, '', FAKE",
        "modelverse, sk-1, MODELVERSE",
        "' Modelverse ', sk-1, MODELVERSE"
    })
    void the_provider_follows_the_setting_and_else_the_key(String provider, String key, ProviderChoice expected) {
        assertThat(ProviderChoice.of(provider, key)).isEqualTo(expected);
    }

    @Test
    void modelverse_without_a_key_is_refused_with_a_message_naming_the_setting() {
        assertThatThrownBy(() -> ProviderChoice.of("modelverse", " "))
                .hasMessage("VIDU_PROVIDER=modelverse needs MODELVERSE_API_KEY to be set");
    }

    @Test
    void an_unknown_provider_is_refused_with_the_allowed_values() {
        assertThatThrownBy(() -> ProviderChoice.of("openai", "k"))
                .hasMessage("VIDU_PROVIDER must be 'modelverse' or 'fake', not 'openai'");
    }

    private ApplicationContext context(String provider, String key) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("vidu.data-dir", dataDir.toString());
        properties.put("vidu.provider", provider);
        properties.put("modelverse.api-key", key);
        return ApplicationContext.run(properties);
    }

    @Test
    void without_a_key_the_context_builds_the_fake_provider() {
        try (ApplicationContext context = context("", "")) {
            assertThat(context.getBean(VideoGenerator.class).name()).isEqualTo("fake");
        }
    }

    @Test
    void with_a_key_the_context_builds_the_modelverse_client() {
        try (ApplicationContext context = context("", "sk-wiring")) {
            VideoGenerator generator = context.getBean(VideoGenerator.class);
            assertThat(generator.name()).isEqualTo("modelverse");
            assertThat(generator.toString()).doesNotContain("sk-wiring");
        }
    }
}
