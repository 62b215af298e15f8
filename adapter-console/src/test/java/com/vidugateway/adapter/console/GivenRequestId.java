package com.vidugateway.adapter.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Stands in for the REST adapter's filter, which gives every request its id (the request attribute
 * {@value ConsoleController#REQUEST_ID}) before any controller runs: a test names the id in {@value #HEADER}.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class GivenRequestId {

    static final String HEADER = "X-Test-Request-Id";

    @RequestFilter
    void given(HttpRequest<?> request) {
        String id = request.getHeaders().get(HEADER);
        if (id != null) {
            request.setAttribute(ConsoleController.REQUEST_ID, id);
        }
    }
}
