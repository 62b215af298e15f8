package com.vidugateway.domain.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MessagesTest {

    static final List<String> PARTS = Messages.PARTS;

    @Test
    void the_tests_cover_every_part() {
        assertThat(PARTS).containsExactly("rules", "tasks", "api", "cli", "console");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rules", "tasks", "api", "cli", "console"})
    void every_part_has_the_same_keys_in_chinese_as_in_english(String part) {
        Map<String, String> english = Messages.read(part, Language.ENGLISH);
        Map<String, String> chinese = Messages.read(part, Language.CHINESE);
        assertThat(chinese.keySet()).as("keys of %s_zh.properties", part).isEqualTo(english.keySet());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rules", "tasks", "api", "cli", "console"})
    void a_translation_has_the_placeholders_of_its_english_text(String part) {
        Map<String, String> english = Messages.read(part, Language.ENGLISH);
        Messages.read(part, Language.CHINESE).forEach((key, text) -> assertThat(Set.copyOf(Messages.placeholders(text)))
                .as("placeholders of %s in %s_zh.properties", key, part)
                .isEqualTo(Set.copyOf(Messages.placeholders(english.get(key)))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rules", "tasks", "api", "cli", "console"})
    void a_translation_is_not_left_in_english(String part) {
        Map<String, String> english = Messages.read(part, Language.ENGLISH);
        Messages.read(part, Language.CHINESE).forEach((key, text) -> {
            boolean hasLetters = english.get(key).chars().filter(Character::isLetter).count() > 3;
            boolean chinese = text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
            if (hasLetters && !chinese) {
                // Names, units and codes are the same in both (e.g. "Vidu", "ID", "MiB"): only whole sentences must change.
                assertThat(english.get(key).split(" ").length).as("%s in %s_zh.properties is still English", key, part)
                        .isLessThanOrEqualTo(3);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"rules", "tasks", "api", "cli", "console"})
    void every_key_names_its_part_so_that_only_that_part_is_read(String part) {
        Messages.read(part, Language.ENGLISH).keySet()
                .forEach(key -> assertThat(Messages.partOf(key)).as("the part of %s", key).isEqualTo(part));
    }

    @Test
    void no_key_is_in_two_parts() {
        Map<String, String> owner = new HashMap<>();
        for (String part : PARTS) {
            for (String key : Messages.read(part, Language.ENGLISH).keySet()) {
                assertThat(owner.put(key, part)).as("%s is in %s and %s", key, owner.get(key), part).isNull();
            }
        }
    }

    @Test
    void fills_named_placeholders_and_leaves_unknown_ones_visible() {
        Messages english = Messages.english();
        String key = english.part("console").keySet().stream()
                .filter(k -> Messages.placeholders(english.pattern(k)).size() == 1).findFirst().orElseThrow();
        String name = Messages.placeholders(english.pattern(key)).get(0);
        assertThat(english.text(key, name, "VALUE")).contains("VALUE").doesNotContain("{" + name + "}");
        assertThat(english.text(key)).contains("{" + name + "}");
        assertThat(english.text(key, Map.of(name, "$1\\"))).contains("$1\\");
    }

    @Test
    void chinese_falls_back_to_english_and_unknown_keys_are_refused() {
        assertThat(Messages.in(Language.CHINESE).text("app.title")).isNotEqualTo(Messages.english().text("app.title"));
        assertThatThrownBy(() -> Messages.english().text("no.such.key")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no.such.key");
        assertThatThrownBy(() -> Messages.english().text("app.title", "odd")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "zh_CN.UTF-8, -, -, CHINESE",
            "-, -, zh_TW, CHINESE",
            "-, -, en_US.UTF-8, ENGLISH",
            "C.UTF-8, -, zh_CN.UTF-8, ENGLISH",   // LC_ALL wins
            "-, zh_CN.UTF-8, en_GB, CHINESE",     // LC_MESSAGES before LANG
            "-, -, -, ENGLISH"})
    void a_terminal_language_follows_posix_order(String lcAll, String lcMessages, String lang, Language expected) {
        Map<String, String> environment = new HashMap<>();
        if (lcAll != null) environment.put("LC_ALL", lcAll);
        if (lcMessages != null) environment.put("LC_MESSAGES", lcMessages);
        if (lang != null) environment.put("LANG", lang);
        assertThat(Language.ofEnvironment(environment)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", delimiter = '|', value = {
            "zh-CN,zh;q=0.9,en;q=0.8 | CHINESE",
            "en-US,en;q=0.9,zh-CN;q=0.8 | ENGLISH",
            "fr-FR, zh;q=0.5 | CHINESE",
            "fr-FR | ENGLISH",
            "zh;q=0, en | ENGLISH",
            "en;q=0.3, zh-Hans;q=0.7 | CHINESE",
            "zh;q=abc, en;q=0.1 | ENGLISH",
            "- | ENGLISH"})
    void an_http_client_gets_the_language_it_prefers_most(String header, Language expected) {
        assertThat(Language.ofAcceptLanguage(header)).isEqualTo(expected);
    }

    @Test
    void every_part_is_read_as_utf8() {
        Set<String> han = new HashSet<>();
        Messages.in(Language.CHINESE).part("console").values().forEach(text -> text.codePoints()
                .filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN).limit(1)
                .forEach(c -> han.add(text)));
        assertThat(han).isNotEmpty();
    }
}
