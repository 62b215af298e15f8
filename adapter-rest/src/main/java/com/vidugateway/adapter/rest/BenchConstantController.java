package com.vidugateway.adapter.rest;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * The benchmark's baseline (issue 5, {@code bench/rest-throughput.sh}): a minimal endpoint returning a
 * constant, in the same server as the API, behind the same filter. Present only with
 * {@code vidu.bench.constant-endpoint=true} ({@code VIDU_BENCH_CONSTANT_ENDPOINT=true}).
 */
@Controller("/bench")
@Requires(property = "vidu.bench.constant-endpoint", value = "true")
@Hidden
final class BenchConstantController {

    private static final String CONSTANT = "{\"ok\":true}";

    @Get(uri = "/constant", produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> constant() {
        return HttpResponse.ok(CONSTANT);
    }
}
