package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The console from the jar: its page at {@code /} and its files under {@code /console/}, with their content types,
 * public even when keys are configured (the page asks for the key; the API behind it still needs one).
 */
@MicronautTest
class ConsoleControllerTest {

    private static final List<String> SCRIPTS = List.of("app.js", "api.js", "catalogue.js", "dom.js", "i18n.js",
            "submit.js", "tasks.js");

    @Inject
    EmbeddedServer server;

    private Api anonymous() {
        return new Api(server.getURI(), null);
    }

    @Test
    void the_page_is_served_at_the_root_without_a_key() {
        Api.Answer page = anonymous().get("/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html").contains("charset=utf-8");
        assertThat(page.text()).contains("<script type=\"module\" src=\"/console/app.js\"></script>")
                .contains("href=\"/console/console.css\"");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'").contains("frame-ancestors 'none'");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void every_file_the_page_and_its_scripts_name_is_served_with_its_type() {
        Set<String> named = new LinkedHashSet<>();
        collect(anonymous().get("/").text(), Pattern.compile("\"/console/([a-z0-9.-]+)\""), named);
        for (String script : SCRIPTS) {
            collect(resource(script), Pattern.compile("from '\\./([a-z0-9.-]+)'"), named);
        }
        assertThat(named).containsAll(SCRIPTS).contains("console.css", "icon.svg");

        for (String file : named) {
            Api.Answer answer = anonymous().get("/console/" + file);
            assertThat(answer.status()).as(file).isEqualTo(200);
            String type = answer.header("Content-Type");
            if (file.endsWith(".js")) {
                assertThat(type).as(file).startsWith("text/javascript");
            } else if (file.endsWith(".css")) {
                assertThat(type).as(file).startsWith("text/css");
            } else if (file.endsWith(".svg")) {
                assertThat(type).as(file).startsWith("image/svg+xml");
            }
            assertThat(answer.body()).as(file).isNotEmpty();
        }
    }

    @Test
    void only_the_consoles_own_files_are_served() {
        assertThat(anonymous().get("/console/nothing-here.js").status()).isEqualTo(404);
        assertThat(anonymous().get("/console/..%2Fapplication-test.yml").status()).isIn(401, 404);
        assertThat(anonymous().get("/console/Index.HTML").status()).isIn(401, 404);
        Api.Answer missing = new Api(server.getURI(), "key-a").get("/console/missing.css");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.text()).contains("\"error\"");
    }

    @Test
    void the_api_behind_the_page_still_needs_a_key() {
        assertThat(anonymous().get("/v1/tasks").status()).isEqualTo(401);
        assertThat(anonymous().get("/v1/models").status()).isEqualTo(401);
        assertThat(new Api(server.getURI(), "Bearer key-a").get("/v1/models").status()).isEqualTo(200);
    }

    @Test
    void every_string_the_scripts_use_is_in_english_and_chinese() {
        // The words come from the message catalogue (/console/messages.json), not from a copy in the scripts.
        assertThat(resource("i18n.js")).doesNotContain("'app.title'").contains("/console/messages.json");
        Api.Answer messages = anonymous().get("/console/messages.json");
        assertThat(messages.status()).isEqualTo(200);
        Set<String> english = keys(messages, "en");
        Set<String> simplified = keys(messages, "zh");
        assertThat(simplified).isEqualTo(english);

        Set<String> used = new TreeSet<>();
        for (String script : SCRIPTS) {
            collect(resource(script), Pattern.compile("\\bt\\('([a-zA-Z_.]+)'"), used);
        }
        assertThat(used).isNotEmpty();
        assertThat(english).containsAll(used);
    }

    @Test
    void the_messages_are_served_whatever_the_client_accepts() {
        for (String accept : new String[] {"*/*", "application/json", "text/html,application/xhtml+xml,*/*;q=0.8"}) {
            Api.Answer messages = anonymous().get("/console/messages.json", "Accept", accept);
            assertThat(messages.status()).as("Accept: %s", accept).isEqualTo(200);
            assertThat(keys(messages, "zh")).isNotEmpty();
        }
    }

    @Test
    void the_scripts_ask_the_api_for_the_consoles_language() {
        assertThat(resource("api.js")).contains("'Accept-Language': language()");
    }

    private static Set<String> keys(Api.Answer answer, String language) {
        Set<String> keys = new TreeSet<>();
        answer.json().get(language).entries().forEach(entry -> keys.add(entry.getKey()));
        return keys;
    }

    private static void collect(String text, Pattern pattern, Set<String> into) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            into.add(matcher.group(1));
        }
    }

    private static String resource(String name) {
        try (InputStream in = ConsoleControllerTest.class.getClassLoader()
                .getResourceAsStream(ConsoleController.RESOURCES + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
