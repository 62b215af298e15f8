package com.vidugateway.adapter.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.vidugateway.domain.text.Language;
import com.vidugateway.domain.text.Messages;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The console from the jar: its page at {@code /} and its files under {@code /console/}, with their content types;
 * its words from the message catalogue; anything else a 404 in the REST API's error shape and the client's language.
 * (That the REST adapter's filter lets these paths through without a key is adapter-rest's test, ConsolePathsTest.)
 */
@MicronautTest
class ConsoleControllerTest {

    private static final List<String> SCRIPTS = List.of("app.js", "api.js", "catalogue.js", "dom.js", "i18n.js",
            "submit.js", "tasks.js", "usage.js");
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String ID = "0123456789abcdef0123456789abcdef";

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Test
    void the_page_is_served_at_the_root() {
        Answer page = get("/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html").contains("charset=utf-8");
        assertThat(page.text()).contains("<script type=\"module\" src=\"/console/app.js\"></script>")
                .contains("href=\"/console/console.css\"");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'").contains("frame-ancestors 'none'");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Cache-Control")).isEqualTo("no-cache");
    }

    @Test
    void every_file_the_page_and_its_scripts_name_is_served_with_its_type() {
        Set<String> named = new LinkedHashSet<>();
        collect(get("/").text(), Pattern.compile("\"/console/([a-z0-9.-]+)\""), named);
        for (String script : SCRIPTS) {
            collect(resource(script), Pattern.compile("from '\\./([a-z0-9.-]+)'"), named);
        }
        assertThat(named).containsAll(SCRIPTS).contains("console.css", "icon.svg");

        for (String file : named) {
            Answer answer = get("/console/" + file);
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
            assertThat(answer.header("Content-Security-Policy")).as(file).isEqualTo(ConsoleController.POLICY);
        }
    }

    @Test
    void only_the_consoles_own_files_are_served() {
        assertThat(get("/console/nothing-here.js").status()).isEqualTo(404);
        assertThat(get("/console/..%2Fapplication-test.yml").status()).isEqualTo(404);
        assertThat(get("/console/..%2Fconsole%2Findex.html").status()).isEqualTo(404);
        assertThat(get("/console/Index.HTML").status()).isEqualTo(404);
        Answer missing = get("/console/missing.css");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.text()).contains("\"error\"");
    }

    @Test
    void an_unknown_file_is_a_404_in_the_rest_apis_error_shape_in_english() {
        Answer answer = get("/console/nothing-here.js", GivenRequestId.HEADER, ID);

        assertNotFound(answer, "the console has no file 'nothing-here.js'", "en");
        // Any language but Chinese is English.
        assertThat(get("/console/nothing-here.js", GivenRequestId.HEADER, ID, "Accept-Language", "fr-FR").text())
                .isEqualTo(answer.text());
    }

    @Test
    void an_unknown_file_is_a_404_in_chinese_for_a_client_that_prefers_it() {
        Answer answer = get("/console/nothing-here.js", GivenRequestId.HEADER, ID, "Accept-Language", "zh-CN,zh;q=0.9");

        assertNotFound(answer, "控制台没有文件“nothing-here.js”", "zh");
        assertThat(get("/console/nothing-here.js", GivenRequestId.HEADER, ID, "Accept-Language", "en;q=0.4, zh-Hans;q=0.8")
                .text()).isEqualTo(answer.text());
    }

    @Test
    void an_unknown_name_is_shown_abbreviated_and_escaped_as_the_rest_api_writes_it() {
        assertThat(get("/console/" + "a".repeat(50) + ".js", GivenRequestId.HEADER, ID).text())
                .isEqualTo(notFound("the console has no file '" + "a".repeat(37) + "…'"));
        assertThat(get("/console/x%22y%5Cz%01.js", GivenRequestId.HEADER, ID).text())
                .isEqualTo(notFound("the console has no file 'x\\\"y\\\\z\\u0001.js'"));
        // Cut before a surrogate pair, never inside it.
        assertThat(get("/console/" + "%F0%9F%98%80".repeat(20) + ".js", GivenRequestId.HEADER, ID, "Accept-Language", "zh")
                .text()).isEqualTo(notFound("控制台没有文件“" + "\\uD83D\\uDE00".repeat(18) + "…”"));
    }

    @Test
    void without_a_request_id_from_the_filter_the_404_makes_one() {
        Answer answer = get("/console/nothing-here.js");

        assertThat(node(answer).get("error").get("param").getStringValue()).matches("[0-9a-f]{32}");
    }

    @Test
    void every_string_the_scripts_use_is_in_english_and_chinese() {
        // The words come from the message catalogue (/console/messages.json), not from a copy in the scripts.
        assertThat(resource("i18n.js")).doesNotContain("'app.title'").contains("/console/messages.json");
        Answer messages = get("/console/messages.json");
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
    void the_consoles_words_are_the_catalogues_console_part_in_both_languages() {
        Answer answer = get("/console/messages.json");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
        Set<String> english = keys(answer, "en");
        assertThat(english).isNotEmpty().contains("app.title", "nav.submit").isEqualTo(keys(answer, "zh"));
        assertThat(english).isEqualTo(Messages.english().part("console").keySet());
        assertThat(node(answer).get("en").get("nav.tasks").getStringValue()).isEqualTo("Tasks");
        assertThat(node(answer).get("zh").get("nav.tasks").getStringValue())
                .isEqualTo(Messages.in(Language.CHINESE).text("nav.tasks")).isNotEqualTo("Tasks");
        // Placeholders are left for the page to fill.
        assertThat(node(answer).get("en").get("common.error").getStringValue()).contains("{message}");
    }

    @Test
    void the_messages_are_served_whatever_the_client_accepts() {
        for (String accept : new String[] {"*/*", "application/json", "text/html,application/xhtml+xml,*/*;q=0.8"}) {
            Answer messages = get("/console/messages.json", "Accept", accept);
            assertThat(messages.status()).as("Accept: %s", accept).isEqualTo(200);
            assertThat(keys(messages, "zh")).isNotEmpty();
        }
    }

    @Test
    void the_scripts_ask_the_api_for_the_consoles_language() {
        assertThat(resource("api.js")).contains("'Accept-Language': language()");
    }

    /** The REST API's 404 body for request {@link #ID}, {@code message} as written in JSON. */
    private static String notFound(String message) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"invalid_request_error\",\"code\":\"not_found\","
                + "\"param\":\"" + ID + "\"}}";
    }

    /** Asserts that the answer is the REST API's 404 for request {@link #ID} with {@code message}, in {@code language}. */
    private static void assertNotFound(Answer answer, String message, String language) {
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.text()).isEqualTo(notFound(message));
        assertThat(answer.header("Content-Type")).isEqualTo("application/json");
        assertThat(answer.header("Content-Language")).isEqualTo(language);
        assertThat(answer.header("Vary")).isEqualTo("Accept-Language");
    }

    private Answer get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURI() + path)).GET()
                .timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode node(Answer answer) {
        try {
            return json.readValue(answer.body(), JsonNode.class);
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + answer.status() + "): " + answer.text(), e);
        }
    }

    private Set<String> keys(Answer answer, String language) {
        Set<String> keys = new TreeSet<>();
        node(answer).get(language).entries().forEach(entry -> keys.add(entry.getKey()));
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

    private record Answer(int status, java.net.http.HttpHeaders headers, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }
}
