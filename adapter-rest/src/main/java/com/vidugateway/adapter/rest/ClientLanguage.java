package com.vidugateway.adapter.rest;

import com.vidugateway.domain.text.Language;
import com.vidugateway.domain.text.Messages;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;

/**
 * The language a client reads the gateway's messages in: the one its {@code Accept-Language} prefers among English
 * and Simplified Chinese, English otherwise. Only the words change; codes, types, field paths and log lines stay
 * English.
 */
final class ClientLanguage {

    private ClientLanguage() {}

    /** The message catalogue in the request's language. */
    static Messages of(HttpRequest<?> request) {
        return Messages.in(Language.ofAcceptLanguage(request.getHeaders().get(HttpHeaders.ACCEPT_LANGUAGE)));
    }
}
