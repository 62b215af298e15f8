package com.vidugateway.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The web console's paths (served by adapter-console, not here) are open without a key once keys are configured:
 * its page, its words and its flat files, nothing else under {@code /console/}; the API behind the page still needs
 * a key.
 */
@MicronautTest
class ConsolePathsTest {

    @Inject
    EmbeddedServer server;

    private Api anonymous() {
        return new Api(server.getURI(), null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/console/messages.json", "/console/index.html", "/console/app.js",
        "/console/console.css", "/console/icon.svg", "/console/a-b-2.js", "/console/nothing-here.js"})
    void the_consoles_paths_are_its_page_its_words_and_its_flat_files(String path) {
        assertThat(GatewayFilter.isConsolePath(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/console", "/console/", "/console/Index.HTML", "/console/../x.js",
        "/console/sub/app.js", "/console/x.json", "/console/x.png", "/console/-a.js", "/console/.js", "/console/app.js/",
        "/console//app.js", "/consoleapp.js", "/index.html", "/v1/tasks", "/v1/console/app.js", "/console/messages.jsonx"})
    void nothing_else_is(String path) {
        assertThat(GatewayFilter.isConsolePath(path)).isFalse();
    }

    @Test
    void the_filter_lets_the_consoles_paths_through_without_a_key() {
        // No console in this module: past the filter the answer is "no such route", never 401.
        for (String path : new String[] {"/", "/console/messages.json", "/console/app.js", "/console/missing.css"}) {
            Api.Answer answer = anonymous().get(path);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.header("WWW-Authenticate")).as(path).isNull();
        }
    }

    @Test
    void any_other_path_under_console_needs_a_key() {
        for (String path : new String[] {"/console/Index.HTML", "/console/..%2Fapplication-test.yml", "/console/x.json",
            "/console/"}) {
            Api.Answer answer = anonymous().get(path);
            assertThat(answer.status()).as(path).isEqualTo(401);
            assertThat(answer.header("WWW-Authenticate")).as(path).isEqualTo("Bearer");
        }
        assertThat(new Api(server.getURI(), "key-a").get("/console/Index.HTML").status()).isEqualTo(404);
    }

    @Test
    void the_api_behind_the_page_still_needs_a_key() {
        assertThat(anonymous().get("/v1/tasks").status()).isEqualTo(401);
        assertThat(anonymous().get("/v1/models").status()).isEqualTo(401);
        assertThat(new Api(server.getURI(), "Bearer key-a").get("/v1/models").status()).isEqualTo(200);
    }
}
